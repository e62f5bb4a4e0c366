"""The real-SLA development corpus: collect it, add to it, score sla-check against it.

The documents are public SLAs nobody on this project wrote. Most may not be redistributed,
so the repository holds only `corpus/manifest.yml` (where each came from, its sha256, its
licence and its split) and the hand-made truth files under `corpus/truth/<split>/`; the
texts themselves live in the git-ignored `corpus/docs/` and are collected again from the
manifest on a new machine.

    python tools/corpus.py collect                 # fetch every document named in the manifest
    python tools/corpus.py missing                 # what collect could not get yet
    python tools/corpus.py save-pages ANSWER.json  # web pages, from saved answers of the search tool
    python tools/corpus.py status                  # counts by kind / format / split, labelled or not
    python tools/corpus.py score --split dev       # per-field scores and the dev misses
    python tools/corpus.py score --split test      # aggregate per-field scores ONLY
    python tools/corpus.py render                  # md/txt documents as PDFs, ruled and borderless tables
    python tools/corpus.py score --split dev --rendering borderless   # score those PDFs
    python tools/corpus.py add --repo O/N --path P --id ID --kind K [--commit C] [--licence L]

The split is decided once, when a document is added, from its hash (test when
int(sha256, 16) % 3 == 0), before it is labelled and before any rule is changed, and is
then stored in the manifest. Never read the test split's documents or misses while
writing rules: `score --split test` prints aggregate numbers only for that reason.

Sources are git repositories brought onto the machine as mirrors
(`<mirrors>/<owner>+<name>/repo`, the layout of the session `fetch` tool; override the
folder with --mirrors or SLA_CORPUS_MIRRORS). `collect` reads each file with
`git --git-dir=… show COMMIT:PATH`, checks its sha256, and lists the repositories whose
mirror is missing so they can be fetched first.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
MANIFEST = CORPUS / "manifest.yml"
DOCS = CORPUS / "docs"
TRUTH = CORPUS / "truth"
#: corpus texts rendered as PDFs (git-ignored): RENDERINGS/<rendering>/<id>.pdf
RENDERINGS = CORPUS / "renderings"
#: rendering name -> the table style of tools/make_fixtures.py it draws tables in
#: ("borderless" is a rule under the header row only, as the held-out renderings draw them; "bare" no rule)
RENDER_STYLES = {"ruled": "ruled", "borderless": "header-rule", "bare": "borderless"}
DEFAULT_MIRRORS = Path(os.environ.get("SLA_CORPUS_MIRRORS", "/work/.mirror"))
KINDS = ("cloud", "msp", "saas", "support", "telecom", "public-sector", "other")
SPLITS = ("dev", "test")
#: fields as `sla-check eval --json` names them, in report order
FIELDS = (
    "uptime", "response_times", "exclusions", "support_hours", "maintenance_notice_hours",
    "service_credits.present", "service_credits.max_credit_percent",
    "service_credits.claim_window_days", "service_credits.sole_remedy",
    "proactive_monitoring", "chronic_failure_termination",
)


@dataclass
class Entry:
    """One document of the manifest."""

    id: str
    kind: str
    format: str
    source: dict[str, Any]
    sha256: str
    licence: str
    split: str
    published_pdf: bool = False
    title: str = ""
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def filename(self) -> str:
        return f"{self.id}.{self.format}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "format": self.format,
                               "published_pdf": self.published_pdf, "title": self.title,
                               "source": self.source, "sha256": self.sha256,
                               "licence": self.licence, "split": self.split}
        if self.notes:
            out["notes"] = self.notes
        out.update(self.extra)
        return out


def split_for(sha256: str) -> str:
    """The split rule, applied once when a document is added: a deterministic third by hash."""
    return "test" if int(sha256, 16) % 3 == 0 else "dev"


def load_manifest(path: Path = MANIFEST) -> list[Entry]:
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = []
    known = {"id", "kind", "format", "source", "sha256", "licence", "split", "published_pdf", "title", "notes"}
    for raw in data.get("documents", []):
        entries.append(Entry(id=raw["id"], kind=raw["kind"], format=raw["format"], source=raw["source"],
                             sha256=raw["sha256"], licence=raw.get("licence", "unknown"), split=raw["split"],
                             published_pdf=bool(raw.get("published_pdf", False)), title=raw.get("title", ""),
                             notes=raw.get("notes", ""),
                             extra={k: v for k, v in raw.items() if k not in known}))
    return entries


def save_manifest(entries: list[Entry], path: Path = MANIFEST) -> None:
    header = ("# Real SLAs nobody on this project wrote. One entry per document; the texts are in the\n"
              "# git-ignored corpus/docs/ (run `python tools/corpus.py collect`). `split` was fixed when\n"
              "# the document was added (test when int(sha256, 16) % 3 == 0) and must never change.\n")
    body = yaml.safe_dump({"documents": [e.to_dict() for e in entries]}, sort_keys=False,
                          allow_unicode=True, width=110)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + body, encoding="utf-8")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def mirror_dir(repo: str, mirrors: Path) -> Path:
    return mirrors / repo.replace("/", "+") / "repo"


def git_show(repo: str, commit: str, path: str, mirrors: Path) -> bytes:
    gitdir = mirror_dir(repo, mirrors)
    if not gitdir.exists():
        raise FileNotFoundError(f"no mirror of {repo} at {gitdir}")
    proc = subprocess.run(["git", f"--git-dir={gitdir}", "show", f"{commit}:{path}"],
                          capture_output=True, check=False)
    if proc.returncode:
        raise FileNotFoundError(f"{repo}@{commit}:{path}: {proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout


def git_head(repo: str, mirrors: Path) -> str:
    gitdir = mirror_dir(repo, mirrors)
    proc = subprocess.run(["git", f"--git-dir={gitdir}", "rev-parse", "HEAD"], capture_output=True,
                          text=True, check=True)
    return proc.stdout.strip()


def latest_commit_with(repo: str, path: str, mirrors: Path) -> str:
    """HEAD if it holds the file, else the newest commit in the history that does."""
    gitdir = f"--git-dir={mirror_dir(repo, mirrors)}"
    head = git_head(repo, mirrors)
    candidates = [head] + subprocess.run(["git", gitdir, "log", "--all", "--format=%H", "--", path],
                                         capture_output=True, text=True, check=True).stdout.split()
    for commit in candidates:
        for rev in (commit, commit + "^"):
            if subprocess.run(["git", gitdir, "cat-file", "-e", f"{rev}:{path}"], capture_output=True).returncode == 0:
                return subprocess.run(["git", gitdir, "rev-parse", rev], capture_output=True, text=True,
                                      check=True).stdout.strip()
    raise FileNotFoundError(f"{repo}: {path} is in no commit of the mirror")


def truth_path(entry: Entry) -> Path:
    return TRUTH / entry.split / f"{entry.id}.truth.yml"


# --------------------------------------------------------------------------- renderings

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\b[^<>]{0,300}>")
_BR = re.compile(r"<br\s*/?>", re.I)
_UNDERBOLD = re.compile(r"__(\S(?:.*?\S)?)__")
_EM = re.compile(r"(?<![\w*])\*(?![\s*])([^*\n]+?)(?<![\s*])\*(?![\w*])|(?<!\w)_(?![\s_])([^_\n]+?)(?<![\s_])_(?!\w)")
_CODE = re.compile(r"`+([^`]*)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_HRULE = re.compile(r"^\s*([-=_*])(\s*\1){2,}\s*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_START = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]|\(?[a-zA-Z]{1,4}\))\s+\S")


def _inline_md(text: str) -> str:
    """Markdown inline markup as a reader sees it printed: link text, no emphasis marks or tags;
    **bold** is kept for the renderer, which prints it in bold."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _BR.sub(" ", text)
    text = _TAG.sub("", text)
    text = _UNDERBOLD.sub(r"**\1**", text)
    text = _EM.sub(lambda m: m.group(1) or m.group(2), text)
    text = _CODE.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text).replace("\t", " ")


