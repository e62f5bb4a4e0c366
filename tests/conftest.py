"""Shared fixtures: the spaCy pipeline is built once per test session."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CONTRACTS = FIXTURES / "contracts"
BAD = FIXTURES / "bad"


@pytest.fixture(scope="session")
def nlp():
    from sla_check.pipeline import get_nlp

    return get_nlp(None)


@pytest.fixture(scope="session")
def contracts_dir() -> Path:
    return CONTRACTS


@pytest.fixture(scope="session")
def bad_dir() -> Path:
    return BAD


@pytest.fixture(scope="session")
def extracted(nlp):
    """extract_file(path, options) of a fixture file, run once per test session (per xdist
    worker) and shared: the truth scores, the evaluation and the checklist tests all read the
    same fixtures, and running the pipeline over them was most of those tests' time.

    Results are shared: copy one (dataclasses.replace) before changing it."""
    from sla_check.pipeline import Options, extract_file

    cache: dict[tuple[str, str], Any] = {}

    def get(path: str | Path, options: Any = None, nlp_: Any = None) -> Any:
        options = options if options is not None else Options()
        key = (str(Path(path).resolve()), repr(options))
        if key not in cache:
            cache[key] = extract_file(path, options, nlp_ if nlp_ is not None else nlp)
        return cache[key]

    return get


@pytest.fixture(scope="session")
def reviewed(extracted):
    """review_file(path, Options(profile=profile)) of a fixture file, composed from the shared
    extraction exactly as review_file composes it (extract, then review_terms on the terms;
    tests/test_check_pipeline.py::test_review_file_is_extract_then_review_terms pins that)."""
    import dataclasses

    from sla_check.check import review_terms
    from sla_check.pipeline import Options

    cache: dict[tuple[str, str], Any] = {}

    def get(path: str | Path, profile: str = "standard") -> Any:
        key = (str(Path(path).resolve()), profile)
        if key not in cache:
            result = dataclasses.replace(extracted(path))
            if result.status == "ok" and result.terms is not None:
                result.findings, result.rating, result.exposure = review_terms(
                    result.terms, Options(profile=profile), result.ocr_confidence)
            cache[key] = result
        return cache[key]

    return get


@pytest.fixture(scope="session")
def fixture_eval(extracted):
    """`evaluate` over fixtures/contracts and fixtures/bad with findings, its extractions taken
    from the shared ones (the CLI eval tests run evaluate's own extraction end to end)."""
    import sla_check.pipeline as pipeline
    from sla_check.evaluate import evaluate

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline, "extract_file", extracted)
        return evaluate([CONTRACTS, BAD], findings=True)
