"""sla-check: find where a vendor SLA leaves the buyer exposed, with page citations.

The public API is imported lazily so that `sla-check --help` stays fast.
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "load_document", "extract_file", "review_file", "review_paths", "run_review", "ReviewRequest", "build_nlp"]

_LAZY = {
    "load_document": "sla_check.ingest",
    "extract_file": "sla_check.pipeline",
    "review_file": "sla_check.pipeline",
    "review_paths": "sla_check.batch",
    "run_review": "sla_check.review",
    "ReviewRequest": "sla_check.review",
    "build_nlp": "sla_check.nlp",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
