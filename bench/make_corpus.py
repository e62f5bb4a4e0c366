"""Generate the speed-benchmark corpus: realistic SLA PDFs with ruled tables.

Deterministic: fixed seeds and reportlab's invariant mode, so the same command writes
byte-identical files on every machine. The corpus is generated on demand into
bench/corpus/ (gitignored), never committed.

    python bench/make_corpus.py                 # 100 docs of 8-12 pages + prose set + 400-page agreement
    python bench/make_corpus.py --docs 10       # a quick, smaller corpus

Layout of what is written:
    corpus/docs/sla-NNN.pdf      8-12 pages, two ruled tables on two different pages
    corpus/prose/prose-NN.pdf    10 pages, prose only (header and footer rules, no tables)
    corpus/long/agreement-400.pdf 400 pages, a master agreement with a service-level schedule
    corpus/manifest.json         pages, table pages and word counts of every file

Every page: a running header with a rule under it, a footer rule with "Page N of M", and
~600 words of numbered clauses drawn from a phrase bank (varied wording, real SLA shapes).
"""
from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
TOP = PAGE_H - 18 * mm  # header baseline
BODY_TOP = PAGE_H - 30 * mm
BODY_BOTTOM = 22 * mm
FONT, BOLD = "Helvetica", "Helvetica-Bold"
SIZE, LEADING = 10.2, 12.8
WORDS_PER_PAGE = 600

# --------------------------------------------------------------------------- phrase bank

VENDORS = ["Northwind Cloud Ltd", "Bluefield Managed Services plc", "Arcadia Hosting Inc.", "Kestrel Data Systems GmbH",
           "Harbour Networks Limited", "Quillon Software Corp.", "Meridian IT Services LLP", "Cobalt Telecom SA",
           "Larchmont Support Solutions", "Summit Infrastructure Pty Ltd", "Tern Analytics B.V.", "Oakridge Digital Ltd"]
CUSTOMERS = ["the Customer", "the Client", "the Buyer", "the Subscriber", "the Authority"]
SERVICES = ["Hosted Platform", "Managed Network Service", "Cloud Storage Service", "Service Desk", "Subscription Service",
            "Managed Backup Service", "Email and Collaboration Service", "Data Centre Colocation Service"]
SUPPLIER_WORDS = ["the Supplier", "the Provider", "the Service Provider", "the Vendor", "the Company"]
PCTS = ["99.9%", "99.5%", "99.95%", "99.0%", "99.99%", "99.8%"]
PERIODS = ["in each calendar month", "measured monthly", "in any Service Month", "over each quarter",
           "per monthly billing cycle", "measured over a rolling twelve month period"]
HOURS = ["08:00 to 18:00 Monday to Friday", "09:00-17:30 on Business Days", "07:00 to 19:00 on weekdays excluding public holidays",
         "24 hours a day, 7 days a week", "08:30 to 17:00 UK time on Working Days"]
NOTICE = ["48 hours'", "five (5) Business Days'", "at least 72 hours'", "seven days'", "24 hours'", "ten working days'"]
DAYS = ["thirty (30) days", "fifteen (15) Business Days", "60 days", "one calendar month", "14 days", "ninety (90) days"]
CAPS = ["30%", "25%", "50%", "100%", "15%", "one month's fees"]
DOC_TITLES = ["Service Level Agreement", "Schedule 2 - Service Levels", "Support and Availability Terms",
              "Managed Services Service Level Schedule", "Hosting Service Level Agreement", "Service Description and SLA"]