def _row_cells(line: str) -> list[str]:
    s = line.strip()
    s = s[1:] if s.startswith("|") else s
    s = s[:-1] if s.endswith("|") else s
    return [_inline_md(c).strip() for c in s.split("|")]


def _is_table_line(line: str) -> bool:
    return "|" in line and (bool(_TABLE_SEP.match(line)) or sum(1 for c in _row_cells(line) if c) >= 2)


def to_fixture_markdown(text: str, table_style: str, markdown: bool = True) -> str:
    """A real SLA text (Markdown or plain) reduced to the Markdown subset tools/make_fixtures.py
    renders: pipe tables (with or without outer pipes) drawn in `table_style`, headings, bullets,
    Markdown's numbered lists as lists (with `markdown`; in plain text a numbered line starts a
    paragraph), lines between blank lines as one paragraph, form feeds as page breaks; front matter, link
    definitions and inline markup dropped the way a browser would not print them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = _FRONT_MATTER.sub("", text, count=1)
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i].replace("\f", "")
        if "\f" in lines[i]:
            out += ["", "<<<pagebreak>>>", ""]
        stripped = line.strip()
        if stripped.startswith(">"):
            line = stripped = stripped.lstrip("> ").strip()
        if stripped.startswith("```") or stripped.startswith("~~~") or _LINK_DEF.match(line):
            i += 1
            continue
        if _is_table_line(line) and not _TABLE_SEP.match(line):
            rows: list[list[str]] = []
            while i < len(lines) and _is_table_line(lines[i]):
                if not _TABLE_SEP.match(lines[i]):
                    rows.append(_row_cells(lines[i]))
                i += 1
            width = max(len(r) for r in rows)
            out += ["", f"{{table: {table_style}}}"]
            out += ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
            out.append("")
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if stripped and not _HRULE.match(line) and _HRULE.match(nxt) and nxt.strip()[0] in "=-" \
                and (not out or not out[-1].strip()):
            out += ["", ("# " if nxt.strip()[0] == "=" else "## ") + _inline_md(stripped), ""]
            i += 2
            continue
        if _HRULE.match(line):
            out.append("")
            i += 1
            continue
        m = _HEADING.match(line)
        if m:
            out += ["", "#" * min(len(m.group(1)), 4) + " " + _inline_md(m.group(2)), ""]
            i += 1
            continue
        if stripped[:2] in ("+ ", "* ", "- ", "• "):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(indent + "- " + _inline_md(stripped[2:].strip()))
            i += 1
            continue
        if _LIST_START.match(line) and not markdown:
            out.append("")
        out.append(_inline_md(line))
        i += 1
    return "\n".join(out) + "\n"


def render_document(entry: Entry, rendering: str) -> Path:
    """Render one Markdown/text document as a PDF with make_fixtures' renderer (deterministic)."""
    sys.path.insert(0, str(ROOT / "tools"))
    import make_fixtures

    markdown = entry.format == "md"  # "1. text" is a numbered list in Markdown, a clause in plain text
    body = to_fixture_markdown(DOCS.joinpath(entry.filename).read_bytes().decode("utf-8", errors="replace"),
                               RENDER_STYLES[rendering], markdown=markdown)
    src = make_fixtures.parse_body(body, DOCS / entry.filename, {"id": entry.id, "format": "pdf", "numbered_lists": markdown,
                                                                 "title": entry.title or entry.id})
    out = RENDERINGS / rendering / f"{entry.id}.pdf"
    make_fixtures.write_if_changed(out, make_fixtures.render_pdf(src))
    return out


