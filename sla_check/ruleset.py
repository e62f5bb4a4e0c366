"""The one place that knows where rules/ lives, plus strict loaders that report file and line."""
from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, TypeVar

import yaml

from sla_check.errors import RulesError


T = TypeVar("T")


def bundled_rules_dir() -> Path:
    """The rules/ folder shipped with sla-check (package `sla_check.rules`)."""
    return Path(str(resources.files("sla_check.rules")))


class RuleSet:
    """One rules/ folder, loaded once per process: its lexicons (read and checked on first use)
    and everything built from them (regular expressions, vocabularies), kept on this object so
    that two rule sets in one process never share a derived value.

    The entry points (`extract_file`, `review_file`, diff, eval) put the rule set of their
    `Options.rules_dir` in force with `using()`; the helpers below them ask `active()`.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._memo: dict[Any, Any] = {}

    def __repr__(self) -> str:
        return f"RuleSet({str(self.root)!r})"

    @property
    def rules_dir(self) -> Optional[str]:
        """The folder as `Options.rules_dir` spells it: None for the bundled rules."""
        return None if self is bundled() else str(self.root)

    def derived(self, key: Any, build: Callable[[], T]) -> T:
        """`build()`'s value for this rule set, built on first use."""
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[key] = build()
            return value

    def lexicon(self, name: str) -> Any:
        """rules/lexicons/<name>.yml, parsed once; a lexicon must be a mapping."""
        found = self._memo.get(("lexicon", name))
        if found is not None:
            return found

        def build() -> Any:
            path = self.root / "lexicons" / f"{name}.yml"
            data = load_yaml(path)
            if not isinstance(data, dict):
                raise RulesError(path, None, "a lexicon must be a mapping")
            return data
        return self.derived(("lexicon", name), build)


_LOADED: dict[str, RuleSet] = {}


def load_rules(rules_dir: Optional[str | Path] = None) -> RuleSet:
    """The RuleSet of a folder (None: the bundled one), one object per folder per process."""
    root = Path(rules_dir) if rules_dir else bundled_rules_dir()
    try:
        key = str(root.resolve())
    except OSError:
        key = str(root)
    if key not in _LOADED:
        _LOADED[key] = RuleSet(Path(key))
    return _LOADED[key]


_BUNDLED: list[RuleSet] = []


def bundled() -> RuleSet:
    """The RuleSet of the bundled rules folder."""
    if not _BUNDLED:
        _BUNDLED.append(load_rules(None))
    return _BUNDLED[0]


_ACTIVE: contextvars.ContextVar[Optional[RuleSet]] = contextvars.ContextVar("sla_check_rules", default=None)
#: called when the rule set in force changes (per-text caches whose answers depend on the words)
ON_SWITCH: list[Callable[[], None]] = []
_LAST: list[Optional[RuleSet]] = [None]


def active() -> RuleSet:
    """The rule set in force: the one an entry point put in force, else the bundled one."""
    return _ACTIVE.get() or (_BUNDLED[0] if _BUNDLED else bundled())


@contextlib.contextmanager
def using(rules: RuleSet | str | Path | None) -> Iterator[RuleSet]:
    """Put `rules` (a RuleSet, or a folder; None: bundled) in force for the block."""
    chosen = rules if isinstance(rules, RuleSet) else load_rules(rules)
    _switched_to(chosen)
    token = _ACTIVE.set(chosen)
    try:
        yield chosen
    finally:
        _ACTIVE.reset(token)
        _switched_to(active())  # what is read after the block is read with the rules in force again


def _switched_to(rules: RuleSet) -> None:
    """Clear the per-text caches when `rules` differ from the rule set they were filled under (the
    bundled one before any block: what was read outside every block was read with it)."""
    if (_LAST[0] or bundled()) is not rules:
        for hook in ON_SWITCH:
            hook()
    _LAST[0] = rules


def per_ruleset(func: Callable[[], T]) -> Callable[[], T]:
    """A builder with no arguments whose value depends on the rules in force: built once per
    rule set (instead of once per process, which would leak one folder's words into another)."""
    key = (func.__module__, func.__qualname__)

    get = _ACTIVE.get

    @functools.wraps(func)
    def wrapper() -> T:  # called on hot paths: the lookup is inlined
        memo = (get() or (_BUNDLED[0] if _BUNDLED else bundled()))._memo
        try:
            return memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = memo[key] = func()
            return value
    return wrapper


def default_rules_dir() -> Path:
    """The rules/ folder in force (see `active()`)."""
    return active().root


def is_bundled(rules_dir: Optional[str | Path] = None) -> bool:
    """Whether the rules in force are the ones shipped with sla-check."""
    try:
        chosen = Path(rules_dir) if rules_dir else default_rules_dir()
        return chosen.resolve() == bundled_rules_dir().resolve()
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


def rules_hash(rules_dir: str | None = None) -> str:
    """A short hash of every file under rules/, for the audit trail in reports."""
    rules = load_rules(rules_dir) if rules_dir else active()
    return rules.derived("hash", lambda: _hash_folder(rules.root))


def _hash_folder(root: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(file.relative_to(root)).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:12]
