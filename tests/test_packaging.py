"""The wheel must carry every subpackage and every rules file, or a plain `pip install .` breaks."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "sla_check").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages"
    assert config["package-dir"]["sla_check.rules"] == "rules"


def test_every_rules_file_matches_the_package_data_globs():
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["sla_check.rules"]
    rules = ROOT / "rules"
    files = [p for p in rules.rglob("*") if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts]
    assert files
    unshipped = [p for p in files if not any(p.relative_to(rules).match(g) or Path(p.name).match(g) and g.count("/") == p.relative_to(rules).as_posix().count("/") for g in globs)]
    assert unshipped == [], "extend package-data for these rules files"
