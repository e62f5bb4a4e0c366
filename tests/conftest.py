"""Shared fixtures: the spaCy pipeline is built once per test session."""
from __future__ import annotations

from pathlib import Path

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