TOPICS: dict[str, list[str]] = {
    "Definitions": [
        '"Availability" means the percentage of minutes in a {period_noun} during which the {service} is accessible to {customer}, excluding Scheduled Maintenance.',
        '"Business Hours" means {hours}, and "Business Day" means any day other than a Saturday, Sunday or public holiday in England.',
        '"Downtime" means any period in which the {service} cannot be accessed by {customer} because of a failure of the systems operated by {supplier}.',
        '"Incident" means any event which is not part of the standard operation of the {service} and which causes, or may cause, an interruption to or a reduction in its quality.',
        '"Priority" means the level assigned to an Incident in accordance with the table in clause {ref}, reflecting its impact on the business of {customer}.',
        '"Service Credit" means the amount credited against future Charges where {supplier} fails to meet a Service Level, calculated in accordance with clause {ref}.',
        '"Scheduled Maintenance" means planned work on the {service} notified to {customer} not less than {notice} notice in advance.',
        '"Monthly Fee" means the recurring charges payable by {customer} for the {service} in respect of the relevant month, excluding one-off and professional services fees.',
        'Capitalised terms used but not defined in this Schedule have the meanings given to them in the Master Services Agreement.',
        'References to clauses and paragraphs are to clauses and paragraphs of this Schedule unless the context otherwise requires.',
    ],
    "Service Availability": [
        '{supplier} will use commercially reasonable efforts to make the {service} available with a Monthly Uptime Percentage of at least {pct}.',
        'Availability of the {service} shall be no less than {pct} {period}, calculated as set out in clause {ref}.',
        'Availability is calculated as the total minutes in the month less Downtime, divided by the total minutes in the month, multiplied by one hundred.',
        'For example, 43 minutes of Downtime in a thirty day month corresponds to an Availability of approximately 99.9%.',
        'Availability is measured by the monitoring system of {supplier} at intervals of not more than five minutes from at least two locations.',
        'Where {customer} disputes a measurement, the parties shall review the monitoring records in good faith and agree the Availability for the month.',
        'The target of {pct} applies to production environments only; development and test environments are provided on a reasonable endeavours basis.',
        'Periods of Downtime of less than five consecutive minutes shall not be counted when calculating Availability.',
    ],
    "Support and Incident Management": [
        '{supplier} shall provide a service desk, reachable by telephone, email and the customer portal, during {hours}.',
        'Each Incident shall be logged with a unique reference and assigned a Priority by {supplier} acting reasonably and in consultation with {customer}.',
        '{supplier} shall respond to Priority 1 Incidents within {resp} and shall provide status updates every {upd} until the Incident is resolved.',
        'Response means the acknowledgement of an Incident by a suitably qualified engineer who has begun diagnosis, not an automated email.',
        'Resolution means the restoration of the affected service, whether by a permanent fix or by a workaround that is acceptable to {customer}.',
        'Target response and resolution times for each Priority are set out in the table in clause {ref} and run during Support Hours unless stated otherwise.',
        'Where {customer} is unable to provide information reasonably requested by {supplier}, the clock shall stop until that information is provided.',
        '{customer} may request that the Priority of an Incident be raised, and {supplier} shall not unreasonably refuse such a request.',
        'Incidents reported outside Support Hours shall be treated as received at the start of the next Business Day, except Priority 1 Incidents.',
        'Escalation shall be to the service delivery manager after two hours and to the head of operations after four hours for unresolved Priority 1 Incidents.',
    ],
    "Maintenance": [
        '{supplier} may carry out Scheduled Maintenance on giving {customer} at least {notice} notice, and shall use reasonable efforts to do so outside Business Hours.',
        'Scheduled Maintenance shall not exceed eight hours in any calendar month and shall normally take place between 22:00 and 06:00 on a Sunday.',
        'Emergency Maintenance may be carried out without notice where it is necessary to protect the security or integrity of the {service}.',
        '{supplier} shall notify {customer} of Emergency Maintenance as soon as reasonably practicable and in any event within one hour of its start.',
        'A maintenance calendar for the following quarter shall be published on the customer portal no later than the fifteenth day of the preceding month.',
    ],
    "Exclusions": [
        'The Service Levels do not apply to any unavailability, suspension or termination of the {service} caused by factors outside the reasonable control of {supplier}, including any force majeure event.',
        'Downtime resulting from the acts or omissions of {customer}, its users or agents, or from equipment or software not provided by {supplier}, is excluded.',
        'The Service Levels shall not apply to failures of the public internet or of any network beyond the demarcation point of the network of {supplier}.',
        'Any suspension of the {service} in accordance with the Agreement, including for non-payment of undisputed Charges, shall not be counted as Downtime.',
        'Beta, preview and trial features are provided as is and are not covered by any Service Level or Service Credit.',
        'Unavailability caused by third-party services, hardware or software not supplied by {supplier} shall be excluded from the calculation of Availability.',
        'Downtime arising from Scheduled Maintenance or Emergency Maintenance carried out in accordance with clause {ref} is excluded.',
    ],
    "Service Credits": [
        'If Availability falls below {pct} in any month, {customer} shall be entitled to a Service Credit calculated in accordance with the table in clause {ref}.',
        'Service Credits shall not exceed {cap} of the Monthly Fee for the month in which the failure occurred.',
        '{customer} must request a Service Credit in writing within {days} of the end of the month in which the failure occurred, failing which the right lapses.',
        'Service Credits are the sole and exclusive remedy of {customer} for any failure to meet the Service Levels, except as set out in clause {ref}.',
        'Service Credits shall be applied against the next invoice and shall not be payable in cash, save on expiry or termination of the Agreement.',
        'The parties agree that the Service Credits are a price adjustment reflecting the reduced value of the {service} and are not a penalty.',
    ],
    "Termination for Chronic Failure": [
        'If Availability falls below {pct} in three consecutive months, or in any three months in a rolling six-month period, {customer} may terminate the affected Service without penalty.',
        'The right to terminate under this clause must be exercised by written notice within {days} of the end of the third month of failure.',
        'On termination under this clause, {supplier} shall refund any Charges paid in advance for the period after termination.',
    ],
    "Monitoring and Reporting": [
        '{supplier} monitors the infrastructure supporting the {service} 24x7 and alerts on-call engineers automatically when a threshold is breached.',
        '{supplier} shall provide a monthly service report within ten Business Days of the end of each month, showing Availability, Incidents and Service Credits.',
        'The parties shall hold a quarterly service review attended by the service delivery manager of {supplier} and a representative of {customer}.',
        'The monthly report shall include the number of Incidents by Priority, the response and resolution times achieved and the root cause of each Priority 1 Incident.',
        'Uptime is measured by the monitoring system of {supplier}, whose records shall be conclusive in the absence of manifest error.',
    ],
    "Backup and Recovery": [
        '{supplier} shall back up customer data daily and retain backups for thirty days in a second data centre at least fifty kilometres from the first.',
        'The recovery point objective is one hour and the recovery time objective is four hours for the production environment.',
        '{supplier} shall test the disaster recovery plan at least once a year and share a summary of the results with {customer}.',
        'Restoration of individual files from backup shall be carried out within two Business Days of a request from {customer}.',
    ],
    "Changes and Charges": [
        'Work outside the scope of the Services will be charged at the rates set out in Schedule 3 and shall be agreed in advance through a Change Request.',
        'Out-of-hours work requested by {customer} shall be charged at one and a half times the standard daily rate.',
        '{supplier} may update this Service Level Agreement from time to time by posting a new version on its website, provided that no update materially reduces the Service Levels.',
        'Any change to the Service Levels shall be agreed in writing and signed by authorised representatives of both parties.',
    ],
    "General": [
        'This Schedule forms part of the Agreement between {supplier} and {customer} and is subject to its terms, including the limitations of liability.',
        'In the event of conflict between this Schedule and the Master Services Agreement, the Master Services Agreement shall prevail unless expressly stated otherwise.',
        'Nothing in this Schedule shall limit the obligations of {supplier} in relation to data protection, confidentiality or information security.',
        'Each party shall comply with all applicable laws and regulations in performing its obligations under this Schedule.',
        'No failure or delay by a party to exercise any right or remedy provided under this Schedule shall constitute a waiver of that right or remedy.',
        'This Schedule and any dispute or claim arising out of or in connection with it shall be governed by the law of England and Wales.',
        'Notices under this Schedule shall be in writing and delivered by hand, by pre-paid first-class post or by email to the addresses set out in the Agreement.',
        'If any provision of this Schedule is found to be invalid or unenforceable, the remaining provisions shall continue in full force and effect.',
    ],
    "Data Protection and Security": [
        '{supplier} shall process personal data only on the documented instructions of {customer} and in accordance with the Data Protection Legislation.',
        '{supplier} shall maintain certification to ISO/IEC 27001 throughout the term and shall provide a copy of its certificate on request.',
        '{supplier} shall notify {customer} without undue delay, and in any event within 24 hours, after becoming aware of a personal data breach.',
        'Access to customer data shall be restricted to personnel who need it to perform the Services and who are bound by obligations of confidentiality.',
        '{supplier} shall carry out an annual penetration test of the {service} by an independent tester and remediate critical findings within thirty days.',
    ],
}
SLA_TOPICS = list(TOPICS)