def renderable(entries: list[Entry]) -> list[Entry]:
    """Documents a rendering can be made of: the Markdown and text ones with a truth file."""
    return [e for e in entries if e.format in ("md", "txt") and truth_path(e).exists()]


def render_all(entries: list[Entry], rendering: str, force: bool = False) -> list[Entry]:
    """Render what is missing or older than its text (or than the renderer); the ones that rendered."""
    newest_code = max(p.stat().st_mtime for p in (ROOT / "tools" / "make_fixtures.py", Path(__file__)))
    done = []
    for e in renderable(entries):
        out = RENDERINGS / rendering / f"{e.id}.pdf"
        doc = DOCS / e.filename
        if not doc.exists():
            raise SystemExit(f"{e.id}: document missing, run `python tools/corpus.py collect` first")
        if force or not out.exists() or out.stat().st_mtime < max(doc.stat().st_mtime, newest_code):
            try:
                render_document(e, rendering)
            except Exception as exc:  # a document the renderer cannot lay out is left out, and said so
                print(f"  {e.id}: not rendered ({type(exc).__name__}: {str(exc)[:160]})", file=sys.stderr)
                continue
        done.append(e)
    return done


# --------------------------------------------------------------------------- commands


def cmd_add(args: argparse.Namespace) -> int:
    entries = load_manifest()
    if any(e.id == args.id for e in entries):
        print(f"id {args.id} is already in the manifest", file=sys.stderr)
        return 2
    if args.kind not in KINDS:
        print(f"kind must be one of {KINDS}", file=sys.stderr)
        return 2
    mirrors = Path(args.mirrors)
    if args.file:
        data = Path(args.file).read_bytes()
        if args.repo and args.path and args.commit:
            # a file too large a repository to mirror, read through the session's read_file tool
            source: dict[str, Any] = {"repo": args.repo, "path": args.path, "commit": args.commit, "via": "read_file"}
        elif args.url:
            source = {"url": args.url}
        else:
            print("--file needs --url, or --repo/--path/--commit it was read from", file=sys.stderr)
            return 2
    else:
        commit = args.commit or latest_commit_with(args.repo, args.path, mirrors)
        data = git_show(args.repo, commit, args.path, mirrors)
        source = {"repo": args.repo, "path": args.path, "commit": commit}
    digest = sha256_bytes(data)
    dupes = [e.id for e in entries if e.sha256 == digest]
    if dupes:
        print(f"same bytes as {dupes[0]}", file=sys.stderr)
        return 2
    fmt = args.format or Path(args.path or args.file).suffix.lstrip(".").lower() or "txt"
    if fmt == "markdown":
        fmt = "md"
    if fmt in ("rst", "markdoc", "mdx", "adoc"):
        fmt = "txt" if fmt in ("rst", "adoc") else "md"
    entry = Entry(id=args.id, kind=args.kind, format=fmt, source=source, sha256=digest,
                  licence=args.licence, split=split_for(digest), published_pdf=(fmt == "pdf" and not args.not_published),
                  title=args.title or "", notes=args.notes or "")
    DOCS.mkdir(parents=True, exist_ok=True)
    (DOCS / entry.filename).write_bytes(data)
    entries.append(entry)
    save_manifest(entries)
    print(f"added {entry.id} ({entry.kind}, {entry.format}, {len(data)} bytes) -> {entry.split}")
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    mirrors = Path(args.mirrors)
    DOCS.mkdir(parents=True, exist_ok=True)
    ok = fetched = 0
    missing_repos: dict[str, list[str]] = {}
    problems: list[str] = []
    manual: list[str] = []
    for e in load_manifest():
        target = DOCS / e.filename
        if target.exists() and sha256_bytes(target.read_bytes()) == e.sha256:
            ok += 1
            continue
        src = e.source
        if "repo" not in src:
            manual.append(f"{e.id}: search the session search tool's `pages` corpus for {src.get('url')} "
                          f"and hand the answer to `save-pages` (or save its text as UTF-8 in "
                          f"corpus/docs/{e.filename}, sha256 {e.sha256})")
            continue
        if src.get("via") == "read_file" and not mirror_dir(src["repo"], mirrors).exists():
            manual.append(f"{e.id}: repository too large to mirror; save the text of the session tool "
                          f"read_file(repo={src['repo']}, path={src['path']}, commit={src['commit']}) as UTF-8 "
                          f"in corpus/docs/{e.filename} (sha256 {e.sha256})")
            continue
        try:
            data = git_show(src["repo"], src["commit"], src["path"], mirrors)
        except FileNotFoundError as exc:
            if not mirror_dir(src["repo"], mirrors).exists():
                missing_repos.setdefault(src["repo"], []).append(e.id)
            else:
                problems.append(f"{e.id}: {exc}")
            continue
        if sha256_bytes(data) != e.sha256:
            problems.append(f"{e.id}: sha256 differs from the manifest ({src['repo']}@{src['commit']}:{src['path']})")
            continue
        target.write_bytes(data)
        fetched += 1
    print(f"{ok} already present, {fetched} collected, {sum(len(v) for v in missing_repos.values())} waiting "
          f"for a mirror, {len(problems)} problems, {len(manual)} to save by hand")
    if missing_repos:
        print("\nFetch these repositories first (session tool: fetch github:<owner>/<name>), then run collect again:")
        for repo, ids in sorted(missing_repos.items()):
            print(f"  {repo}  ({len(ids)}: {', '.join(ids)})")
    for line in problems + manual:
        print("  " + line)
    return 1 if problems else 0


