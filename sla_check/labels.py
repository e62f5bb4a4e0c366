"""Which match labels each pattern family's interpreters read.

A label in rules/patterns or rules/sequences that no interpreter reads would be matched and then
dropped without a word; the rules loaders check every label against this registry and refuse the
file (RulesError with file and line) instead. Structure only: the words stay in rules/.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from sla_check.errors import RulesError

#: family -> labels its interpreters read (fixed labels; see `labels_read` for those named by lexicons)
READS: dict[str, frozenset[str]] = {
    "common_cues": frozenset({"CUSTOMER_RESP", "EXAMPLE", "NEG", "NEG_IGNORE", "SCOPE", "SCOPE_FAULT"}),
    "credits": frozenset({"ADJUSTMENT", "AUTO", "CAP", "CARVE_OUT", "CLAIM", "CLAIM_WEAK", "CREDIT", "CREDIT_IGNORE", "REFUND",
                          "DISPUTE", "ISSUE", "MUST_CLAIM", "NOT_SOLE_REMEDY", "NO_CREDITS", "SOLE", "SOLE_NOT",
                          "WORKAROUND"}),
    # plus one label per category of lexicons/exclusions.yml, in upper case
    "exclusions": frozenset({"CONTEXT", "COUNTS", "IGNORE", "NOT_CONTEXT", "NOT_CUSTOMER", "NOT_SCHEDULED", "SCOPE"}),
    "governance": frozenset({"ACCOUNT_MANAGER", "BACKUP", "BACKUP_EQUIPMENT", "BACKUP_OPTIONAL", "BILATERAL", "CAPACITY", "CHANGE_CLAUSE",
                             "CHANGE_PROCESS", "CHARGE", "DOWNTIME_DEF", "ESCALATION", "MEET", "NOTICE", "OOS",
                             "PERIODIC", "RATE_CARD", "REPORTING", "REPORT_VERB", "REPORT_WORD", "REVIEWS", "RPO",
                             "RTO", "TO_REVIEW", "UNILATERAL"}),
    "maintenance": frozenset({"CAP", "EMERG", "HEDGE", "INSIDE_HOURS", "MAINT", "NOTICE", "OUTSIDE_HOURS",
                              "OUTSIDE_WINDOW", "WINDOW"}),
    "monitoring": frozenset({"ALERT", "CHANNEL", "CUST_MONITOR", "MEASURE", "MONITOR", "NOT_OURS", "OPS_CENTRE", "PROACTIVE",
                             "PROACTIVE_PHRASE", "REPORTS"}),
    "qualifiers": frozenset({"attainment", "carve_out", "efforts", "scope_limited", "target_only", "workaround"}),
    "severity": frozenset({"SEVERITY"}),
    "support_hours": frozenset({"ALL_HOURS", "BUSINESS", "HOURS_TOPIC", "PLAN"}),
    "termination": frozenset({"FAILURE", "REPEAT", "SL_FAIL", "TERMINATE", "TERM_FREE", "TERM_NOT"}),
    "time": frozenset({"EVERY", "EXAMPLE", "FREQ", "NOT_TIME", "NO_COMMIT", "RESOLUTION", "RESPONSE", "UPDATE"}),
    "uptime": frozenset({"CHRONIC", "COMMIT", "CREDIT", "DEFINITION", "EXAMPLE", "METRIC"}),
}


def labels_read(family: str, rules_dir: Optional[str] = None) -> Optional[frozenset[str]]:
    """The labels read from `family`'s matches (None: no interpreter reads the family)."""
    fixed = READS.get(family)
    if fixed is None or family != "exclusions":
        return fixed
    from sla_check.normalize import lexicon

    categories = lexicon("exclusions", rules_dir).get("categories") or []
    return fixed | {str(c).upper() for c in categories}


def check_label(family: str, label: Any, path: Path, where: str, rules_dir: Optional[str] = None) -> None:
    """Refuse a label no interpreter of `family` reads, naming the ones it does."""
    known = labels_read(family, rules_dir)
    if known is None:
        raise RulesError(path, where, f"no interpreter reads the family {family!r}; families: {sorted(READS)}")
    if label not in known:
        raise RulesError(path, where, f"label {label!r} is read by no interpreter of {family!r}; "
                                      f"its labels: {sorted(known)}")