@dataclass
class Style:
    """Per-document choices so the corpus is varied but each document consistent."""

    vendor: str
    customer: str
    supplier: str
    service: str
    pct: str
    period: str
    hours: str
    notice: str
    days: str
    cap: str
    title: str

    @classmethod
    def pick(cls, rng: random.Random) -> "Style":
        return cls(rng.choice(VENDORS), rng.choice(CUSTOMERS), rng.choice(SUPPLIER_WORDS), rng.choice(SERVICES),
                   rng.choice(PCTS), rng.choice(PERIODS), rng.choice(HOURS), rng.choice(NOTICE), rng.choice(DAYS),
                   rng.choice(CAPS), rng.choice(DOC_TITLES))


def sentence(rng: random.Random, topic: str, st: Style, template: str | None = None) -> str:
    template = template or rng.choice(TOPICS[topic])
    text = template.format(
        supplier=st.supplier, customer=st.customer, service=st.service, pct=st.pct, period=st.period,
        period_noun=rng.choice(["calendar month", "Service Month", "quarter"]), hours=st.hours, notice=st.notice,
        days=st.days, cap=st.cap, ref=f"{rng.randint(2, 9)}.{rng.randint(1, 6)}",
        resp=rng.choice(["15 minutes", "30 mins", "one (1) hour", "1 hr", "2 hours"]),
        upd=rng.choice(["30 minutes", "hour", "two hours", "4 hours"]),
    )
    return text[0].upper() + text[1:]


