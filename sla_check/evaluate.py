"""Score extraction against labelled documents (*.truth.yml), exactly as terms.md defines.

For every truth file under the given folders, the document beside it (same stem, .pdf,
.docx, .txt or .md) goes through the real pipeline (sla_check.pipeline.extract_file) and
each field is scored per terms.md:

- uptime: (percent to 0.001, period) pairs, duplicates in one document counted once;
- response_times: one-to-one matches on (severity_level, kind, minutes); basis is scored
  as accuracy over the matched pairs;
- exclusions: the set of categories per document;
- scalar fields: exact match per document, a stated value being a positive and
  null/false being none.

Truth files with `error: <code>` expect the file to fail with that code ("errors" field);
`read_with: {option: value}` reads that one document with those options (e.g. `ocr: false`).

With `findings=True` the truth files' `findings:` blocks are scored too (terms.md, Findings):
status accuracy is the share of listed checks whose status matches; citation accuracy the
share of listed checks with a page whose first evidence item has that page and section.
"""
from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from sla_check.errors import RulesError
from sla_check.ingest import DOCUMENT_EXTENSIONS
from sla_check.models import FileResult
from sla_check.ruleset import load_yaml

log = logging.getLogger(__name__)

DOC_EXTENSIONS = DOCUMENT_EXTENSIONS
TRUTH_SUFFIX = ".truth.yml"

#: scalar fields: (report name, path in the truth file, path in the terms JSON)
SCALARS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("support_hours", ("support_hours",), ("support_hours", "value")),
    ("maintenance_notice_hours", ("maintenance_notice_hours",), ("maintenance_notice_hours", "value")),
    ("service_credits.present", ("service_credits", "present"), ("service_credits", "present")),
    ("service_credits.max_credit_percent", ("service_credits", "max_credit_percent"), ("service_credits", "max_credit_percent")),
    ("service_credits.claim_window_days", ("service_credits", "claim_window_days"), ("service_credits", "claim_window_days")),
    ("service_credits.sole_remedy", ("service_credits", "sole_remedy"), ("service_credits", "sole_remedy")),
    ("proactive_monitoring", ("proactive_monitoring",), ("proactive_monitoring", "value")),
    ("chronic_failure_termination", ("chronic_failure_termination",), ("chronic_failure_termination", "value")),
)
FIELDS = ("uptime", "response_times", "exclusions") + tuple(name for name, _, _ in SCALARS)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        if not self.tp:
            return 1.0 if not (self.fp or self.fn) else 0.0
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r)

    def to_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Mistake:
    """One miss (in the truth, not found) or false hit (found, not in the truth)."""

    document: str
    field: str
    kind: str  # miss | false_hit | wrong_basis | error
    value: str
    evidence: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def line(self) -> str:
        tail = f"\n      {self.evidence}" if self.evidence else ""
        return f"  [{self.kind}] {self.document} {self.field}: {self.value}{tail}"


@dataclass
class CheckScore:
    """One check's findings over the labelled documents."""

    listed: int = 0
    status_right: int = 0
    cited: int = 0  # listed with a page
    citation_right: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"listed": self.listed, "status_accuracy": _ratio(self.status_right, self.listed),
                "cited": self.cited, "citation_accuracy": _ratio(self.citation_right, self.cited)}


def _ratio(right: int, total: int) -> Optional[float]:
    return round(right / total, 4) if total else None


@dataclass
class Disagreement:
    """A finding whose status or citation differs from the truth file, with both sides."""

    document: str
    check_id: str
    what: str  # status | citation
    truth: str
    got: str
    explanation: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def line(self) -> str:
        return (f"  [{self.what}] {self.document} {self.check_id}: truth {self.truth} | got {self.got}"
                + (f"\n      {self.explanation[:220]}" if self.explanation else ""))


