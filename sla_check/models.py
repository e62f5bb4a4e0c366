"""Typed dataclasses that pass between the stages: ingest -> extract -> check -> report.

Each output type has one `to_dict()` that produces the JSON of ../shared/spec/terms.md;
the JSON Lines writer, the Excel report and the evaluation all reuse it.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Generic, Optional, TypeVar

# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True)
class Block:
    """One unit of document text: a paragraph, heading, list item or table row.

    Table rows are rendered as text that keeps the header association, e.g.
    "Priority 1 | Response time: 15 minutes | Resolution time: 4 hours", and also keep
    their raw cells and the table's header so later stages can read the structure.
    """

    text: str
    page: int  # 1-based
    section: Optional[str] = None  # clause number or heading the block sits under
    kind: str = "para"  # para | heading | list_item | table_row
    table_id: Optional[int] = None  # index into Document.tables for table rows
    cells: Optional[tuple[str, ...]] = None  # raw cells of a table row
    header: Optional[tuple[str, ...]] = None  # the table's header cells
    # (offset in text, page) where a paragraph carries on after a page break, in order
    page_breaks: tuple[tuple[int, int], ...] = ()

    def page_at(self, offset: int) -> int:
        """The page that holds character `offset` of `text` (a paragraph can cross a page break)."""
        page = self.page
        for start, later in self.page_breaks:
            if offset >= start:
                page = later
        return page


@dataclass(frozen=True)
class Table:
    """A table as read from the file; `rows` excludes the header row."""

    page: int  # page where the table starts
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: Optional[str] = None  # nearby caption/heading, if any (may carry the basis)
    pages: tuple[int, ...] = ()  # every page the table spans


@dataclass(frozen=True)
class Section:
    """A clause or heading: where it starts in the block list."""

    number: Optional[str]  # "4.2", "4.2(a)", "Schedule 2"; None for unnumbered headings
    title: str
    page: int
    block_index: int

    @property
    def label(self) -> str:
        return self.number or self.title


@dataclass(frozen=True)
class ReadWarning:
    """Something ingestion had to work around, that the reader of the review should know:
    a page that failed to parse, a page without text among pages with text, a repaired file.
    `page` is None when it concerns the whole file."""

    code: str
    message: str
    page: Optional[int] = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "page": self.page}


@dataclass
class Document:
    """Everything ingestion read from one file, in reading order."""

    path: str
    format: str  # pdf | docx | text
    pages: int
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    sha256: str = ""
    engine: str = ""  # which reader produced it (pdfium, pdfplumber, docx, text)
    separator: str = "\n\n"
    warnings: list[ReadWarning] = field(default_factory=list)
    ocr_confidence: dict[int, float] = field(default_factory=dict)  # page -> OCR mean word confidence (0-1)
    unread_pages: list[int] = field(default_factory=list)  # pages with no text layer that OCR did not read

    @property
    def ocr_pages(self) -> list[int]:
        """Pages read by OCR (they had no usable text layer)."""
        return sorted(self.ocr_confidence)

    @property
    def text(self) -> str:
        """All blocks joined by `separator`; offsets index into this string."""
        return self.separator.join(b.text for b in self.blocks)

    def block_offsets(self) -> list[int]:
        """Start offset of every block in `text`."""
        offsets, pos = [], 0
        for b in self.blocks:
            offsets.append(pos)
            pos += len(b.text) + len(self.separator)
        return offsets

    def locate(self, offset: int) -> Block:
        """The block (so the page and section) that holds a character offset of `text`."""
        offsets = self.block_offsets()
        i = max(0, bisect.bisect_right(offsets, offset) - 1)
        return self.blocks[i]

    def page_text(self, page: int) -> str:
        return "\n".join(b.text for b in self.blocks if b.page == page)


# --------------------------------------------------------------------------- terms


@dataclass(frozen=True)
class Evidence:
    """Where a value came from, so a reviewer can check it in seconds."""

    page: int
    section: Optional[str]
    text: str
    rule: Optional[str] = None  # id of the pattern/rule that found it (explains "why")

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"page": self.page, "section": self.section, "text": self.text}
        if self.rule:
            d["rule"] = self.rule
        return d


def _ev(e: Optional[Evidence]) -> Optional[dict[str, Any]]:
    return e.to_dict() if e is not None else None


@dataclass(frozen=True)
class Qualifier:
    """Something that weakens a commitment, kept on the term so the checker can say so.

    kind: efforts ("commercially reasonable efforts"), target_only ("targets only",
    "not guaranteed"), carve_out ("except", "unless", "provided that", "subject to"),
    attainment ("90% of incidents"), scope_limited (only some plans/services/hours),
    workaround (credits/clock stop once a workaround is offered).
    """

    kind: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class Uptime:
    percent: float
    period: str  # month | quarter | year | unspecified
    service: Optional[str] = None
    evidence: Optional[Evidence] = None
    qualifiers: tuple[Qualifier, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "percent": self.percent,
            "period": self.period,
            "service": self.service,
            "qualifiers": [q.to_dict() for q in self.qualifiers],
            "evidence": _ev(self.evidence),
        }


@dataclass(frozen=True)
class TimeCommitment:
    severity_level: Optional[int]
    severity_label: Optional[str]
    kind: str  # response | resolution | update
    minutes: float
    basis: str  # calendar | business | unspecified
    evidence: Optional[Evidence] = None
    attainment_percent: Optional[float] = None  # "90% of P1 incidents ..."
    qualifiers: tuple[Qualifier, ...] = ()
    scope: Optional[str] = None  # the plan or tier the time belongs to ("Premium", "Out of hours")

    def to_dict(self) -> dict[str, Any]:
        minutes: Any = int(self.minutes) if float(self.minutes).is_integer() else self.minutes
        return {
            "severity_level": self.severity_level,
            "severity_label": self.severity_label,
            "kind": self.kind,
            "minutes": minutes,
            "basis": self.basis,
            "attainment_percent": self.attainment_percent,
            "scope": self.scope,
            "qualifiers": [q.to_dict() for q in self.qualifiers],
            "evidence": _ev(self.evidence),
        }


T = TypeVar("T", str, float)


@dataclass(frozen=True)
class Value(Generic[T]):
    """A scalar term: `value` is None when the document does not state it."""

    value: Optional[T] = None
    evidence: Optional[Evidence] = None
    detail: Optional[str] = None  # extra normalised detail where useful

    def to_dict(self) -> Optional[dict[str, Any]]:
        if self.value is None:
            return None
        d: dict[str, Any] = {"value": self.value, "evidence": _ev(self.evidence)}
        if self.detail is not None:
            d["detail"] = self.detail
        return d


@dataclass(frozen=True)
class Flag:
    """A yes/no term: absent means {"value": false, "evidence": null}."""

    value: bool = False
    evidence: Optional[Evidence] = None
    detail: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"value": self.value, "evidence": _ev(self.evidence)}
        if self.detail is not None:
            d["detail"] = self.detail
        return d


@dataclass(frozen=True)
class Exclusion:
    category: str
    evidence: Optional[Evidence] = None

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "evidence": _ev(self.evidence)}


@dataclass(frozen=True)
class CreditTier:
    below_percent: float
    credit_percent: float

    def to_dict(self) -> dict[str, Any]:
        return {"below_percent": self.below_percent, "credit_percent": self.credit_percent}


@dataclass(frozen=True)
class ServiceCredits:
    present: bool = False
    tiers: tuple[CreditTier, ...] = ()
    max_credit_percent: Optional[float] = None
    claim_window_days: Optional[int] = None
    sole_remedy: bool = False
    automatic: Optional[bool] = None  # True applied automatically, False must be claimed
    evidence: tuple[Evidence, ...] = ()
    qualifiers: tuple[Qualifier, ...] = ()
    #: the clause that states each detail (the findings cite it, not the first credit-table row);
    #: not_sole_remedy is a clause keeping the buyer's other remedies ("without prejudice to ...")
    cap_evidence: Optional[Evidence] = None
    claim_window_evidence: Optional[Evidence] = None
    sole_remedy_evidence: Optional[Evidence] = None
    not_sole_remedy_evidence: Optional[Evidence] = None
    automatic_evidence: Optional[Evidence] = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "present": self.present,
            "tiers": [t.to_dict() for t in self.tiers],
            "max_credit_percent": self.max_credit_percent,
            "claim_window_days": self.claim_window_days,
            "sole_remedy": self.sole_remedy,
            "automatic": self.automatic,
            "qualifiers": [q.to_dict() for q in self.qualifiers],
            "evidence": [e.to_dict() for e in self.evidence],
            "evidence_by_detail": {
                name: _ev(getattr(self, f"{name}_evidence"))
                for name in ("cap", "claim_window", "sole_remedy", "not_sole_remedy", "automatic")
                if getattr(self, f"{name}_evidence") is not None
            },
        }


@dataclass(frozen=True)
class Parties:
    provider: Optional[str] = None
    customer: Optional[str] = None
    evidence: Optional[Evidence] = None

    def to_dict(self) -> dict[str, Any]:
        return {"provider": self.provider, "customer": self.customer, "evidence": _ev(self.evidence)}


@dataclass
class Terms:
    """Every term extracted from one document. Spec fields first, then our extras."""

    # -- fields fixed by terms.md
    uptime: list[Uptime] = field(default_factory=list)
    response_times: list[TimeCommitment] = field(default_factory=list)
    support_hours: Value[str] = field(default_factory=Value)  # 24x7 | business_hours | mixed | unspecified
    exclusions: list[Exclusion] = field(default_factory=list)
    service_credits: ServiceCredits = field(default_factory=ServiceCredits)
    maintenance_notice_hours: Value[float] = field(default_factory=Value)
    proactive_monitoring: Flag = field(default_factory=Flag)
    chronic_failure_termination: Flag = field(default_factory=Flag)
    # -- extras (names ours)
    parties: Parties = field(default_factory=Parties)
    effective_date: Value[str] = field(default_factory=Value)  # ISO date string
    term_months: Value[float] = field(default_factory=Value)  # initial term, months
    severity_levels_defined: Flag = field(default_factory=Flag)
    downtime_defined: Flag = field(default_factory=Flag)
    escalation_path: Flag = field(default_factory=Flag)
    account_manager: Flag = field(default_factory=Flag)
    service_reporting: Flag = field(default_factory=Flag)
    service_reviews: Flag = field(default_factory=Flag)
    out_of_scope_charges: Flag = field(default_factory=Flag)  # extra work is chargeable
    rate_card: Flag = field(default_factory=Flag)
    change_process: Flag = field(default_factory=Flag)
    capacity_growth: Flag = field(default_factory=Flag)
    backup: Flag = field(default_factory=Flag)
    rpo_minutes: Value[float] = field(default_factory=Value)
    rto_minutes: Value[float] = field(default_factory=Value)
    maintenance_window: Value[str] = field(default_factory=Value)  # value: text; detail: outside_business_hours|inside_business_hours|unknown
    maintenance_cap_hours: Value[float] = field(default_factory=Value)  # max scheduled maintenance hours per month
    unilateral_changes: Flag = field(default_factory=Flag)  # provider may change the SLA unilaterally
    change_notice_days: Value[float] = field(default_factory=Value)  # notice before SLA changes
    qualifiers: list[tuple[str, Qualifier, Evidence]] = field(default_factory=list)  # (term field, qualifier, evidence)
    #: connectivity | colocation | hosting | saas | managed_service | support (None: not recognised)
    service_kind: Value[str] = field(default_factory=Value)
    #: topic -> where the document speaks of it (a heading or table header), whether or not a value was read
    mentions: dict[str, Evidence] = field(default_factory=dict)

    SPEC_FIELDS = (
        "uptime",
        "response_times",
        "support_hours",
        "exclusions",
        "service_credits",
        "maintenance_notice_hours",
        "proactive_monitoring",
        "chronic_failure_termination",
    )

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "uptime": [u.to_dict() for u in self.uptime],
            "response_times": [r.to_dict() for r in self.response_times],
            "support_hours": self.support_hours.to_dict(),
            "exclusions": [e.to_dict() for e in self.exclusions],
            "service_credits": self.service_credits.to_dict(),
            "maintenance_notice_hours": self.maintenance_notice_hours.to_dict(),
            "proactive_monitoring": self.proactive_monitoring.to_dict(),
            "chronic_failure_termination": self.chronic_failure_termination.to_dict(),
            "parties": self.parties.to_dict(),
            "service_kind": self.service_kind.to_dict(),
        }
        for name in (
            "effective_date",
            "term_months",
            "rpo_minutes",
            "rto_minutes",
            "maintenance_window",
            "maintenance_cap_hours",
            "change_notice_days",
        ):
            d[name] = getattr(self, name).to_dict()
        for name in (
            "severity_levels_defined",
            "downtime_defined",
            "escalation_path",
            "account_manager",
            "service_reporting",
            "service_reviews",
            "out_of_scope_charges",
            "rate_card",
            "change_process",
            "capacity_growth",
            "backup",
            "unilateral_changes",
        ):
            d[name] = getattr(self, name).to_dict()
        d["qualifiers"] = [
            {"term": term, **q.to_dict(), "evidence": _ev(ev)} for term, q, ev in self.qualifiers
        ]
        d["mentions"] = {topic: ev.to_dict() for topic, ev in self.mentions.items()}
        return d


# --------------------------------------------------------------------------- check


@dataclass(frozen=True)
class Finding:
    check_id: str
    scenario: str
    question: str
    status: str  # ok | gap | weak | review | n/a
    severity: str  # high | medium | low
    explanation: str
    recommendation: str
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "check_id": self.check_id,
            "scenario": self.scenario,
            "question": self.question,
            "status": self.status,
            "severity": self.severity,
            "explanation": self.explanation,
            "recommendation": self.recommendation,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Exposure:
    """Downtime the uptime target allows, what it costs, and what the contract pays back."""

    uptime_percent: Optional[float]
    period: Optional[str]
    allowed_minutes_month: Optional[float]
    allowed_minutes_year: Optional[float]
    cost_per_hour: Optional[float]  # None: no --downtime-cost, so nothing is put in money
    currency: str
    cost_month: Optional[float]
    cost_year: Optional[float]
    max_credit_percent: Optional[float]
    monthly_fee: Optional[float]
    credit_back_month: Optional[float]  # money when monthly_fee is given
    uncovered_month: Optional[float]  # the allowed downtime's cost: within the target nothing is paid back
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Rating:
    """Score, colour and counts. A problem is a gap or a weak finding; `review` is counted on its
    own and `ok` / `n/a` never count (terms.md, Findings)."""

    colour: str  # Red | Amber | Green
    score: int  # 0-100
    gaps_high: int = 0
    gaps_medium: int = 0
    gaps_low: int = 0
    problems_high: int = 0
    problems_medium: int = 0
    problems_low: int = 0
    review: int = 0
    not_applicable: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ErrorInfo:
    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}


@dataclass
class FileResult:
    """The outcome for one input file; an unreadable file still yields one."""

    file: str
    sha256: str = ""
    pages: int = 0
    status: str = "ok"  # ok | error | skipped (an entry found in a folder and not reviewed)
    error: Optional[ErrorInfo] = None
    terms: Optional[Terms] = None
    findings: Optional[list[Finding]] = None
    rating: Optional[Rating] = None
    exposure: Optional[Exposure] = None
    format: str = ""
    seconds: float = 0.0
    warnings: list[ReadWarning] = field(default_factory=list)
    ocr_confidence: dict[int, float] = field(default_factory=dict)  # page -> OCR mean word confidence (0-1)
    unread_pages: list[int] = field(default_factory=list)  # scanned pages left unread (OCR off or unavailable)

    @property
    def ocr_pages(self) -> list[int]:
        return sorted(self.ocr_confidence)

    @property
    def ocr_mean_confidence(self) -> Optional[float]:
        """Mean of the OCR'd pages' confidences (None when no page was recognised)."""
        if not self.ocr_confidence:
            return None
        return round(sum(self.ocr_confidence.values()) / len(self.ocr_confidence), 3)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "schema": "sla-check/terms@1",
            "file": self.file,
            "sha256": self.sha256,
            "pages": self.pages,
            "status": self.status,
            "error": self.error.to_dict() if self.error else None,
            "terms": self.terms.to_dict() if self.terms is not None else None,
            "warnings": [w.to_dict() for w in self.warnings],
            "ocr_pages": self.ocr_pages,
            "ocr_confidence": self.ocr_mean_confidence,
        }
        if self.findings is not None:
            d["findings"] = [f.to_dict() for f in self.findings]
            d["rating"] = self.rating.to_dict() if self.rating else None
            d["exposure"] = self.exposure.to_dict() if self.exposure else None
        return d