# --------------------------------------------------------------------------- tables

def priority_table(rng: random.Random) -> tuple[str, list[list[str]]]:
    names = rng.choice([["Priority 1", "Priority 2", "Priority 3", "Priority 4"], ["P1", "P2", "P3", "P4"],
                        ["Critical", "High", "Medium", "Low"], ["Severity 1", "Severity 2", "Severity 3", "Severity 4"]])
    resp = rng.choice([["15 minutes", "1 hour", "4 hours", "1 Business Day"], ["30 mins", "2 hrs", "8 hours", "2 Business Days"],
                       ["15 minutes", "30 minutes", "2 hours", "next business day"]])
    res = rng.choice([["4 hours", "8 hours", "3 Business Days", "10 Business Days"], ["2 hours", "1 Business Day", "5 days", "best endeavours"],
                      ["6 hours", "24 hours", "5 Business Days", "as agreed"]])
    upd = ["every 30 minutes", "every 2 hours", "daily", "weekly"]
    desc = ["Service unavailable to all users", "Major degradation or loss of a key function",
            "Minor fault with a workaround", "Question or cosmetic issue"]
    header = ["Priority", "Description", "Response", "Resolution", "Updates"]
    return "Table 1: Incident priorities and target times (24x7 for Priority 1, otherwise Business Hours)", [header] + [
        [names[i], desc[i], resp[i], res[i], upd[i]] for i in range(4)]


def credit_table(rng: random.Random, pct: str) -> tuple[str, list[list[str]]]:
    top = float(pct.rstrip("%"))
    steps = [top, round(top - 0.5, 2), round(top - 1.0, 2), round(top - 5.0, 2)]
    credits = rng.choice([["5%", "10%", "25%", "50%"], ["10%", "15%", "25%", "30%"], ["2%", "5%", "10%", "20%"]])
    rows = [["Monthly Availability", "Service Credit (% of Monthly Fee)"]]
    rows.append([f"Less than {steps[0]}% but at least {steps[1]}%", credits[0]])
    rows.append([f"Less than {steps[1]}% but at least {steps[2]}%", credits[1]])
    rows.append([f"Less than {steps[2]}% but at least {steps[3]}%", credits[2]])
    rows.append([f"Less than {steps[3]}%", credits[3]])
    return "Table 2: Service credits", rows