@dataclass
class EvalReport:
    scores: dict[str, Score] = field(default_factory=lambda: {name: Score() for name in FIELDS})
    errors: Score = field(default_factory=Score)
    basis_matched: int = 0
    basis_correct: int = 0
    mistakes: list[Mistake] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    #: findings scores per check id; empty unless findings were scored
    findings: dict[str, CheckScore] = field(default_factory=dict)
    disagreements: list[Disagreement] = field(default_factory=list)
    findings_scored: bool = False

    @property
    def status_accuracy(self) -> Optional[float]:
        listed = sum(s.listed for s in self.findings.values())
        return sum(s.status_right for s in self.findings.values()) / listed if listed else None

    @property
    def citation_accuracy(self) -> Optional[float]:
        cited = sum(s.cited for s in self.findings.values())
        return sum(s.citation_right for s in self.findings.values()) / cited if cited else None

    @property
    def basis_accuracy(self) -> Optional[float]:
        return self.basis_correct / self.basis_matched if self.basis_matched else None

    def has_error_truths(self) -> bool:
        return bool(self.errors.tp or self.errors.fp or self.errors.fn)

    def lowest_f1(self) -> float:
        values = [s.f1 for s in self.scores.values()]
        if self.has_error_truths():
            values.append(self.errors.f1)
        return min(values) if values else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "fields": {name: s.to_dict() for name, s in self.scores.items()},
            "errors": self.errors.to_dict(),
            "basis_accuracy": None if self.basis_accuracy is None else round(self.basis_accuracy, 4),
            "basis_matched": self.basis_matched,
            "lowest_f1": round(self.lowest_f1(), 4),
            "mistakes": [m.to_dict() for m in self.mistakes],
            **({"findings": {
                "status_accuracy": None if self.status_accuracy is None else round(self.status_accuracy, 4),
                "citation_accuracy": None if self.citation_accuracy is None else round(self.citation_accuracy, 4),
                "listed": sum(s.listed for s in self.findings.values()),
                "cited": sum(s.cited for s in self.findings.values()),
                "checks": {cid: s.to_dict() for cid, s in sorted(self.findings.items())},
                "disagreements": [d.to_dict() for d in self.disagreements],
            }} if self.findings_scored else {}),
        }

    def format_text(self) -> str:
        width = max(len(n) for n in list(self.scores) + ["errors"])
        lines = [f"{len(self.documents)} labelled documents", "",
                 f"{'field':<{width}}  {'P':>6} {'R':>6} {'F1':>6}  {'tp':>4} {'fp':>4} {'fn':>4}"]
        rows = list(self.scores.items()) + [("errors", self.errors)]
        for name, s in rows:
            lines.append(f"{name:<{width}}  {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}  {s.tp:4d} {s.fp:4d} {s.fn:4d}")
        acc = self.basis_accuracy
        lines.append(f"{'response_times.basis':<{width}}  accuracy {acc:.3f} over {self.basis_matched} matched"
                     if acc is not None else f"{'response_times.basis':<{width}}  (no matched items)")
        lines.append(f"lowest F1: {self.lowest_f1():.3f}")
        if self.mistakes:
            lines += ["", "Misses and false hits:"]
            lines += [m.line() for m in self.mistakes]
        if self.findings_scored:
            lines += ["", *self.format_findings()]
        return "\n".join(lines)

    def format_findings(self) -> list[str]:
        """Per check: status and citation accuracy; then totals and every disagreement."""
        listed = sum(s.listed for s in self.findings.values())
        if not listed:
            return ["Findings: no truth file has a findings: block"]
        width = max(len(c) for c in self.findings)
        lines = [f"Findings ({listed} listed)", f"{'check':<{width}}  {'n':>4} {'status':>7}  {'cited':>5} {'citation':>8}"]
        for cid, s in sorted(self.findings.items()):
            cit = f"{s.citation_right / s.cited:8.3f}" if s.cited else f"{'-':>8}"
            lines.append(f"{cid:<{width}}  {s.listed:4d} {s.status_right / s.listed:7.3f}  {s.cited:5d} {cit}")
        sa, ca = self.status_accuracy, self.citation_accuracy
        lines.append(f"status accuracy: {sa:.3f}" if sa is not None else "status accuracy: -")
        lines.append(f"citation accuracy: {ca:.3f}" if ca is not None else "citation accuracy: -")
        if self.disagreements:
            lines += ["", "Disagreements (truth | got):"] + [d.line() for d in self.disagreements]
        return lines


# --------------------------------------------------------------------------- discovery


def find_truth_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_file() and p.name.endswith(TRUTH_SUFFIX):
            out.append(p)
        elif p.is_dir():
            out.extend(sorted(p.rglob(f"*{TRUTH_SUFFIX}")))
    seen: set[Path] = set()
    return [p for p in out if not (p.resolve() in seen or seen.add(p.resolve()))]  # type: ignore[func-returns-value]


def document_for(truth: Path) -> Optional[Path]:
    stem = truth.name[: -len(TRUTH_SUFFIX)]
    for ext in DOC_EXTENSIONS:
        candidate = truth.with_name(stem + ext)
        if candidate.is_file():
            return candidate
    return None


# --------------------------------------------------------------------------- helpers


def _get(data: Any, path: Sequence[str]) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _positive(value: Any) -> bool:
    return value is not None and value is not False


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(float(a) - float(b)) < 1e-6
    return str(a).strip().lower() == str(b).strip().lower()


def _ev_text(ev: Optional[dict[str, Any]]) -> str:
    if not ev:
        return ""
    section = f" §{ev.get('section')}" if ev.get("section") else ""
    rule = f" [{ev['rule']}]" if ev.get("rule") else ""
    return f"p{ev.get('page')}{section}: {ev.get('text', '')[:200]}{rule}"


