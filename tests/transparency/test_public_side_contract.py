"""The public side reads only the reviewed public record, and the import-linter contract that says so can fail.

Notice pages, log search, the public API, placeholders and the DSA and Lumen exports are built from
PublicRecord and PublicRecordItem alone. The contract ``public-side`` in ``.importlinter`` forbids those
modules from importing the case models, the private services and the notices app's private rows, directly
or through any chain of imports. Here it is run on the code as it is (kept), and on a copy with one
forbidden import added to a public module (broken, naming the module).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")

PUBLIC_MODULES = ["transparency/log_views.py", "transparency/log_search.py", "transparency/api.py",
                  "transparency/placeholders.py", "transparency/exports/dsa.py", "transparency/exports/lumen.py",
                  "notices/api.py"]


def lint(src: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT), str(ROOT / ".importlinter"), "--contract", "public-side", "--no-cache", "--no-logo"],
        cwd=src, env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=300)


def test_the_public_side_contract_is_kept():
    result = lint(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout


@pytest.mark.parametrize("module, forbidden", [
    ("transparency/placeholders.py", "from rightsdesk.cases.models import TargetItem"),
    ("notices/api.py", "from rightsdesk.notices.models import Placeholder"),
    ("transparency/exports/dsa.py", "from rightsdesk.privacy import crypto"),
])
def test_a_public_module_that_reads_private_models_breaks_the_contract(tmp_path, module, forbidden):
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "rightsdesk", src / "rightsdesk",
                    ignore=shutil.ignore_patterns("__pycache__", "locale", "static", "templates"))
    target = src / "rightsdesk" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{forbidden}  # added by the test\n", encoding="utf-8")
    result = lint(src)
    assert result.returncode != 0 and "BROKEN" in result.stdout
    assert f"rightsdesk.{module[:-3].replace('/', '.')} is not allowed to import" in " ".join(result.stdout.split())


def test_the_contract_lists_every_public_module():
    config = (ROOT / ".importlinter").read_text(encoding="utf-8")
    for module in PUBLIC_MODULES:
        assert f"rightsdesk.{module[:-3].replace('/', '.')}" in config, module