# --------------------------------------------------------------------------- layout

def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap with reportlab's font metrics."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if stringWidth(trial, font, size) <= width:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


@dataclass
class Writer:
    """Fills pages with numbered clauses; tracks words per page for the manifest."""

    c: canvas.Canvas
    rng: random.Random
    st: Style
    total_pages: int
    page: int = 0
    y: float = 0.0
    words: list[int] = field(default_factory=list)
    section: int = 0
    clause: int = 0

    def start_page(self) -> None:
        if self.page:
            self.c.showPage()
        self.page += 1
        self.words.append(0)
        c = self.c
        c.setFont(FONT, 8)
        c.drawString(MARGIN_X, TOP, f"{self.st.vendor} - {self.st.title}")
        c.drawRightString(PAGE_W - MARGIN_X, TOP, "Confidential")
        c.setLineWidth(0.6)
        c.line(MARGIN_X, TOP - 3 * mm, PAGE_W - MARGIN_X, TOP - 3 * mm)  # rule under the running header
        c.line(MARGIN_X, 16 * mm, PAGE_W - MARGIN_X, 16 * mm)  # rule above the footer
        c.drawString(MARGIN_X, 11 * mm, f"{self.st.service} SLA v{self.rng.randint(1, 4)}.{self.rng.randint(0, 9)}")
        c.drawRightString(PAGE_W - MARGIN_X, 11 * mm, f"Page {self.page} of {self.total_pages}")
        self.y = BODY_TOP

    def room(self, lines: int) -> bool:
        return self.y - lines * LEADING >= BODY_BOTTOM

    def text_lines(self, lines: list[str], font: str = FONT, indent: float = 0.0) -> None:
        self.c.setFont(font, SIZE)
        for ln in lines:
            self.c.drawString(MARGIN_X + indent, self.y, ln)
            self.y -= LEADING
            self.words[-1] += len(ln.split())

    def heading(self, topic: str) -> None:
        self.section += 1
        self.clause = 0
        self.y -= LEADING * 0.5
        self.text_lines([f"{self.section}. {topic.upper()}"], BOLD)
        self.y -= LEADING * 0.3

    def paragraph(self, topic: str) -> bool:
        """One numbered clause of 1-4 sentences; False when the page is full."""
        bank = TOPICS[topic]
        picked = self.rng.sample(bank, min(len(bank), self.rng.randint(1, 4)))
        body = " ".join(sentence(self.rng, topic, self.st, t) for t in picked)
        lines = wrap(body, FONT, SIZE, PAGE_W - 2 * MARGIN_X - 12 * mm)
        if not self.room(len(lines)):
            return False
        self.clause += 1
        self.c.setFont(FONT, SIZE)
        self.c.drawString(MARGIN_X, self.y, f"{self.section}.{self.clause}")
        self.text_lines(lines, indent=12 * mm)
        self.y -= LEADING * 0.4
        return True

    def table(self, caption: str, rows: list[list[str]]) -> None:
        """A fully ruled table: a line around every cell (what pdfplumber's lattice finds)."""
        width = PAGE_W - 2 * MARGIN_X
        ncol = len(rows[0])
        widths = [width * 0.34, width * 0.66] if ncol == 2 else [width * w for w in (0.13, 0.37, 0.16, 0.18, 0.16)]
        row_h = LEADING * 1.7
        self.y -= LEADING * 0.3
        self.text_lines([caption], BOLD)
        top = self.y + LEADING * 0.2
        c = self.c
        c.setLineWidth(0.5)
        for r, row in enumerate(rows):
            x = MARGIN_X
            c.setFont(BOLD if r == 0 else FONT, 8.5)
            for ci, cell in enumerate(row):
                c.rect(x, top - (r + 1) * row_h, widths[ci], row_h, stroke=1, fill=0)
                c.drawString(x + 2 * mm, top - (r + 1) * row_h + row_h * 0.35, cell)
                x += widths[ci]
            self.words[-1] += sum(len(cell.split()) for cell in row)
        self.y = top - len(rows) * row_h - LEADING * 1.2


def table_height(rows: int) -> float:
    return LEADING * 1.5 + rows * LEADING * 1.7 + LEADING * 1.2


