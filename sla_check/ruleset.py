"""The one place that knows where rules/ lives, plus strict loaders that report file and line."""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterator, Optional

import yaml

from sla_check.errors import RulesError


#: environment variable naming a rules folder to use instead of the bundled one (`--rules` sets it,
#: so worker processes and every lexicon, pattern and sequence loader see the same folder)
RULES_ENV = "SLA_CHECK_RULES"


def default_rules_dir() -> Path:
    """The rules/ folder in force: $SLA_CHECK_RULES, else the bundled one (package `sla_check.rules`)."""
    override = os.environ.get(RULES_ENV)
    if override:
        return Path(override)
    return Path(str(resources.files("sla_check.rules")))


def is_bundled(rules_dir: Optional[str | Path] = None) -> bool:
    """Whether the rules in force are the ones shipped with sla-check."""
    try:
        chosen = Path(rules_dir) if rules_dir else default_rules_dir()
        return chosen.resolve() == Path(str(resources.files("sla_check.rules"))).resolve()
    except (OSError, ImportError):  # run from a source tree without the package installed
        return False


# libyaml's parser (in PyYAML's wheels) is ~10x faster than the pure-Python one: the rules,
# lexicons and checklist are read by every process at start-up
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: str | Path) -> Any:
    """Parse a YAML rules file; a syntax error names the file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise RulesError(path, None, f"cannot read: {e.strerror or e}") from e
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else None
        problem = getattr(e, "problem", None) or str(e)
        raise RulesError(path, where, f"invalid YAML: {problem}") from e


def read_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank, non-comment line of a JSONL file."""
    path = Path(path)
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            line = line.strip()
            if not line or line.startswith("//") or line.startswith("#"):
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise RulesError(path, f"line {lineno}", f"invalid JSON: {e.msg}") from e
            if not isinstance(obj, dict):
                raise RulesError(path, f"line {lineno}", "each line must be a JSON object")
            yield lineno, obj


def check_keys(obj: dict[str, Any], allowed: set[str], required: set[str], path: str | Path, where: str) -> None:
    """Reject unknown and missing keys, naming the allowed ones."""
    unknown = set(obj) - allowed
    if unknown:
        raise RulesError(path, where, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
    missing = required - set(obj)
    if missing:
        raise RulesError(path, where, f"missing key(s) {sorted(missing)}")


@lru_cache(maxsize=8)
def rules_hash(rules_dir: str | None = None) -> str:
    """A short hash of every file under rules/, for the audit trail in reports."""
    root = Path(rules_dir) if rules_dir else default_rules_dir()
    digest = hashlib.sha256()
    for file in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(file.relative_to(root)).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:12]
