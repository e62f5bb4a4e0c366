"""What every report shares: atomic saving, the headline terms, and terms as flat rows.

The Excel workbook, the JSON Lines and the text summary all read a FileResult through
these helpers, so a term is named and formatted the same way everywhere.
"""
from __future__ import annotations

import dataclasses
import datetime
import os
import re
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator, Optional

from sla_check.errors import INGEST_CODES, ReportError
from sla_check.models import (
    CreditTier,
    Evidence,
    Exclusion,
    FileResult,
    Flag,
    Parties,
    Qualifier,
    ServiceCredits,
    Terms,
    TimeCommitment,
    Uptime,
    Value,
)

__all__ = [
    "atomic_output",
    "TermRow",
    "term_rows",
    "headline",
    "HEADLINE_LABELS",
    "error_reason",
    "printable",
    "format_uptime",
]


# --------------------------------------------------------------------------- saving


@contextmanager
def atomic_output(path: str | Path, mode: str = "wb") -> Iterator[IO[Any]]:
    """Open a temporary file beside `path`; rename it into place only when the block succeeds.

    A crash or an exception leaves the previous file (if any) untouched and no half-written
    report behind.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".~{target.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise ReportError(f"cannot write to {folder}: {e.strerror or e}") from e
    kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": "utf-8", "newline": "\n"}
    try:
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _mode_for(target: Path) -> int:
    """Replacing a report keeps its permissions (a chmod 600 review stays private); a new
    one gets the usual mode for the user's umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --------------------------------------------------------------------------- formatting


def format_uptime(u: Uptime) -> str:
    period = {"month": "per month", "quarter": "per quarter", "year": "per year"}.get(u.period, "(period not stated)")
    text = f"{u.percent:g}% {period}"
    if u.service:
        text += f" ({u.service})"
    return text


def _time_commitment(t: TimeCommitment) -> str:
    """"P1 - Critical response: 30 minutes"; a business-hours clock reads "2 business days"."""
    from sla_check.money import format_minutes as wording

    level = f"P{t.severity_level}" if t.severity_level is not None else "Any priority"
    label = t.severity_label or ""
    name = label if label.lower().startswith(level.lower()) else (f"{level} ({label})" if label else level)
    text = f"{name} {t.kind}: {wording(t.minutes, 'business' if t.basis == 'business' else 'calendar')}"
    if t.basis == "unspecified":
        text += " (clock not stated)"
    if t.attainment_percent is not None:
        text += f", in {t.attainment_percent:g}% of cases"
    return text