def write_document(path: Path, seed: int, pages: int, table_pages: dict[int, str], title_page: bool = True,
                   topics: list[str] | None = None) -> dict:
    """One PDF of exactly `pages` pages; `table_pages` maps page -> "priority" | "credits"."""
    rng = random.Random(seed)
    st = Style.pick(rng)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(f"{st.vendor} {st.title}")
    c.setAuthor("sla-check benchmark corpus")
    w = Writer(c, rng, st, pages)
    order = list(topics or SLA_TOPICS)
    topic_i = 0
    for p in range(1, pages + 1):
        w.start_page()
        if p == 1 and title_page:
            c.setFont(BOLD, 16)
            c.drawString(MARGIN_X, w.y - 6, st.title)
            c.setFont(FONT, 10)
            c.drawString(MARGIN_X, w.y - 24, f"between {st.vendor} and {rng.choice(['Fenwick', 'Greystone', 'Halden', 'Ivel'])} "
                                             f"{rng.choice(['Council', 'University', 'Retail Group plc', 'Health Trust'])}")
            w.y -= 46
            w.words[-1] += 12
        kind = table_pages.get(p)
        table_at = rng.randint(1, 3) if kind else None  # after how many clauses the table goes
        placed = False
        n = 0
        if w.clause == 0 or rng.random() < 0.35:
            w.heading(order[topic_i % len(order)])
            topic_i += 1
        while True:
            if kind and not placed and n >= (table_at or 0):
                caption, rows = priority_table(rng) if kind == "priority" else credit_table(rng, st.pct)
                if not w.room(int(table_height(len(rows)) / LEADING) + 1):
                    raise RuntimeError(f"{path}: no room for the table on page {p}")
                w.table(caption, rows)
                placed = True
            topic = order[(topic_i - 1) % len(order)]
            if w.clause >= rng.randint(4, 9) and w.room(8):
                w.heading(order[topic_i % len(order)])
                topic_i += 1
                topic = order[(topic_i - 1) % len(order)]
            if not w.paragraph(topic):
                # fill the remaining lines with a shorter clause if it fits, else next page
                if not w.paragraph("General"):
                    break
            n += 1
    c.showPage()
    c.save()
    return {"file": f"{path.parent.name}/{path.name}", "pages": pages, "table_pages": sorted(table_pages),
            "words": sum(w.words), "words_per_page": round(sum(w.words) / pages, 1), "seed": seed}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100, help="number of 8-12 page SLAs (default 100)")
    ap.add_argument("--prose", type=int, default=20, help="number of 10-page prose-only SLAs (default 20)")
    ap.add_argument("--long-pages", type=int, default=400, help="pages of the long agreement (default 400; 0 = none)")
    ap.add_argument("--out", type=Path, default=HERE / "corpus")
    args = ap.parse_args()
    out: Path = args.out
    for sub in ("docs", "prose", "long"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    manifest: dict[str, list] = {"docs": [], "prose": [], "long": []}
    for i in range(args.docs):
        rng = random.Random(1000 + i)
        pages = rng.randint(8, 12)
        first = rng.randint(3, pages - 2)
        second = rng.randint(first + 1, pages)
        tables = {first: "priority", second: "credits"}
        manifest["docs"].append(write_document(out / "docs" / f"sla-{i:03d}.pdf", 1000 + i, pages, tables))
    for i in range(args.prose):
        manifest["prose"].append(write_document(out / "prose" / f"prose-{i:02d}.pdf", 5000 + i, 10, {}))
    if args.long_pages:
        n = args.long_pages
        tables = {n - 6: "priority", n - 3: "credits", n // 2: "priority", n // 4: "credits"}
        manifest["long"].append(write_document(out / "long" / f"agreement-{n}.pdf", 9000, n, tables))
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    total = sum(d["pages"] for d in manifest["docs"])
    wpp = sum(d["words"] for d in manifest["docs"]) / max(total, 1)
    print(f"wrote {len(manifest['docs'])} docs ({total} pages, {wpp:.0f} words/page), "
          f"{len(manifest['prose'])} prose docs, {len(manifest['long'])} long agreement(s) to {out}")


if __name__ == "__main__":
    main()
