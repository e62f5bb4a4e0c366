"""The term-family extractors (exclusions, credits, maintenance, monitoring, termination,
governance, parties): table-driven phrasings the way public SLAs write them, look-alikes that
must not count, and the fixture truth files for the spec fields."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Sequence

import pytest

from sla_check.extract import extract_terms
from sla_check.models import Block, Document, Section, Table, Terms

# --------------------------------------------------------------------------- helpers

Para = Any  # str, or (kind, text) with kind "heading" | "list_item" | "para"


def doc_of(*paras: Para, tables: Sequence[tuple[Optional[str], Sequence[str], Sequence[Sequence[str]]]] = ()) -> Document:
    """A Document of paragraphs (a ("heading", text) item opens a section) and (title, header, rows) tables."""
    blocks: list[Block] = []
    sections: list[Section] = []
    current: Optional[str] = None
    for p in paras:
        kind, text = p if isinstance(p, tuple) else ("para", p)
        if kind == "heading":
            current = text
            sections.append(Section(number=None, title=text, page=1, block_index=len(blocks)))
        blocks.append(Block(text=text, page=1, section=current, kind=kind))
    doc_tables = []
    for t_index, (title, header, rows) in enumerate(tables):
        doc_tables.append(Table(page=2, header=tuple(header), rows=tuple(tuple(r) for r in rows), title=title))
        for row in rows:
            text = " | ".join([row[0]] + [f"{h}: {c}" if h else c for h, c in zip(header[1:], row[1:])])
            blocks.append(Block(text=text, page=2, section=title, kind="table_row", table_id=t_index,
                                cells=tuple(row), header=tuple(header)))
    return Document(path="test.txt", format="text", pages=2, blocks=blocks, tables=doc_tables, sections=sections)


def terms_of(nlp: Any, *paras: Para, tables: Sequence[Any] = ()) -> Terms:
    return extract_terms(doc_of(*paras, tables=tables), nlp)


def categories(terms: Terms) -> set[str]:
    return {e.category for e in terms.exclusions}


# --------------------------------------------------------------------------- exclusions

# fmt: off
EXCLUSIONS = [
    # AWS / Google style: one long sentence with lettered items
    ("The Service Commitment does not apply to any unavailability, suspension or termination of the Service: "
     "(i) caused by factors outside of our reasonable control, including any force majeure event or Internet access "
     "or related problems beyond the demarcation point of the Service; (ii) that result from any voluntary actions or "
     "inactions from you or any third party; (iii) that result from your equipment, software or other technology; or "
     "(iv) arising from our suspension of your right to use the Service in accordance with the Agreement.",
     {"force_majeure", "network_outside_provider", "customer_caused", "third_party", "suspension"}),
    ("Downtime does not include Scheduled Maintenance or Emergency Maintenance.",
     {"scheduled_maintenance", "emergency_maintenance"}),
    ("Availability is calculated excluding planned maintenance windows notified to the Customer.",
     {"scheduled_maintenance"}),
    ("Unavailability resulting from a Force Majeure Event shall not be included in the calculation of Downtime.",
     {"force_majeure"}),
    ("No Service Credits will be issued for outages caused by the Customer's misuse of the Service.",
     {"customer_caused"}),
    ("The SLA does not apply to free trials, beta features or preview releases.", {"beta_preview"}),
    ("The Service Levels shall not apply to the extent that any failure is caused by a denial of service attack.",
     {"other"}),
    ("Outages caused by third-party hosting providers or the public internet are not counted as Downtime.",
     {"third_party", "network_outside_provider"}),
    ("Planned outages notified at least 5 working days in advance will not count towards the availability target.",
     {"scheduled_maintenance"}),
    # Microsoft style: roman items, "not provided by us", "external to our data centers"
    ("This SLA and any applicable Service Levels do not apply to any performance or availability issues: "
     "(i) Due to factors outside our reasonable control (for example, a network or device failure external to our "
     "data centers); (ii) That result from the use of services, hardware, or software not provided by us; "
     "(iii) During or with respect to preview, pre-release, beta or trial versions of a Service; or "
     "(iv) That result from your unauthorized action or lack of action when required.",
     {"force_majeure", "network_outside_provider", "third_party", "beta_preview", "customer_caused"}),
    ("Credits will not be given for downtime resulting from scheduled maintenance.", {"scheduled_maintenance"}),
    ("Downtime shall not include any period of unavailability resulting from (a) Scheduled Maintenance; "
     "(b) Emergency Maintenance; (c) the Customer's failure to comply with its obligations; or (d) any Force Majeure Event.",
     {"scheduled_maintenance", "emergency_maintenance", "customer_caused", "force_majeure"}),
    # a sub-list lead-in "(b) errors:" is not an uncategorised item
    ("The SLA does not apply to any: (a) features designated Alpha or Beta; (b) errors: (i) caused by factors outside "
     "of the Provider's reasonable control; or (ii) that resulted from Customer's software or hardware.",
     {"beta_preview", "force_majeure", "customer_caused"}),
    # look-alikes: not an exclusion from the service commitment
    ('"Available" means reachable from the internet; "Downtime" means any minute in which the Service is not Available.', set()),
    ("Neither party shall be liable for any delay caused by events beyond its reasonable control.", set()),
    ("Emergency maintenance will count as Downtime.", set()),
    ("Business Hours are 09:00 to 17:00 excluding public holidays.", set()),
    ("The monthly fee excludes third-party licence costs.", set()),
    ("Scheduled maintenance is carried out on Sundays between 02:00 and 04:00.", set()),
]
# fmt: on


@pytest.mark.parametrize("text, expected", EXCLUSIONS)
def test_exclusion_categories(nlp, text, expected):
    assert categories(terms_of(nlp, text)) == expected


def test_exclusions_section_bullets_and_other(nlp):
    terms = terms_of(
        nlp,
        ("heading", "5. Exclusions"),
        "The availability commitment does not apply to Downtime caused by:",
        ("list_item", "- scheduled maintenance announced at least 48 hours in advance;"),
        ("list_item", "- acts or omissions of the Customer or its users;"),
        ("list_item", "- failures of individual virtual machines not attributable to the platform."),
        ("heading", "6. Support"),
        "Support is provided by e-mail.",
    )
    assert categories(terms) == {"scheduled_maintenance", "customer_caused", "other"}
    assert all(e.evidence is not None and e.evidence.rule for e in terms.exclusions)


def test_exclusion_list_after_except_lead_in(nlp):
    """ "... available 99.5% of each month, except in the following cases:" then a bullet list."""
    terms = terms_of(
        nlp,
        "We guarantee the platform will be reachable 99.5% of the time in each month except in the following cases:",
        ("list_item", "- Periods of announced maintenance of which we gave notice."),
        ("list_item", "- Events outside our control, e.g. acts of God and outages of your internet provider."),
        ("list_item", "- Faults in code or plugins installed on your own hosting instances."),
        ("list_item", "- Service halted because your account was suspended for non-payment."),
    )
    assert {"scheduled_maintenance", "force_majeure", "network_outside_provider", "customer_caused",
            "suspension"} <= categories(terms)


# fmt: off
EXCLUSION_ITEMS = [
    ("- Connectivity failures outside the Provider's reasonable control.", {"network_outside_provider"}),
    ("- Storms, floods and other events outside the Provider's reasonable control.", {"force_majeure"}),
    ("- Components or hosting not supplied or managed by the Provider.", {"third_party"}),
    ("- Operation of the platform by the Customer contrary to the user guide.", {"customer_caused"}),
    ("- Modules that have not yet reached general availability.", {"beta_preview"}),
]
# fmt: on


@pytest.mark.parametrize("item, expected", EXCLUSION_ITEMS)
def test_exclusion_list_items(nlp, item, expected):
    terms = terms_of(nlp, "The availability commitment does not cover downtime resulting from:", ("list_item", item))
    assert categories(terms) == expected


def test_exclusion_examples_of_a_third_party_head_stay_third_party(nlp):
    terms = terms_of(nlp, "The target times do not apply to faults in any service supplied by a third party, "
                          "including internet connectivity.")
    assert categories(terms) == {"third_party"}


# --------------------------------------------------------------------------- credits

CREDIT_TABLE = ("Service Credits", ["Monthly Uptime Percentage", "Service Credit"],
                [["Less than 99.9% but equal to or greater than 99.0%", "10%"],
                 ["Less than 99.0% but equal to or greater than 95.0%", "25%"],
                 ["Less than 95.0%", "100%"]])


def test_credit_tiers_from_table(nlp):
    sc = terms_of(nlp, "If the Service does not meet the commitment you are eligible for a Service Credit.",
                  tables=[CREDIT_TABLE]).service_credits
    assert sc.present
    assert [(t.below_percent, t.credit_percent) for t in sc.tiers] == [(99.9, 10), (99.0, 25), (95.0, 100)]


# fmt: off
CAPS = [
    ("Service Credits shall not exceed 30% of the monthly charges for the affected Service.", 30),
    ("The maximum Service Credit in any month is fifty percent (50%) of the Monthly Fee.", 50),
    ("In no event will credits exceed one month's fees for the affected service.", 100),
    ("Total credits in any calendar month are capped at 15% of the monthly subscription fee.", 15),
    ("The aggregate of all Service Credits shall not exceed the fees payable for the month.", 100),
    ("Rebates for any one billing period will never exceed 40% of the charges for that period.", 40),
    ("The Service Credit will not in any case exceed 20% of the monthly subscription fee.", 20),
    ("Credits are payable per hour of downtime, up to a maximum of 100% of your monthly hosting charge.", 100),
    # look-alikes
    ("The Supplier's total liability shall not exceed 100% of the fees paid in the preceding 12 months.", None),
    ("For example, a credit of 10% would apply if availability were 99.5%.", None),
]
# fmt: on


@pytest.mark.parametrize("text, cap", CAPS)
def test_credit_cap(nlp, text, cap):
    assert terms_of(nlp, text).service_credits.max_credit_percent == cap


def test_credit_cap_in_the_sentence_after_the_credit(nlp):
    """The cap sentence refers back ("This is ...") and names no credit itself."""
    lead = "If we miss the target you may claim a credit of the following value:"
    rule = "For managed servers: five times the pro-rata rent for every hour of downtime. This is limited to a maximum of 75% of your monthly server rental."
    assert terms_of(nlp, lead, rule).service_credits.max_credit_percent == 75
    # a percentage of something else is no cap
    other = "For managed servers: five times the pro-rata rent for every hour of downtime. At most 10% of tickets are escalated."
    assert terms_of(nlp, lead, other).service_credits.max_credit_percent is None


# fmt: off
WINDOWS = [
    ("To receive a Service Credit, Customer must submit a claim within thirty (30) days of the end of the month.", 30),
    ("Credit requests must be received by the end of the second billing cycle after the incident occurred.", 60),
    ("Customer must request the service credit in writing no later than 10 business days after the incident.", 10),
    ("Claims for Service Credits must be made within two months of the relevant outage.", 60),
    ("To obtain a credit you must raise a claim with our billing team not later than the end of the third billing "
     "cycle after the outage occurred.", 90),
    ("To receive a Service Credit, you must submit a claim by the end of the calendar month following the month "
     "in which the Incident occurred.", 30),
    # look-alikes: processing time and disputes are not claim windows
    ("We will issue the Service Credit within one billing cycle following confirmation.", None),
    ("Service credits are applied automatically; if the Customer disputes a credit it must notify us within 60 days.", None),
]
# fmt: on


@pytest.mark.parametrize("text, days", WINDOWS)
def test_credit_claim_window(nlp, text, days):
    assert terms_of(nlp, text).service_credits.claim_window_days == days


# fmt: off
SOLE = [
    ("Service Credits are the Customer's sole and exclusive remedy for any failure to meet the Service Levels.", True),
    ("The credits set out in this SLA are your sole remedy for unavailability of the Services.", True),
    ("Service Credits shall be Customer's exclusive remedy for unavailability of the Service.", True),
    ("The Service Credits and the termination right in clause 9 are the Client's sole and exclusive remedies "
     "for any failure of the Services to meet the Availability Target.", True),
    ("Your right to end the Agreement under this section, together with any Service Credits, is your only "
     "remedy for unavailability of the Service.", True),
    ("Service credits are not the Client's sole remedy and do not limit its other rights.", False),
    ("Service credits are without prejudice to any other rights or remedies of the Customer.", False),
    ("Repair or replacement is the Customer's sole remedy for breach of the hardware warranty.", False),
]
# fmt: on


@pytest.mark.parametrize("text, sole", SOLE)
def test_credit_sole_remedy(nlp, text, sole):
    assert terms_of(nlp, text).service_credits.sole_remedy is sole


# fmt: off
SOLE_WITH_TERMINATION = [
    ("If the Uptime Target is missed in three consecutive months the Client may terminate the affected Service "
     "without penalty, and this right shall be the Client's sole and exclusive remedy for such failures.", True),
    ("Either party may terminate this Agreement for convenience on 90 days' notice; a refund of prepaid fees is "
     "the Client's sole remedy for a breach of the hardware warranty.", False),
]
# fmt: on


def test_sole_remedy_without_credits_is_the_termination_right(nlp):
    terms = terms_of(nlp, "If the Uptime Target is missed in three consecutive months the Client may cancel the "
                          "subscription and receive a refund of prepaid fees.",
                     "This cancellation and refund right is the Client's sole and exclusive remedy for any failure "
                     "to meet the Uptime Target.")
    assert terms.service_credits.present is False
    assert terms.service_credits.sole_remedy is True


@pytest.mark.parametrize("text, sole", SOLE_WITH_TERMINATION)
def test_sole_remedy_attached_to_termination_right(nlp, text, sole):
    credits = "Service Credits are calculated as 5% of the monthly fee for each hour of Downtime."
    assert terms_of(nlp, credits, text).service_credits.sole_remedy is sole


# fmt: off
AUTOMATIC = [
    ("Service credits will be applied automatically to the next invoice.", True),
    ("The Supplier shall deduct the Service Credits from the next invoice without any need for the Customer to claim them.", True),
    ("Service Credits are not applied automatically; the Customer must request them via a support ticket.", False),
    ("To receive a credit, you must open a support case within 30 days.", False),
]
# fmt: on


@pytest.mark.parametrize("text, automatic", AUTOMATIC)
def test_credit_automatic(nlp, text, automatic):
    assert terms_of(nlp, text).service_credits.automatic is automatic


@pytest.mark.parametrize("text", [
    "No service credits are offered under this SLA.",
    "This document sets out support targets only; it does not provide service credits.",
    "Payment may be made by credit card or bank transfer.",
])
def test_no_credits(nlp, text):
    assert not terms_of(nlp, text).service_credits.present


def test_credit_qualifier_workaround(nlp):
    terms = terms_of(nlp, "Service credits for a Priority 1 incident stop accruing once a Workaround has been provided.")
    assert terms.service_credits.present
    assert any(q.kind == "workaround" for q in terms.service_credits.qualifiers)


# --------------------------------------------------------------------------- maintenance

# fmt: off
NOTICE = [
    ("Planned maintenance is announced at least 36 hours ahead of the work.", 36),
    ("Scheduled maintenance: notified to customers 5+ days in advance by e-mail.", 120),
    ("We publish routine maintenance two days or more in advance on our status page.", 48),
    ("We will give at least 48 hours' notice of scheduled maintenance.", 48),
    ("Planned maintenance will be notified to the Customer no less than five (5) working days in advance.", 168),  # five working days span a calendar week
    ("The Provider shall provide a minimum of 7 days' prior written notice of any planned maintenance.", 168),
    ("Customers will be informed of maintenance at least 72 hours before it begins.", 72),
    ("Scheduled Maintenance requires notice of at least two (2) weeks.", 336),
    # look-alikes
    ("Emergency maintenance may be performed with 1 hour's notice.", None),
    ("We will notify you within 30 minutes of detecting an unplanned outage.", None),
    ("Maintenance windows last no longer than 4 hours.", None),
    ("Either party may terminate on 30 days' notice.", None),
]
# fmt: on


@pytest.mark.parametrize("text, hours", NOTICE)
def test_maintenance_notice_hours(nlp, text, hours):
    assert terms_of(nlp, text).maintenance_notice_hours.value == hours


def test_planned_notice_beats_out_of_window_notice(nlp):
    terms = terms_of(nlp, "Maintenance outside the Maintenance Window will be notified at least five (5) days in advance.",
                     "We will give 24 hours' notice of routine maintenance within the Maintenance Window.")
    assert terms.maintenance_notice_hours.value == 24


# fmt: off
WINDOW = [
    ("Routine maintenance takes place on Sundays between 01:00 and 05:00.", "outside_business_hours"),
    ("Planned maintenance is carried out between 22:00 and 06:00.", "outside_business_hours"),
    ("Planned maintenance may take place between 10:00 and 12:00 on weekdays.", "inside_business_hours"),
    ("Scheduled maintenance will be performed outside business hours.", "outside_business_hours"),
]
# fmt: on


@pytest.mark.parametrize("text, detail", WINDOW)
def test_maintenance_window(nlp, text, detail):
    window = terms_of(nlp, text).maintenance_window
    assert window.value and window.detail == detail


def test_a_sentence_introducing_the_maintenance_windows_is_not_one(nlp):
    assert terms_of(nlp, "Our maintenance windows are as follows:").maintenance_window.value is None
    window = terms_of(nlp, "Our maintenance windows are as follows:",
                      "Routine maintenance takes place on Sundays between 01:00 and 05:00.").maintenance_window
    assert window.detail == "outside_business_hours" and "Sundays" in str(window.value)


@pytest.mark.parametrize("text, hours", [
    ("Scheduled maintenance shall not exceed eight (8) hours per calendar month.", 8),
    ("Planned maintenance will not exceed 12 hours in any quarter.", 4),
    ("Maintenance windows last no longer than 4 hours.", None),
])
def test_maintenance_cap(nlp, text, hours):
    assert terms_of(nlp, text).maintenance_cap_hours.value == hours


# --------------------------------------------------------------------------- monitoring

# fmt: off
MONITORING = [
    ("Traffic from uptime checkers or other monitoring services not run by the Supplier is disregarded.", False),
    ("On receipt of a fault call our Network Operations Centre will log the fault and open a ticket.", False),
    ("Our Network Operations Centre monitors every circuit and raises a fault ticket when a link drops.", True),
    # the customer watches, or "monitoring" names records a claim must attach: no promise by the vendor
    ("Subscribers will need to monitor the usage meter 24x7 and notify us when a reading looks wrong.", False),
    ("The onus is on the customer to monitor each nightly job around the clock and raise a ticket if one fails.", False),
    ("Job results should be monitored by the customer in real time, with alerts sent to the customer's own team.", False),
    ("A claim must attach evidence such as traceroutes and monitoring logs of the affected sites.", False),
    ("We keep track of every enquiry and log it in the portal.", False),
    ("We constantly monitor platform uptime and publish quarterly availability reports on request.", False),
    ("The Provider monitors the hosted servers 24 hours a day and notifies the Client of any outage.", True),
    ("The Provider monitors the infrastructure 24x7 and alerts on-call engineers when a threshold is breached.", True),
    ("Our NOC proactively monitors all managed devices.", True),
    ("The service includes proactive monitoring of servers and network devices.", True),
    ("All systems are monitored continuously by automated tools, and incidents are raised automatically.", True),
    ("Availability is measured by the Provider's monitoring system.", False),
    ("Uptime will be calculated using the Supplier's monitoring tools at one-minute intervals.", False),
    ("The Provider does not monitor the Customer's systems.", False),
    ("The Customer is responsible for monitoring its own applications.", False),
]
# fmt: on


@pytest.mark.parametrize("text, expected", MONITORING)
def test_proactive_monitoring(nlp, text, expected):
    flag = terms_of(nlp, text).proactive_monitoring
    assert flag.value is expected
    assert (flag.evidence is not None) is expected


# --------------------------------------------------------------------------- termination

# fmt: off
CHRONIC = [
    ("If Availability falls below 99% in three consecutive months, the Customer may terminate the Agreement without penalty.", True),
    ("If the Supplier fails to meet the Service Levels in any three months in a rolling six-month period, the Customer may terminate.", True),
    ("The Customer may terminate this Agreement if the Provider misses the availability target on three or more occasions in any 12-month period.", True),
    ("A Chronic Failure occurs if the Uptime Commitment is missed in two consecutive months. "
     "Upon a Chronic Failure the Customer may terminate the affected Service.", True),
    # look-alikes
    ("Either party may terminate this Agreement for convenience on 30 days' notice.", False),
    ("The Provider may terminate if the Customer fails to pay invoices for two consecutive months.", False),
    ("The Customer shall have no right to terminate for repeated failures to meet the service levels.", False),
    ("The Agreement renews automatically for successive twelve-month periods unless terminated on 90 days' notice.", False),
]
# fmt: on


def test_chronic_failure_condition_and_termination_in_separate_paragraphs(nlp):
    cond = "A Line that suffers five or more Outages within any 90 day period is a Persistent Fault Line."
    assert terms_of(nlp, ("heading", "Persistent faults"), cond,
                    "In that event the Client may end the contract for that Line without early exit charges."
                    ).chronic_failure_termination.value is True
    assert terms_of(nlp, ("heading", "Persistent faults"), cond,
                    "The Client may then terminate the affected Line with no early termination charge."
                    ).chronic_failure_termination.value is True
    assert terms_of(nlp, ("heading", "Term"), cond, "Either party may terminate this Agreement on 90 days' notice."
                    ).chronic_failure_termination.value is False
    assert terms_of(nlp, ("heading", "Chronic Failure"), "The Customer may terminate the impacted Service by notice in writing."
                    ).chronic_failure_termination.value is True


@pytest.mark.parametrize("text, expected", CHRONIC)
def test_chronic_failure_termination(nlp, text, expected):
    assert terms_of(nlp, text).chronic_failure_termination.value is expected


# --------------------------------------------------------------------------- governance

# fmt: off
GOVERNANCE = [
    ("escalation_path", "Unresolved incidents may be escalated to the Service Delivery Manager and then to the Operations Director.", True),
    ("escalation_path", "The escalation matrix in Annex C lists names and contact times.", True),
    ("account_manager", "A named Service Delivery Manager will be the Customer's single point of contact.", True),
    ("account_manager", "The support plan does not include a named account manager.", False),
    ("service_reporting", "The Provider will deliver a monthly service report showing performance against each Service Level.", True),
    ("service_reporting", "The Supplier shall provide the Customer with a written report at the end of each month.", True),
    ("service_reporting", "The Customer must report incidents by telephone.", False),
    ("service_reviews", "The parties will hold quarterly service review meetings.", True),
    ("service_reviews", "The Parties shall meet every six (6) months to review the performance of the Services.", True),
    ("out_of_scope_charges", "Work outside the scope of the Services will be charged at the rates in Schedule 3.", True),
    ("out_of_scope_charges", "Out-of-hours work is billed at 1.5x the standard rate.", True),
    ("out_of_scope_charges", "All support is included in the monthly fee at no additional charge.", False),
    # a fee's definition that mentions out-of-scope work charges nothing itself
    ("out_of_scope_charges", "‘Monthly Fee’ (the “Fee”) means the recurring charge; work outside the scope of the Services "
                             "will be charged at the rates in Schedule 3.", False),
    ("rate_card", "Additional engineer time is charged at £95 per hour.", True),
    ("rate_card", "Additional work is charged at the rates set out in the Rate Card.", True),
    ("rate_card", "Additional work is charged at the Provider's then-current rates.", False),
    ("change_process", "Changes to the Services shall be made by Change Request under the change control procedure.", True),
    ("capacity_growth", "Additional users may be added on 30 days' notice and the fees adjusted pro rata.", True),
    ("capacity_growth", "Gold members pay a reduced rate for additional on-site visits.", False),
    ("backup", "The reseller may run the gateway software on two live servers and one backup server.", False),
    ("backup", "The data centre has backup generators and the provider backs up hosted data nightly.", True),
    ("backup", "The Provider backs up Customer Data daily and retains backups for 30 days.", True),
    ("backup", "The Customer is responsible for backing up its own data.", False),
    ("backup", "Nothing in this SLA obliges the Provider to back up your data.", False),
    ("unilateral_changes", "We may update this SLA from time to time by posting a new version on our website.", True),
    ("unilateral_changes", "This SLA may only be varied by written agreement signed by both parties.", False),
    ("downtime_defined", "\"Downtime\" means any period during which the Service is unavailable to users.", True),
    ("downtime_defined", "The Service is considered Unavailable when the error rate exceeds 5%.", True),
    # how the level is worked out defines it (blind sample 9); how it is watched does not
    ("downtime_defined", "Availability is calculated as the share of minutes in the month in which the portal answers.", True),
    ("downtime_defined", "Availability is measured by our monitoring, which checks each host every minute.", False),
]
# fmt: on


@pytest.mark.parametrize("field, text, expected", GOVERNANCE)
def test_governance_flags(nlp, field, text, expected):
    assert getattr(terms_of(nlp, text), field).value is expected


def test_a_definition_of_downtime_decides_over_the_formula_that_uses_it(nlp):
    terms = terms_of(nlp, "Availability is calculated as the minutes in the month less minutes of Downtime, over the minutes in the month.",
                     "\"Downtime\" means any minute in which the portal cannot be reached from the internet.")
    assert terms.downtime_defined.value is True
    assert terms.downtime_defined.evidence is not None and terms.downtime_defined.evidence.text.startswith('"Downtime" means')


def test_recovery_objectives_and_change_notice(nlp):
    terms = terms_of(nlp, "The recovery point objective is 1 hour and the recovery time objective is 4 hours.",
                     "We may modify this SLA at any time. Adverse changes take effect no earlier than 90 days after posting.")
    assert terms.rpo_minutes.value == 60
    assert terms.rto_minutes.value == 240
    assert terms.unilateral_changes.value is True
    assert terms.change_notice_days.value == 90


def test_severity_levels_defined_from_priority_table(nlp):
    table = ("Priority levels", ["Priority", "Description"],
             [["P1", "Service down"], ["P2", "Major degradation"], ["P3", "Minor issue"]])
    assert terms_of(nlp, "Incidents are prioritised as follows.", tables=[table]).severity_levels_defined.value is True
    assert terms_of(nlp, "Incidents are handled promptly.").severity_levels_defined.value is False


@pytest.mark.parametrize("text, defined", [
    ("A Priority 1 incident is one in which no user can reach the hosted service.", True),
    ("Severity 2 faults are those where a key function is unusable and no workaround exists.", True),
    ("Priority 1 incidents are answered within 15 minutes.", False),
])
def test_severity_levels_defined_in_a_sentence(nlp, text, defined):
    assert terms_of(nlp, text).severity_levels_defined.value is defined


# --------------------------------------------------------------------------- parties

# fmt: off
PARTIES = [
    ('This Agreement is made between Acme Hosting Ltd, a company registered in England and Wales ("Provider"), '
     'and Brightwater Logistics plc ("Customer").', "Acme Hosting Ltd", "Brightwater Logistics plc"),
    ('This SLA is made between Nimbus Cloud, Inc., a Delaware corporation ("Nimbus", "we" or "us"), and the customer '
     'identified in the Order Form ("you" or "Customer").', "Nimbus Cloud, Inc.", None),
    ('This Service Agreement is entered into by Harbourside IT Limited (the "Supplier") and Kingsway Dental LLP (the "Client").',
     "Harbourside IT Limited", "Kingsway Dental LLP"),
    # a web page's company calling itself "we", outside any parties clause
    ('These terms cover every plan that Larkspur Web Hosting ("we", "us" or "our") offers to its customers.',
     "Larkspur Web Hosting", None),
]
# fmt: on


@pytest.mark.parametrize("text, provider, customer", PARTIES)
def test_parties_clause(nlp, text, provider, customer):
    parties = terms_of(nlp, text).parties
    assert (parties.provider, parties.customer) == (provider, customer)


def test_a_quoted_word_that_is_no_pronoun_names_no_provider(nlp):
    # a bracket that defines a product, not the company as "we"
    parties = terms_of(nlp, 'Support for Cloud Backup ("the Product") is given in English.').parties
    assert parties.provider is None


def test_parties_numbered_and_dates(nlp):
    terms = terms_of(nlp, "THIS AGREEMENT is dated the fourth (4th) day of September 2026",
                     ("heading", "BETWEEN:"),
                     ("list_item", '(1) ASHGROVE SYSTEMS LIMITED, a company incorporated in England and Wales whose '
                                   'registered office is at Unit 7, Frome (the "Supplier"); and'),
                     ("list_item", '(2) WESTBURY HOUSING TRUST, a registered society (registration number 30112R) '
                                   '(the "Customer").'),
                     "The Agreement shall continue for an initial term of thirty-six (36) months.")
    assert terms.parties.provider == "Ashgrove Systems Limited"
    assert terms.parties.customer == "Westbury Housing Trust"
    assert terms.effective_date.value == "2026-09-04"
    assert terms.term_months.value == 36


def test_effective_date_formats(nlp):
    assert terms_of(nlp, "Version 4.2 - effective 1 July 2026").effective_date.value == "2026-07-01"
    assert terms_of(nlp, "Effective Date: March 3, 2025").effective_date.value == "2025-03-03"
    assert terms_of(nlp, "Effective from 2024-11-30.").effective_date.value == "2024-11-30"


# --------------------------------------------------------------------------- fixture truth files

MY_FIELDS = ("exclusions", "service_credits.present", "service_credits.max_credit_percent",
             "service_credits.claim_window_days", "service_credits.sole_remedy", "maintenance_notice_hours",
             "proactive_monitoring", "chronic_failure_termination")


@pytest.fixture(scope="module")
def fixture_report(contracts_dir: Path, extracted):  # type: ignore[no-untyped-def]
    from sla_check.evaluate import EvalReport, document_for, find_truth_files, load_truth, score_document

    report = EvalReport()
    for truth_path in find_truth_files([contracts_dir]):
        truth = load_truth(truth_path)
        doc = document_for(truth_path)
        if doc is None or truth.get("error"):
            continue
        score_document(report, str(truth.get("id") or truth_path.stem), truth, extracted(doc))
    if not report.documents:
        pytest.skip("no labelled fixture documents")
    return report


@pytest.mark.parametrize("field", MY_FIELDS)
def test_fixture_truth_f1(fixture_report, field):
    """Each of these spec fields scores F1 >= 0.95 over the labelled fixtures (misses listed)."""
    score = fixture_report.scores.get(field)
    if score is None or score.tp + score.fp + score.fn == 0:
        pytest.skip(f"no labelled values for {field}")
    misses = [m.line() for m in fixture_report.mistakes if m.field == field]
    assert score.f1 >= 0.95, "\n".join(misses)


# --------------------------------------------------------------------------- held-out wordings (own phrasing)

# fmt: off
MORE_EXCLUSIONS = [
    # capacity the provider may take back, and equipment past its support life, are cases of their own (other)
    ("Uptime commitments do not apply to virtual machines placed on preemptible capacity.", {"other"}),
    ("Laptops past their end of life remain in scope for help, but the response targets do not apply to them.", {"other"}),
    # upstream carriers and "outside our network" name the network beyond the provider
    ("The uptime guarantee does not apply to events beyond our reasonable control, such as upstream carrier outages or "
     "failures of other suppliers.", {"force_majeure", "network_outside_provider", "third_party"}),
    ("We are responsible for availability inside our data centre, but we cannot be held liable for routing "
     "faults outside of our network.", {"network_outside_provider"}),
    # suspension for unpaid invoices
    ("Accounts disconnected for non-payment when the outage began are not eligible for SLA credits.", {"suspension"}),
    # delays to the response commitment caused by events outside the provider's control
    ("Severe storms, road closures or other force majeure events may delay or prevent our on-site response.",
     {"force_majeure"}),
    # a carve-out of the targets when suppliers are involved
    (("heading", "Service-level targets"), "If an external vendor must ship a part, we will agree revised timelines with you.",
     {"third_party"}),
    # geography is not a carve-out of the service commitment
    ("This SLA covers the Dedicated Internet Access product in all regions except for the offshore islands.", set()),
]
# fmt: on


@pytest.mark.parametrize("case", MORE_EXCLUSIONS)
def test_more_exclusion_wordings(nlp, case):
    *paras, expected = case
    assert categories(terms_of(nlp, *paras)) == expected


def test_downtime_defined_as_unplanned_excludes_scheduled_maintenance(nlp):
    terms = terms_of(nlp, "Downtime is defined as any unscheduled interruption during which the hosted platform cannot be reached.")
    assert "scheduled_maintenance" in categories(terms)
    # a definition of Downtime that says nothing about planning excludes nothing
    assert categories(terms_of(nlp, "Downtime means any period in which the hosted platform cannot be reached.")) == set()


def test_emergency_maintenance_inside_the_maintenance_definition(nlp):
    excluded = "Availability excludes periods of Maintenance."
    with_emergency = '"Maintenance" means planned upkeep of the platform or urgent emergency maintenance.'
    assert categories(terms_of(nlp, excluded, with_emergency)) == {"scheduled_maintenance", "emergency_maintenance"}
    planned_only = '"Maintenance" means planned upkeep of the platform announced in advance.'
    assert categories(terms_of(nlp, excluded, planned_only)) == {"scheduled_maintenance"}


@pytest.mark.parametrize("text, present, cap", [
    ("For each hour of downtime a penalty of 2% of the monthly charge applies. The maximum penalty in a month is 50% of "
     "the monthly charge.", True, 50),
    ("Either party may terminate early without penalty on 60 days' notice.", False, None),
    ("A late payment penalty of 1.5% per month applies to overdue invoices.", False, None),
])
def test_penalty_wording_for_service_credits(nlp, text, present, cap):
    credits = terms_of(nlp, text).service_credits
    assert credits.present is present
    assert credits.max_credit_percent == cap


def test_credit_cap_in_no_case_exceed_amount_charged(nlp):
    text = ("The Customer receives a credit of one day's fee per outage hour, provided that in no case will all credits "
            "for a month exceed the amount charged for that month.")
    assert terms_of(nlp, text).service_credits.max_credit_percent == 100


def test_sole_remedy_stated_by_the_sla_itself(nlp):
    terms = terms_of(nlp, "Service credits of 5% apply for each missed hour.",
                     "This Service Level Agreement sets out the sole and exclusive remedy of the Client for any failure "
                     "to achieve the availability target.")
    assert terms.service_credits.sole_remedy is True
    # the same words about a warranty are not about the service level
    terms = terms_of(nlp, "Service credits of 5% apply for each missed hour.",
                     "Replacement of the device is the sole and exclusive remedy under the hardware warranty.")
    assert terms.service_credits.sole_remedy is False


@pytest.mark.parametrize("text, expected", [
    ("Where the platform suffers Multiple Outages, the Subscriber may terminate the order by written notice.", True),
    ("If there are repeat service level failures, the Customer may terminate the affected Service.", True),
    ("Multiple users may be added; the Customer may terminate any user licence at renewal.", False),
])
def test_multiple_failures_termination(nlp, text, expected):
    assert terms_of(nlp, text).chronic_failure_termination.value is expected


def test_network_changes_need_notice(nlp):
    text = "Any change to the network configuration that may affect the service must be notified at least 10 days before implementation."
    assert terms_of(nlp, text).maintenance_notice_hours.value == 240


def test_a_level_stated_under_a_service_levels_heading_is_its_commitment(nlp):
    # no "will" or "guarantee" in the sentence: the heading says these are the service levels
    under = terms_of(nlp, ("heading", "Service Levels"), "The level of availability for the Platform is 99.8%.")
    assert [(u.percent, u.period) for u in under.uptime] == [(99.8, "unspecified")]
    # a figure under a neutral heading with no commitment wording stays a description, not a target
    elsewhere = terms_of(nlp, ("heading", "How we run the Platform"),
                         "Our measured availability over the past twelve months was 99.8%.")
    assert elsewhere.uptime == []
    # (a level named and given a value, "availability for the Platform is 99.8%", is a stated level anywhere)


# --------------------------------------------------------------------------- exclusion shapes (t-excl2)

# fmt: off
EXCLUSION_SHAPES = [
    # a lead-in "exclusive of" carves maintenance out of the figure
    ("Monthly availability is worked out exclusive of interruptions during notified maintenance windows.",
     {"scheduled_maintenance"}),
    # urgent work slotted into the schedule is still emergency maintenance
    ("Uptime excludes urgent planned works needed to close a security hole.", {"emergency_maintenance", "scheduled_maintenance"}),
    # parts of the chain the provider is not answerable for
    ("The availability promise does not cover faults in parts that lie outside the operator's area of responsibility.",
     {"third_party"}),
    ("No service credit is owed for outages of external services the platform relies on, such as mail relays.",
     {"third_party"}),
    # the line between the customer's building and the provider's edge
    ("The uptime target does not apply to a cable fault between your premises and our point of presence.",
     {"network_outside_provider"}),
    # a free package carries no commitment
    ("Workspaces on the free package are not covered by the availability guarantee.", {"beta_preview"}),
]
# fmt: on


@pytest.mark.parametrize("text, expected", EXCLUSION_SHAPES)
def test_exclusion_shapes(nlp, text, expected):
    assert categories(terms_of(nlp, text)) == expected


def test_items_that_lost_their_bullets_follow_a_colon_lead_in(nlp):
    """A PDF that drops bullet glyphs leaves each item as a short paragraph of its own."""
    terms = terms_of(
        nlp,
        ("heading", "Service availability"),
        "Uptime is calculated excluding the following periods:",
        "Maintenance windows we announced a week ahead.",
        "Time the account was switched off for unpaid invoices and suspended.",
        ("heading", "Contact"),
        "Outages of your own router are reported to us by phone.",
    )
    assert categories(terms) == {"scheduled_maintenance", "suspension"}
    # without a colon lead-in the short paragraphs stay what they are
    plain = terms_of(nlp, ("heading", "Service availability"), "Uptime is 99.9% a month.",
                     "Maintenance windows are announced a week ahead.")
    assert categories(plain) == set()


def test_a_long_paragraph_ends_the_unmarked_list(nlp):
    terms = terms_of(
        nlp,
        ("heading", "Availability"),
        "The following are not taken into account when availability is measured:",
        "Announced maintenance windows.",
        "We publish a monthly report with the measured availability of each region, the number of incidents opened, "
        "how long each took to resolve and what we changed afterwards, and we send it to your named contacts as well.",
        "Faults in equipment supplied by another company.",
    )
    assert categories(terms) == {"scheduled_maintenance"}


def test_work_support_will_not_do_is_not_an_exclusion(nlp):
    """ "Not covered" under a support policy lists tasks, not events carved out of a commitment."""
    terms = terms_of(
        nlp,
        ("heading", "Not covered"),
        ("list_item", "- Debugging code your developers wrote"),
        ("list_item", "- General tuning of third party database engines"),
        ("list_item", "- Setting up laptops for new staff"),
    )
    assert categories(terms) == set()
    events = terms_of(nlp, ("heading", "Not covered"), ("list_item", "- Outages caused by your own firewall rules"))
    assert categories(events) == {"customer_caused"}


# fmt: off
EXCLUSION_LEAD_INS = [
    # relief from the service levels said as no breach, no liability or no obligation
    ("The hosting company is not in breach of the service levels where the failure comes from hardware of "
     "other vendors.", {"third_party"}),
    ("The operator has no liability for missing the availability target when the client's own firewall blocks access.",
     {"customer_caused"}),
    ("In no event is the provider responsible for downtime brought about by acts of God.", {"force_majeure"}),
    ("We are not obliged to pay service credits for an outage that follows changes the customer made to its DNS.",
     {"customer_caused"}),
    # credits said to be unavailable
    ("Service credits are not payable for interruptions during announced maintenance windows.", {"scheduled_maintenance"}),
    # "not guaranteed" for parts of the chain owned by others
    ("Uptime of checkout is not guaranteed when it depends on external payment gateways.", {"third_party"}),
    # the customer's part said with "from" or "taken by"; providers outside the provider's control
    ("Service credits are not payable for downtime that follows actions taken by the subscriber in its admin console.",
     {"customer_caused"}),
    ("The uptime target does not cover failures of registrars or other providers outside of the company's control.",
     {"third_party"}),
    # unplanned maintenance is emergency maintenance only
    ("Unplanned maintenance needed to patch a security hole is not counted as downtime.", {"emergency_maintenance"}),
]
# fmt: on


@pytest.mark.parametrize("text, expected", EXCLUSION_LEAD_INS)
def test_exclusion_lead_ins(nlp, text, expected):
    assert categories(terms_of(nlp, text)) == expected


def test_rows_of_a_table_whose_first_column_is_headed_exclusion(nlp):
    table = ("Service levels", ["Exclusion", "What it means"],
             [["Announced maintenance", "Work we told you about two days ahead"],
              ["Events beyond our reasonable control", "Storms, strikes, acts of government"]])
    assert categories(terms_of(nlp, "Uptime target: 99.9% each month.", tables=[table])) == {
        "scheduled_maintenance", "force_majeure"}
    other = ("Service levels", ["Component", "What it means"], [["Announced maintenance", "Work we told you about"]])
    assert categories(terms_of(nlp, "Uptime target: 99.9% each month.", tables=[other])) == set()


# fmt: off
EXCLUSION_SCOPES = [
    # the commitment named as performance standards, repair times or the support services themselves
    ("The performance standards do not extend to delays caused by the client's own modifications.", {"customer_caused"}),
    ("Time to repair targets do not apply to faults in cabling laid by third parties.", {"third_party"}),
    ("Our support services do not extend to incidents caused by acts of God.", {"force_majeure"}),
    # a sentence that names no commitment excludes nothing
    ("The warehouse lease does not extend to damage caused by acts of God.", set()),
]
# fmt: on


@pytest.mark.parametrize("text, expected", EXCLUSION_SCOPES)
def test_exclusion_scopes(nlp, text, expected):
    assert categories(terms_of(nlp, text)) == expected


def test_exceptions_heading_lists_exclusions(nlp):
    terms = terms_of(nlp, ("heading", "Exceptions"), ("list_item", "- Maintenance we announced in advance."),
                     ("list_item", "- Faults on the public internet."))
    assert categories(terms) == {"scheduled_maintenance", "network_outside_provider"}
    # an exception to something else is not an exclusion from the service levels
    assert categories(terms_of(nlp, ("heading", "Exceptions to confidentiality"),
                               ("list_item", "- Information the other party's suppliers already held."))) == set()


def test_a_tier_table_run_into_one_line_gives_no_targets(nlp):
    """ "Network Uptime Credit Scale 99% Guaranteed 98% 5% 97% 10% 96% 20%": a credit tier table whose cells
    ran together; its pairs are bands and credits, and only the level marked as the promise is a target."""
    terms = terms_of(nlp, "Network Uptime Credit Scale 99% Guaranteed 98% 5% 97% 10% 96% 20% Below 96% 40%")
    assert [u.percent for u in terms.uptime] == [99]
    # two pairs are not yet a table: "99.5% 10%" may be a sentence's target and its credit
    terms = terms_of(nlp, "Uptime of 99.9% is guaranteed; service credit of 99.5% 10% applies.")
    assert 99.9 in [u.percent for u in terms.uptime]


def test_automated_alarms_to_staff_are_proactive_monitoring(nlp):
    """ "Outages raise automated alarms to our on-call staff": the staff are told, not watched, so the
    alerting promise stands; monitoring of staff (a thing other than the service) still does not count."""
    terms = terms_of(nlp, "The platform is available 99.9% of each month. Outages raise automated alarms to our "
                          "on-call staff.")
    assert terms.proactive_monitoring.value is True
    terms = terms_of(nlp, "The platform is available 99.9% of each month. We monitor staff workloads weekly.")
    assert terms.proactive_monitoring.value is False