def _uptime_key(item: dict[str, Any]) -> tuple[float, str]:
    return (round(float(item["percent"]), 3), str(item.get("period") or "unspecified"))


def _minutes(value: Any) -> float:
    return round(float(value), 3)


# --------------------------------------------------------------------------- scoring


def _score_uptime(report: EvalReport, name: str, truth: list[dict[str, Any]], pred: list[dict[str, Any]]) -> None:
    score = report.scores["uptime"]
    true_keys = {_uptime_key(t): t for t in truth}
    pred_keys: dict[tuple[float, str], dict[str, Any]] = {}
    for p in pred:
        pred_keys.setdefault(_uptime_key(p), p)
    matched_pred: set[tuple[float, str]] = set()
    for key, t in true_keys.items():
        hit = next((k for k in pred_keys if k not in matched_pred and abs(k[0] - key[0]) <= 0.001 and k[1] == key[1]), None)
        if hit is not None:
            matched_pred.add(hit)
            score.tp += 1
        else:
            score.fn += 1
            report.mistakes.append(Mistake(name, "uptime", "miss", f"{key[0]}% {key[1]}", f"quote: {t.get('quote', '')}"))
    for key, p in pred_keys.items():
        if key not in matched_pred:
            score.fp += 1
            report.mistakes.append(Mistake(name, "uptime", "false_hit", f"{key[0]}% {key[1]}", _ev_text(p.get("evidence"))))


def _rt_key(item: dict[str, Any]) -> tuple[Optional[int], str, float]:
    level = item.get("severity_level")
    return (int(level) if level is not None else None, str(item.get("kind")), _minutes(item.get("minutes")))


def _rt_desc(item: dict[str, Any]) -> str:
    label = item.get("severity_label")
    return (f"level {item.get('severity_level')} ({label}) {item.get('kind')} {item.get('minutes')} min "
            f"{item.get('basis')}")


def _score_response_times(report: EvalReport, name: str, truth: list[dict[str, Any]], pred: list[dict[str, Any]]) -> None:
    score = report.scores["response_times"]
    unmatched = list(pred)
    for t in truth:
        key = _rt_key(t)
        hit = next((p for p in unmatched if _rt_key(p) == key), None)
        if hit is None:
            score.fn += 1
            report.mistakes.append(Mistake(name, "response_times", "miss", _rt_desc(t), f"quote: {t.get('quote', '')}"))
            continue
        unmatched.remove(hit)
        score.tp += 1
        report.basis_matched += 1
        if str(hit.get("basis")) == str(t.get("basis", "unspecified")):
            report.basis_correct += 1
        else:
            report.mistakes.append(Mistake(name, "response_times.basis", "wrong_basis",
                                           f"{_rt_desc(hit)} (truth: {t.get('basis')})", _ev_text(hit.get("evidence"))))
    for p in unmatched:
        score.fp += 1
        report.mistakes.append(Mistake(name, "response_times", "false_hit", _rt_desc(p), _ev_text(p.get("evidence"))))


def _score_exclusions(report: EvalReport, name: str, truth: list[dict[str, Any]], pred: list[dict[str, Any]]) -> None:
    score = report.scores["exclusions"]
    true_cats = {str(t["category"]) for t in truth if t.get("category")}
    pred_cats: dict[str, dict[str, Any]] = {}
    for p in pred:
        pred_cats.setdefault(str(p["category"]), p)
    for cat in sorted(true_cats):
        if cat in pred_cats:
            score.tp += 1
        else:
            score.fn += 1
            quote = next((t.get("quote", "") for t in truth if t.get("category") == cat), "")
            report.mistakes.append(Mistake(name, "exclusions", "miss", cat, f"quote: {quote}"))
    for cat, p in sorted(pred_cats.items()):
        if cat not in true_cats:
            score.fp += 1
            report.mistakes.append(Mistake(name, "exclusions", "false_hit", cat, _ev_text(p.get("evidence"))))


def _scalar_evidence(terms: dict[str, Any], path: Sequence[str]) -> str:
    node = terms.get(path[0])
    if isinstance(node, dict):
        ev = node.get("evidence")
        if isinstance(ev, list):
            ev = ev[0] if ev else None
        return _ev_text(ev)
    return ""


def _score_scalars(report: EvalReport, name: str, truth: dict[str, Any], terms: dict[str, Any]) -> None:
    for field_name, tpath, ppath in SCALARS:
        score = report.scores[field_name]
        t, p = _get(truth, tpath), _get(terms, ppath)
        tpos, ppos = _positive(t), _positive(p)
        if tpos and ppos and _same(t, p):
            score.tp += 1
            continue
        if tpos:
            score.fn += 1
            report.mistakes.append(Mistake(name, field_name, "miss", f"{t!r} (got {p!r})",
                                           f"quote: {_get(truth, tpath[:1] + ('quote',)) or ''}" if len(tpath) > 1 else ""))
        if ppos:
            score.fp += 1
            report.mistakes.append(Mistake(name, field_name, "false_hit", f"{p!r} (truth {t!r})", _scalar_evidence(terms, ppath)))


