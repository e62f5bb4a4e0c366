"""Batch review: inputs are collected in a stable order, and a bad file (unreadable, crashing,
hanging, killing its worker) becomes one failed result while the rest go on."""
from __future__ import annotations

from pathlib import Path

import pytest

from sla_check.batch import TEST_DIE_ENV, TEST_HANG_ENV, collect_inputs, review_files
from sla_check.pipeline import Options

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "fixtures" / "contracts" / "university-it.md"
GOOD_PDF = ROOT / "fixtures" / "contracts" / "lumen-saas.pdf"
ENCRYPTED = ROOT / "fixtures" / "bad" / "encrypted.pdf"
#: a few lines of SLA: reviewed in well under a second even on a loaded machine, so a per-file
#: timeout of a few seconds only ever catches the deliberately hanging file
TINY = "Service Level Agreement\n\n1. Availability\n\nThe Service will be available 99.9% of each calendar month.\n"


def test_collect_inputs_recurses_sorts_and_lists_what_it_skips(tmp_path: Path):
    for name in ["b/z.pdf", "b/a.txt", "b/sub/m.md", "b/sub/n.DOCX", "b/notes.yml", "b/scan.TIF", "b/photo.heic", "b/old.doc", "b/.hidden.pdf", "b/.git/x.pdf", "c.xlsx"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    folder = tmp_path / "b"
    inputs = collect_inputs([tmp_path / "c.xlsx", folder, folder / "z.pdf"])
    assert [p.relative_to(tmp_path).as_posix() for p in inputs.files] == [
        "c.xlsx",  # named directly: always tried (and reported if unsupported)
        "b/a.txt", "b/scan.TIF", "b/sub/m.md", "b/sub/n.DOCX", "b/z.pdf",  # folder order is sorted, a duplicate counts once
    ]
    # contracts in formats we cannot read and hidden entries are listed with the reason;
    # unrelated files (notes.yml) are only counted
    assert [(p.name, p.code) for p in inputs.skipped] == [
        (".git", "hidden"), (".hidden.pdf", "hidden"), ("old.doc", "unsupported_format"), ("photo.heic", "unsupported_format")]
    assert inputs.ignored == 1


def test_results_come_back_in_input_order_with_the_right_status(tmp_path: Path, nlp):
    files = [GOOD, ENCRYPTED, GOOD_PDF, tmp_path / "empty.txt", GOOD]
    (tmp_path / "empty.txt").write_bytes(b"")
    results = list(review_files(files, Options(), workers=2, timeout=60))
    assert [r.file for r in results] == [str(f) for f in files]
    assert [r.status for r in results] == ["ok", "error", "ok", "error", "ok"], [r.error for r in results]
    assert results[1].error.code == "encrypted" and results[3].error.code == "empty"
    assert results[0].findings and results[0].rating is not None
    assert results[0].to_dict() == results[4].to_dict()


def test_hang_crash_and_dead_worker_fail_only_their_file(tmp_path: Path, monkeypatch, nlp):
    first, hang, die, last = (tmp_path / n for n in ("first.txt", "hangs.txt", "dies.txt", "last.md"))
    for p in (first, hang, die, last):
        p.write_text(TINY)
    monkeypatch.setenv(TEST_HANG_ENV, hang.name)
    monkeypatch.setenv(TEST_DIE_ENV, die.name)
    files = [first, hang, ENCRYPTED, die, last]
    done: list[str] = []
    results = list(review_files(files, Options(), workers=2, timeout=8, on_done=lambda r: done.append(r.file)))
    assert [r.file for r in results] == [str(f) for f in files]
    status = [(r.status, r.error.code if r.error else None) for r in results]
    assert status == [("ok", None), ("error", "timeout"), ("error", "encrypted"), ("error", "internal"), ("ok", None)]
    assert "8 s" in results[1].error.message
    assert "stopped unexpectedly" in results[3].error.message
    assert sorted(done) == sorted(str(f) for f in files)  # progress saw every file once


def test_one_worker_and_many_give_the_same_results(nlp):
    files = [GOOD, ENCRYPTED, GOOD]
    one = [r.to_dict() for r in review_files(files, Options(), workers=1)]
    two = [r.to_dict() for r in review_files(files, Options(), workers=3)]
    assert one == two


def test_empty_input_yields_nothing():
    assert list(review_files([], Options())) == []


def test_results_stream_before_the_batch_ends(tmp_path: Path, nlp):
    files = []
    for i in range(10):
        p = tmp_path / f"doc{i:02d}.txt"
        p.write_text(f"Service Level Agreement {i}\n\nThe Service will be available 99.{i}% of each calendar month.\n")
        files.append(p)
    finished: list[str] = []
    seen_at_first_yield = None
    names = []
    for r in review_files(files, Options(), workers=2, on_done=lambda r: finished.append(r.file)):
        if seen_at_first_yield is None:
            seen_at_first_yield = len(finished)
        names.append(Path(r.file).name)
        assert r.status == "ok"
    assert names == [f.name for f in files]
    assert seen_at_first_yield < len(files)  # the first result is handed on while others still run


def test_warm_up_text_reaches_every_term_family(nlp):
    """The warm-up review must run every interpreter's code path, so workers forked after it
    meet no first-file cost: each term family is found in it."""
    from sla_check.extract import extract_terms
    from sla_check.ingest.text import text_document
    from sla_check.pipeline import _WARM_UP_TEXT

    terms = extract_terms(text_document(_WARM_UP_TEXT, "warm-up"), nlp)
    assert terms.uptime and terms.response_times and terms.exclusions
    assert terms.support_hours.value == "business_hours"
    assert terms.maintenance_notice_hours.value == 48
    assert terms.service_credits.present and terms.service_credits.sole_remedy
    assert terms.proactive_monitoring.value is True
    assert terms.chronic_failure_termination.value is True


def test_warm_up_imports_the_pdf_readers_workers_would_each_import(tmp_path: Path):
    """In a fresh process (this one has them already): after warm_up, the default PDF engine's
    libraries are loaded, so forked workers do not each import them at their first PDF."""
    import subprocess
    import sys

    code = ("import sys; from sla_check.pipeline import warm_up; warm_up(); "
            "print(sorted(m for m in ('pypdfium2', 'pdfplumber.table') if m in sys.modules))")
    # run outside the checkout, so the package is the installed one (as in CI), not ./sla_check
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[-2] == "['pdfplumber.table', 'pypdfium2']"


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_forked_workers_share_the_pipeline_the_parent_built(tmp_path: Path, monkeypatch):
    """Workers forked on Linux start with the parent's pipeline: it is built once, not once
    per worker (each build costs seconds of CPU)."""
    import sla_check.nlp as nlp_module
    import sla_check.pipeline as pipeline

    log = tmp_path / "builds.log"
    real_build = nlp_module.build_nlp

    def counting_build(rules_dir=None):
        with log.open("a") as fh:
            fh.write("build\n")
        return real_build(rules_dir)

    monkeypatch.setattr(pipeline, "_NLP_CACHE", {})
    monkeypatch.setattr(nlp_module, "build_nlp", counting_build)
    files = []
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(TINY)
        files.append(tmp_path / name)
    results = list(review_files(files, Options(), workers=2))
    assert [r.status for r in results] == ["ok"] * 3
    assert log.read_text().count("build") == 1


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_workers_keep_their_long_lived_objects_out_of_garbage_collection(tmp_path: Path, monkeypatch, nlp):
    """Each worker reviews with the pipeline, modules and lexicons frozen (gc.freeze), so its
    collections do not walk them again and again; the caller's own collector is left as found."""
    import gc

    import sla_check.pipeline as pipeline

    log = tmp_path / "frozen.log"
    real_review = pipeline.review_file

    def probing_review(path, options, nlp_):
        with log.open("a") as fh:
            fh.write(f"{gc.get_freeze_count()}\n")
        return real_review(path, options, nlp_)

    monkeypatch.setattr(pipeline, "review_file", probing_review)
    files = []
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(TINY)
        files.append(tmp_path / name)
    assert gc.get_freeze_count() == 0
    results = list(review_files(files, Options(), workers=2))
    assert [r.status for r in results] == ["ok"] * 3
    frozen = [int(n) for n in log.read_text().split()]
    assert len(frozen) == 3 and min(frozen) > 10_000  # the pipeline and its modules at least
    assert gc.get_freeze_count() == 0