def printable(text: str) -> str:
    """A file name as any terminal or UTF-8 file can show it: the lone surrogates of a name
    that is not valid UTF-8 become U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def error_reason(result: FileResult) -> str:
    """A plain-English reason why a file could not be reviewed (ingestion's message, else the code's meaning)."""
    if result.error is None:
        return ""
    return result.error.message or INGEST_CODES.get(result.error.code, result.error.code)


# --------------------------------------------------------------------------- terms as rows


@dataclasses.dataclass(frozen=True)
class TermRow:
    """One extracted value: field name, normalised value, and where it came from."""

    field: str
    value: Any
    evidence: Optional[Evidence]


def _pick(evidence: tuple[Evidence, ...], needle: str) -> Optional[Evidence]:
    """The evidence whose text mentions `needle`, else the first one."""
    for e in evidence:
        if needle and needle.lower() in e.text.lower():
            return e
    return evidence[0] if evidence else None


def _credit_rows(c: ServiceCredits) -> list[TermRow]:
    if not c.present and not c.evidence:
        return []
    ev = c.evidence
    rows = [TermRow("service_credits.present", c.present, ev[0] if ev else None)]
    for t in c.tiers:
        rows.append(TermRow("service_credits.tier", _tier(t), _pick(ev, f"{t.credit_percent:g}%")))
    if c.max_credit_percent is not None:
        rows.append(TermRow("service_credits.max_credit_percent", c.max_credit_percent, _pick(ev, f"{c.max_credit_percent:g}")))
    if c.claim_window_days is not None:
        rows.append(TermRow("service_credits.claim_window_days", c.claim_window_days, _pick(ev, str(c.claim_window_days))))
    if c.sole_remedy:
        rows.append(TermRow("service_credits.sole_remedy", True, _pick(ev, "remed")))
    if c.automatic is not None:
        rows.append(TermRow("service_credits.automatic", c.automatic, _pick(ev, "automatic" if c.automatic else "claim")))
    for q in c.qualifiers:
        rows.append(TermRow(f"service_credits.qualifier.{q.kind}", q.text, None))
    return rows


def _tier(t: CreditTier) -> str:
    return f"below {t.below_percent:g}%: {t.credit_percent:g}% credit"


def term_rows(terms: Optional[Terms]) -> list[TermRow]:
    """Every stated value of `terms` as flat rows, in the order of the Terms fields.

    Unstated values (None / false flags / empty lists) are left out. Fields added to Terms
    later are picked up by type, so a new term shows up without touching the reports.
    """
    if terms is None:
        return []
    rows: list[TermRow] = []
    for f in dataclasses.fields(terms):
        name, value = f.name, getattr(terms, f.name)
        if name == "mentions":
            continue  # where the document speaks of a term: they surface as review findings, not as values
        if name == "qualifiers":
            for term, q, ev in value:
                rows.append(TermRow(f"qualifier.{term}.{q.kind}", q.text, ev))
        elif isinstance(value, list):
            for item in value:
                rows.extend(_item_rows(name, item))
        elif isinstance(value, Value):
            if value.value is not None:
                v = value.value if value.detail is None else f"{value.value} ({value.detail})"
                rows.append(TermRow(name, v, value.evidence))
        elif isinstance(value, Flag):
            if value.value:
                rows.append(TermRow(name, True if value.detail is None else f"yes ({value.detail})", value.evidence))
        elif isinstance(value, ServiceCredits):
            rows.extend(_credit_rows(value))
        elif isinstance(value, Parties):
            if value.provider:
                rows.append(TermRow("parties.provider", value.provider, value.evidence))
            if value.customer:
                rows.append(TermRow("parties.customer", value.customer, value.evidence))
        elif value is not None and not dataclasses.is_dataclass(value):
            rows.append(TermRow(name, value, None))
    return rows


def _item_rows(name: str, item: Any) -> list[TermRow]:
    if isinstance(item, Uptime):
        rows = [TermRow(name, format_uptime(item), item.evidence)]
    elif isinstance(item, TimeCommitment):
        rows = [TermRow(name, _time_commitment(item), item.evidence)]
    elif isinstance(item, Exclusion):
        return [TermRow(name, item.category, item.evidence)]
    else:
        return [TermRow(name, str(item), getattr(item, "evidence", None))]
    quals: tuple[Qualifier, ...] = getattr(item, "qualifiers", ())
    for q in quals:
        rows.append(TermRow(f"{name}.qualifier.{q.kind}", q.text, getattr(item, "evidence", None)))
    return rows


# --------------------------------------------------------------------------- headline terms

HEADLINE_LABELS = {
    "uptime_percent": "Uptime %",
    "uptime_period": "Uptime period",
    "p1_response_minutes": "P1 response (min)",
    "p1_resolution_minutes": "P1 resolution (min)",
    "support_hours": "Support hours",
    "credit_cap_percent": "Credit cap %",
    "maintenance_notice_hours": "Maintenance notice (h)",
}


def _fastest(terms: Terms, kind: str, level: int) -> Optional[TimeCommitment]:
    found = [t for t in terms.response_times if t.kind == kind and t.severity_level == level]
    return min(found, key=lambda t: t.minutes) if found else None


def headline(terms: Optional[Terms]) -> dict[str, Any]:
    """The terms a buyer looks at first, as plain values (None when not stated).

    Where a contract states several uptime targets the lowest is the one the buyer can
    count on; where it states several P1 times the fastest is the headline promise.
    """
    out: dict[str, Any] = {key: None for key in HEADLINE_LABELS}
    if terms is None:
        return out
    if terms.uptime:
        low = min(terms.uptime, key=lambda u: u.percent)
        out["uptime_percent"] = low.percent
        out["uptime_period"] = low.period
    for kind in ("response", "resolution"):
        t = _fastest(terms, kind, 1)
        if t is not None:
            out[f"p1_{kind}_minutes"] = t.minutes
    out["support_hours"] = terms.support_hours.value
    out["credit_cap_percent"] = terms.service_credits.max_credit_percent
    out["maintenance_notice_hours"] = terms.maintenance_notice_hours.value
    return out


def run_timestamp() -> datetime.datetime:
    """The run's date: SOURCE_DATE_EPOCH when set (reproducible reports), else now; naive UTC."""
    import datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).replace(tzinfo=None)
        except (ValueError, OverflowError, OSError):
            pass
    return datetime.datetime.now(tz=datetime.timezone.utc).replace(tzinfo=None, microsecond=0)
