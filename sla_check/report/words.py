"""The plain words a report shows for internal codes (rules/report.yml), and the formatting
of headline terms the way a buyer says them ("1 business hour, about 4.2 hours elapsed")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Optional

from sla_check.errors import RulesError
from sla_check.money import format_days, format_elapsed, format_hours, format_minutes, format_percent
from sla_check.ruleset import active, load_rules, load_yaml

#: the absence words every report needs (rules/report.yml `absent`)
_ABSENT = ("not_stated", "no_credits", "no_uptime", "not_read")
_CODE = re.compile(r"^[a-z0-9]+(?:[._][a-z0-9]+)+$")


@dataclass(frozen=True)
class Words:
    """rules/report.yml, checked on load."""

    support_hours: dict[str, str]
    absent: dict[str, str]  # not_stated, no_credits, no_uptime, not_read
    findings_order: tuple[str, ...]
    problem_statuses: frozenset[str]
    folded_statuses: frozenset[str]
    status_words: dict[str, str]
    fields: dict[str, tuple[str, str]]
    qualifiers: dict[str, str]
    values: dict[str, str]
    legend: tuple[tuple[str, str], ...]
    summary_title: str
    summary_note: str
    high_gaps_allowed: tuple[str, str, str]  # none, one, more ("{n}")

    def gaps_allowed(self, n: int) -> str:
        """How many high-severity gaps Green allows, in words ("no ...", not "at most 0 ...")."""
        return self.high_gaps_allowed[min(n, 2)].format(n=n)

    def code(self, value: str) -> str:
        """A code in words: its entry, else its underscores as spaces (a new code still reads)."""
        for table in (self.values, self.support_hours):
            if value in table:
                return table[value]
        return value.replace("_", " ")

    def field(self, name: str) -> str:
        """A Terms field in words; "x.qualifier.kind" / "qualifier.x.kind" read "<x>: <kind in words>"."""
        parts = name.split(".")
        if "qualifier" in parts and len(parts) >= 3:
            kind = parts[-1]
            term = ".".join(p for p in parts[:-1] if p != "qualifier")
            return f"{self.field(term)}: {self.qualifiers.get(kind, kind.replace('_', ' '))}"
        if name in self.fields:
            return self.fields[name][0]
        return _spaced(name)

    def value(self, name: str, value: Any) -> Any:
        """A Terms value in words, in the unit its field is counted in."""
        unit = self.fields.get(name, ("", "text"))[1]
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, (int, float)):
            fmt = _UNITS.get(unit)
            return fmt(value) if fmt else value
        if isinstance(value, str):
            if name == "support_hours" or _CODE.match(value):
                return self.code(value)
            # "yes (outside_business_hours)": a code in brackets after the value
            return re.sub(r"\(([a-z0-9_]+)\)", lambda m: f"({self.code(m.group(1))})", value)
        return value

    def support(self, value: Optional[str]) -> Optional[str]:
        return None if value is None else self.support_hours.get(value, self.code(value))


def _spaced(name: str) -> str:
    text = name.replace(".", " ").replace("_", " ")
    return text[:1].upper() + text[1:]


_UNITS: dict[str, Callable[[float], str]] = {
    "hours": format_hours,
    "minutes": format_minutes,
    "days": format_days,
    "percent": format_percent,
    "months": lambda v: f"{v:g} month" + ("" if v == 1 else "s"),
}


def load_words(rules_dir: Optional[str] = None) -> Words:
    """The report's words from rules/report.yml (the rules folder in force unless one is given)."""
    rules = load_rules(rules_dir) if rules_dir else active()
    return rules.derived("report_words", lambda: _load_words(rules.root / "report.yml"))


def _load_words(path: Path) -> Words:
    if not path.exists():  # a rules folder made before this file existed: the bundled words
        path = Path(str(resources.files("sla_check.rules"))) / "report.yml"
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise RulesError(path, None, "must be a mapping")
    bundled = Path(str(resources.files("sla_check.rules"))) / "report.yml"
    # a rules folder copied before `absent` existed: the bundled words for it
    absent = data.get("absent") or (load_yaml(bundled) or {}).get("absent", {})
    try:
        fields = {str(k): (str(v[0]), str(v[1])) for k, v in data["fields"].items()}
        legend = tuple((str(k), str(v)) for k, v in data["legend"])
        none, one, more = (str(v) for v in data["high_gaps_allowed"])
        return Words(
            support_hours={str(k): str(v) for k, v in data["support_hours"].items()},
            absent={k: str(absent[k]) for k in _ABSENT},
            findings_order=tuple(str(s) for s in data["findings_order"]),
            problem_statuses=frozenset(str(s) for s in data["problem_statuses"]),
            folded_statuses=frozenset(str(s) for s in data["folded_statuses"]),
            status_words={str(k): str(v) for k, v in data["status_words"].items()},
            fields=fields, qualifiers={str(k): str(v) for k, v in data["qualifiers"].items()},
            values={str(k): str(v) for k, v in data["values"].items()}, legend=legend,
            summary_title=str(data["summary_title"]), summary_note=str(data["summary_note"]),
            high_gaps_allowed=(none, one, more),
        )
    except (KeyError, TypeError, IndexError, AttributeError, ValueError) as e:
        raise RulesError(path, None, f"missing or malformed entry: {e}") from e


def time_words(minutes: float, basis: str, business_factor: float) -> str:
    """"15 minutes"; "1 business hour, about 4.2 hours elapsed"; "4 hours (clock not stated)"."""
    text = format_minutes(minutes, "business" if basis == "business" else "calendar")
    if basis == "business":
        return f"{text}, about {format_elapsed(minutes * business_factor)} elapsed"
    if basis == "unspecified":
        return f"{text} (clock not stated)"
    return text