def _list(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def score_document(report: EvalReport, name: str, truth: dict[str, Any], result: FileResult) -> None:
    """Add one document's result to the report."""
    expected_error = truth.get("error")
    got_error = result.error.code if result.error else None
    entry: dict[str, Any] = {"document": name, "status": result.status, "seconds": round(result.seconds, 3)}
    report.documents.append(entry)
    if expected_error:
        entry["expected_error"] = expected_error
        if got_error == expected_error:
            report.errors.tp += 1
        else:
            report.errors.fn += 1
            if got_error:
                report.errors.fp += 1
            report.mistakes.append(Mistake(name, "errors", "error", f"expected error {expected_error!r}, got "
                                           f"{got_error or 'status ok'}", result.error.message if result.error else ""))
        return
    if got_error:
        report.errors.fp += 1
        report.mistakes.append(Mistake(name, "errors", "error", f"unexpected error {got_error!r}",
                                       result.error.message if result.error else ""))
    terms = result.terms.to_dict() if result.terms is not None else {}
    _score_uptime(report, name, _list(truth.get("uptime")), _list(terms.get("uptime")))
    _score_response_times(report, name, _list(truth.get("response_times")), _list(terms.get("response_times")))
    _score_exclusions(report, name, _list(truth.get("exclusions")), _list(terms.get("exclusions")))
    _score_scalars(report, name, truth, terms)


def _section_key(section: Any) -> str:
    return " ".join(str(section or "").split()).strip(" .").lower()


def _where(page: Any, section: Any) -> str:
    return f"p{page} \u00a7{section}" if section else f"p{page}"


def score_findings(report: EvalReport, name: str, truth: dict[str, Any], findings: Sequence[Any]) -> None:
    """Add one document's findings to the report, against its truth `findings:` block."""
    by_id = {f.check_id: f for f in findings}
    for cid, want in truth.items():
        if not isinstance(want, dict) or "status" not in want:
            continue
        score = report.findings.setdefault(str(cid), CheckScore())
        score.listed += 1
        got = by_id.get(cid)
        got_status = got.status if got is not None else "missing"
        if got_status == str(want["status"]):
            score.status_right += 1
        else:
            report.disagreements.append(Disagreement(name, str(cid), "status", str(want["status"]), got_status,
                                                     got.explanation if got is not None else ""))
        if want.get("page") is None:
            continue
        score.cited += 1
        first = got.evidence[0] if got is not None and got.evidence else None
        if first is not None and first.page == int(want["page"]) and _section_key(first.section) == _section_key(want.get("section")):
            score.citation_right += 1
        else:
            shown = f"{_where(first.page, first.section)}: {first.text[:120]}" if first is not None else "no evidence"
            report.disagreements.append(Disagreement(name, str(cid), "citation", _where(want["page"], want.get("section")),
                                                     shown))


def load_truth(path: Path) -> dict[str, Any]:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise RulesError(path, None, "a truth file must be a mapping")
    return data


def evaluate(dirs: Iterable[Path], options: Any = None, findings: bool = False) -> EvalReport:
    """Run the real pipeline over every labelled document under `dirs` and score it; with
    `findings`, also run the checklist and score each truth file's `findings:` block."""
    from sla_check.check import review_terms
    from sla_check.pipeline import Options, extract_file, get_nlp, internal_error

    options = options if options is not None else Options()
    report = EvalReport(findings_scored=findings)
    nlp = None
    for truth_path in find_truth_files(dirs):
        truth = load_truth(truth_path)
        name = str(truth.get("id") or truth_path.name[: -len(TRUTH_SUFFIX)])
        doc = document_for(truth_path)
        if doc is None:
            log.warning("no document beside %s", truth_path)
            report.mistakes.append(Mistake(name, "errors", "error", f"no document beside {truth_path}"))
            report.errors.fn += 1
            continue
        if nlp is None:
            nlp = get_nlp(options.rules_dir)
        read_with = truth.get("read_with") or {}  # e.g. a scan that must fail with OCR refused
        try:
            result = extract_file(doc, dataclasses.replace(options, **read_with) if read_with else options, nlp)
        except Exception as exc:  # a crash is scored as a failure of this document, not of the run
            result = internal_error(doc, exc)
        score_document(report, name, truth, result)
        wanted = truth.get("findings")
        if findings and isinstance(wanted, dict):
            got = review_terms(result.terms, options)[0] if result.terms is not None else []
            score_findings(report, name, wanted, got)
    return report