def cmd_status(args: argparse.Namespace) -> int:
    entries = load_manifest()
    def table(key: Any) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for e in entries:
            row = out.setdefault(key(e), {"dev": 0, "test": 0, "labelled": 0})
            row[e.split] += 1
            row["labelled"] += truth_path(e).exists()
        return out
    print(f"{len(entries)} documents, {sum(truth_path(e).exists() for e in entries)} labelled, "
          f"{sum(e.published_pdf for e in entries)} published PDFs")
    for title, key in (("kind", lambda e: e.kind), ("format", lambda e: e.format),
                       ("published pdf", lambda e: "yes" if e.published_pdf else "no")):
        print(f"\nby {title}:")
        for name, row in sorted(table(key).items()):
            print(f"  {name:<14} dev {row['dev']:3d}  test {row['test']:3d}  labelled {row['labelled']:3d}")
    if args.list:
        print()
        for e in entries:
            mark = "L" if truth_path(e).exists() else "-"
            print(f"  {mark} {e.split:<4} {e.kind:<13} {e.format:<4} {e.id}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    entries = [e for e in load_manifest() if args.split in (None, e.split)]
    for rendering in args.rendering or RENDER_STYLES:
        done = render_all(entries, rendering, force=args.force)
        print(f"{rendering}: {len(done)} of {len(renderable(entries))} documents in "
              f"{(RENDERINGS / rendering).relative_to(ROOT)}/")
    return 0


def default_sla_check() -> str:
    sibling = Path(sys.executable).with_name("sla-check")
    if sibling.exists():
        return str(sibling)
    return shutil.which("sla-check") or "sla-check"


def build_eval_dir(entries: list[Entry], workdir: Path, rendering: Optional[str] = None) -> list[Entry]:
    """Pair each labelled document with its truth file in one folder, as `sla-check eval` expects.

    With a PDF `rendering` the document is its rendering and the truth loses its findings'
    pages: the fields are scored without pages, but a citation's page belongs to the text's
    layout (page 1 of a Markdown file is not page 1 of its PDF), so citations are not scored."""
    used = []
    for e in entries:
        doc, truth = DOCS / e.filename, truth_path(e)
        if not truth.exists():
            continue
        if rendering in RENDER_STYLES:
            doc = RENDERINGS / rendering / f"{e.id}.pdf"
        if not doc.exists():
            raise SystemExit(f"{e.id}: document missing, run `python tools/corpus.py collect` first")
        os.symlink(doc.resolve(), workdir / doc.name)
        if rendering in RENDER_STYLES:
            data = yaml.safe_load(truth.read_text(encoding="utf-8")) or {}
            findings = data.get("findings") or {}
            for finding in findings.values() if isinstance(findings, dict) else findings:
                if isinstance(finding, dict):
                    finding.pop("page", None)
                    finding.pop("section", None)
            (workdir / f"{e.id}.truth.yml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                                                       encoding="utf-8")
        else:
            shutil.copyfile(truth, workdir / f"{e.id}.truth.yml")
        used.append(e)
    return used


def run_eval(entries: list[Entry], sla_check: str, extra: list[str],
             rendering: Optional[str] = None) -> Optional[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="sla-corpus-") as tmp:
        used = build_eval_dir(entries, Path(tmp), rendering)
        if not used:
            return None
        proc = subprocess.run([sla_check, "eval", "--json", *extra, tmp], capture_output=True, text=True, check=False)
        if proc.returncode not in (0, 1) or not proc.stdout.strip():
            raise SystemExit(f"sla-check eval failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
        report: dict[str, Any] = json.loads(proc.stdout)
        report["_n"] = len(used)
        return report


def aggregate(report: dict[str, Any]) -> dict[str, Any]:
    """Per-field numbers and basis accuracy only: nothing that names a document."""
    fields = {name: report["fields"][name] for name in FIELDS if name in report["fields"]}
    tp = sum(f["tp"] for f in fields.values())
    fp = sum(f["fp"] for f in fields.values())
    fn = sum(f["fn"] for f in fields.values())
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    micro = 2 * p * r / (p + r) if p + r else 0.0
    return {"documents": report["_n"], "micro_f1": round(micro, 4), "fields": fields,
            "basis_accuracy": report.get("basis_accuracy"), "basis_matched": report.get("basis_matched"),
            "errors": report.get("errors"), **({"findings": findings_aggregate(report["findings"])} if "findings" in report else {})}


def findings_aggregate(f: dict[str, Any]) -> dict[str, Any]:
    """Findings status and citation accuracy, overall and per check: nothing that names a document."""
    return {key: f[key] for key in ("status_accuracy", "citation_accuracy", "listed", "cited", "checks")}


def print_findings(agg: dict[str, Any]) -> None:
    f = agg["findings"]
    show = lambda v: "  n/a" if v is None else f"{v:5.3f}"  # noqa: E731
    print(f"  findings: status accuracy {show(f['status_accuracy'])} over {f['listed']} listed, "
          f"citation accuracy {show(f['citation_accuracy'])} over {f['cited']} cited")
    print(f"  {'check':<36} {'status':>6} {'n':>4} {'cite':>6} {'n':>4}")
    for cid, c in f["checks"].items():
        print(f"  {cid:<36} {show(c['status_accuracy']):>6} {c['listed']:4d} {show(c['citation_accuracy']):>6} {c['cited']:4d}")


_RT_DESC = re.compile(r"^level (?P<level>\S+) \(.*?\) (?P<kind>\S+) (?P<minutes>\S+) min")


def rt_taxonomy(report: dict[str, Any], entries: Optional[list[Entry]] = None) -> dict[str, int]:
    """Response-time misses and false hits sorted into kinds of error, counted over the split:
    which part of a time was wrong (level, kind, minutes) or whether nothing near it was read.
    Counts only, nothing that names a document or quotes it, so it may be shown for the test split."""
    by_doc: dict[str, dict[str, list[tuple[str, str, str]]]] = {}
    for m in report.get("mistakes", []):
        if m["field"] != "response_times" or m["kind"] not in ("miss", "false_hit"):
            continue
        d = _RT_DESC.match(m["value"])
        if d:
            by_doc.setdefault(m["document"], {"miss": [], "false_hit": []})[m["kind"]].append(
                (d["level"], d["kind"], d["minutes"]))
    out: dict[str, int] = {}

    def count(key: str) -> None:
        out[key] = out.get(key, 0) + 1

    known = {e.id: e for e in entries or []}
    for name, doc in by_doc.items():
        misses, hits = doc["miss"], list(doc["false_hit"])
        if misses and not hits:
            count("documents with misses and no false hit")
        entry = known.get(name)
        if entry is not None and misses:
            truth = yaml.safe_load(truth_path(entry).read_text(encoding="utf-8")) or {}
            stated = len(truth.get("response_times") or [])
            fmt = "published PDF" if entry.published_pdf else entry.format
            if stated and len(misses) == stated:
                count(f"documents whose every time was missed ({fmt})")
                out[f"  misses in them ({fmt})"] = out.get(f"  misses in them ({fmt})", 0) + len(misses)
            else:
                count(f"documents with some times missed ({fmt})")
        for lv, kind, mins in misses:
            near = next((h for h in hits if sum(a != b for a, b in zip(h, (lv, kind, mins))) == 1), None)
            if near is None:
                count("miss: nothing near it read")
                continue
            hits.remove(near)
            which = ("level" if near[0] != lv else "kind" if near[1] != kind else "minutes")
            count(f"miss: read with the wrong {which}" + (" (no level read)" if which == "level" and near[0] == "None" else ""))
        for lv, kind, mins in hits:
            count("false hit: no level" if lv == "None" else "false hit: levelled")
    return dict(sorted(out.items()))


def print_aggregate(title: str, agg: dict[str, Any]) -> None:
    print(f"{title}: {agg['documents']} labelled documents, micro-F1 {agg['micro_f1']:.3f}")
    print(f"  {'field':<36} {'P':>6} {'R':>6} {'F1':>6}  {'tp':>4} {'fp':>4} {'fn':>4}")
    for name, s in agg["fields"].items():
        print(f"  {name:<36} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}  {s['tp']:4d} {s['fp']:4d} {s['fn']:4d}")
    acc = agg["basis_accuracy"]
    print(f"  {'response_times.basis':<36} accuracy {acc:.3f} over {agg['basis_matched']} matched" if acc is not None
          else f"  {'response_times.basis':<36} (no matched items)")


def cmd_score(args: argparse.Namespace) -> int:
    entries = [e for e in load_manifest() if e.split == args.split]
    if args.published_pdf:
        entries = [e for e in entries if e.published_pdf]
    if args.ids:  # a chosen batch, e.g. the documents added today: their first-sight score
        wanted = {i.strip() for i in args.ids.split(",") if i.strip()}
        unknown = wanted - {e.id for e in load_manifest()}
        if unknown:
            print(f"not in the manifest: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        entries = [e for e in entries if e.id in wanted]
    absent = [e for e in entries if not (DOCS / e.filename).exists()]
    if absent:  # a new machine that could not collect every document: say so, score the rest alike
        print(f"note: {len(absent)} documents of this set are not in corpus/docs (see `python tools/corpus.py "
              f"missing`); scored without them", file=sys.stderr)
        entries = [e for e in entries if (DOCS / e.filename).exists()]
    if args.rendering:
        if args.published_pdf:
            print("--rendering and --published-pdf exclude each other", file=sys.stderr)
            return 2
        # the same Markdown/text documents each time, so text and renderings compare like for like
        entries = renderable(entries) if args.rendering == "text" else render_all(entries, args.rendering)
    extra = ["--rules", args.rules] if args.rules else []
    if args.findings:
        extra.append("--findings")
    report = run_eval(entries, args.sla_check, extra, args.rendering)
    if report is None:
        print(f"no labelled documents in the {args.split} split")
        return 1
    agg = aggregate(report)
    label = args.split + (" (published PDFs)" if args.published_pdf else "") \
        + (f" ({args.rendering} rendering)" if args.rendering else "") \
        + (f" ({len(entries)} chosen documents)" if args.ids else "")
    print_aggregate(label, agg)
    if args.rt_taxonomy:
        agg["rt_taxonomy"] = rt_taxonomy(report, entries)
        print("  response-time errors by kind (counts over the split):")
        for key, n in agg["rt_taxonomy"].items():
            print(f"    {key:<52} {n:4d}")
    if "findings" in agg:
        print_findings(agg)
    if args.split == "dev" and not args.quiet:
        mistakes = report.get("mistakes", [])
        if mistakes:
            print("\nMisses and false hits (dev split only):")
            for m in mistakes:
                tail = f"\n      {m['evidence']}" if m.get("evidence") else ""
                print(f"  [{m['kind']}] {m['document']} {m['field']}: {m['value']}{tail}")
        disagreements = report.get("findings", {}).get("disagreements", [])
        if disagreements:
            print("\nFindings disagreements (dev split only):")
            for d in disagreements:
                print(f"  [{d['what']}] {d['document']} {d['check_id']}: truth {d['truth']} | got {d['got']}"
                      + (f"\n      {d['explanation'][:220]}" if d.get("explanation") else ""))
    if args.json_out:
        out = Path(args.json_out)
        data = json.loads(out.read_text()) if out.exists() else {}
        data[label] = agg
        out.write_text(json.dumps(data, indent=2, sort_keys=False) + "\n")
    return 0


def _page_answers(path: Path) -> list[dict[str, Any]]:
    """The results in a saved answer of the search tool (its whole JSON, or a list of {url, excerpt})."""
    data = json.loads(path.read_text(encoding="utf-8"))
    results = data.get("results", []) if isinstance(data, dict) else data
    return [r for r in results if isinstance(r, dict) and "excerpt" in r]


def cmd_save_pages(args: argparse.Namespace) -> int:
    """Save the page texts of search answers as corpus documents, each only where its sha256 matches.

    The manifest's web pages are the opening text the session search tool's `pages` corpus holds;
    a new machine gets them back by searching for them and handing the answers to this command.
    """
    missing = {e.sha256: e for e in load_manifest()
               if "url" in e.source and not ((DOCS / e.filename).exists()
                                             and sha256_bytes((DOCS / e.filename).read_bytes()) == e.sha256)}
    by_url = {e.source["url"].rstrip("/"): e for e in missing.values()}
    DOCS.mkdir(parents=True, exist_ok=True)
    saved = 0
    for name in args.files:
        for result in _page_answers(Path(name)):
            text = str(result["excerpt"])
            for candidate in (text, text + "\n", text.strip(), text.strip() + "\n"):
                entry = missing.pop(sha256_bytes(candidate.encode("utf-8")), None)
                if entry is not None:
                    tmp = DOCS / f".{entry.filename}.part"
                    tmp.write_bytes(candidate.encode("utf-8"))
                    tmp.replace(DOCS / entry.filename)
                    by_url.pop(entry.source["url"].rstrip("/"), None)
                    print(f"saved {entry.id} ({entry.split})")
                    saved += 1
                    break
            else:
                url = str(result.get("url", "")).rstrip("/")
                if url in by_url:
                    print(f"text differs from the manifest's sha256: {by_url[url].id} ({url})")
    print(f"{saved} saved, {len(missing)} web pages still missing")
    return 0


def cmd_missing(args: argparse.Namespace) -> int:
    """The documents not yet in corpus/docs (id, split, where from), for a new machine's collect."""
    for e in load_manifest():
        target = DOCS / e.filename
        if target.exists() and sha256_bytes(target.read_bytes()) == e.sha256:
            continue
        if args.split and e.split != args.split:
            continue
        where = e.source.get("url") or f"{e.source.get('repo')}:{e.source.get('path')}"
        print(f"{e.id}\t{e.split}\t{where}" + (f"\t{e.title}" if e.title else ""))
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)

    p = sub.add_parser("collect", help="collect the documents named in the manifest into corpus/docs/")
    p.add_argument("--mirrors", default=str(DEFAULT_MIRRORS))
    p.set_defaults(func=cmd_collect)

    p = sub.add_parser("save-pages", help="save web pages from saved search-tool answers (JSON files)")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_save_pages)

    p = sub.add_parser("missing", help="list the documents not yet collected")
    p.add_argument("--split", choices=SPLITS)
    p.set_defaults(func=cmd_missing)

    p = sub.add_parser("status", help="counts by kind, format and split")
    p.add_argument("--list", action="store_true", help="list every document (id, split, kind)")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("score", help="run sla-check eval on one split")
    p.add_argument("--split", choices=SPLITS, required=True)
    p.add_argument("--sla-check", default=default_sla_check(), help="the sla-check executable to measure")
    p.add_argument("--rules", help="pass --rules DIR to sla-check")
    p.add_argument("--published-pdf", action="store_true", help="only the PDFs exactly as published")
    p.add_argument("--rendering", choices=("text", *RENDER_STYLES),
                   help="only the Markdown/text documents: as they are (text) or rendered as PDFs with "
                        "ruled or borderless tables (corpus/renderings/, made when missing or stale)")
    p.add_argument("--ids", help="only these documents of the split (comma-separated ids), e.g. a fresh batch")
    p.add_argument("--quiet", action="store_true", help="dev: aggregate numbers only")
    p.add_argument("--rt-taxonomy", action="store_true",
                   help="count response-time errors by kind (wrong level, kind or minutes; nothing near): counts only")
    p.add_argument("--findings", action="store_true",
                   help="also score the truth files' findings: blocks (status and citation accuracy per check)")
    p.add_argument("--json-out", help="merge the aggregate numbers into this JSON file")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("render", help="render the Markdown/text documents as PDFs into corpus/renderings/")
    p.add_argument("--split", choices=SPLITS, help="one split only (default both)")
    p.add_argument("--rendering", choices=tuple(RENDER_STYLES), action="append",
                   help="ruled or borderless (default both)")
    p.add_argument("--force", action="store_true", help="render again even if up to date")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("add", help="add one document from a mirror (or a saved page) to the manifest")
    p.add_argument("--id", required=True)
    p.add_argument("--kind", required=True)
    p.add_argument("--repo")
    p.add_argument("--path")
    p.add_argument("--commit")
    p.add_argument("--file", help="a saved web page text instead of a repository file")
    p.add_argument("--url", help="where --file was published")
    p.add_argument("--format")
    p.add_argument("--licence", default="unknown")
    p.add_argument("--title")
    p.add_argument("--notes")
    p.add_argument("--not-published", action="store_true", help="a PDF that is not the publisher's own file")
    p.add_argument("--mirrors", default=str(DEFAULT_MIRRORS))
    p.set_defaults(func=cmd_add)

    args = ap.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
