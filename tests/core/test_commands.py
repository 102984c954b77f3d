"""Every management command answers a path it cannot use with the path and what to do, never a traceback
(rightsdesk.core.commands); its output files are written whole or not at all."""

from __future__ import annotations

import importlib
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

import rightsdesk
from rightsdesk.core.commands import BaseCommand

pytestmark = pytest.mark.django_db

A_FILE = "a-file.txt"  # made in tmp_path by the test: a file where a folder is needed


@pytest.mark.parametrize("command, args, says", [
    # Each of these was a FileNotFoundError, IsADirectoryError, FileExistsError or NotADirectoryError traceback.
    ("export", ["dsa", "--period", "2025", "--out", "{tmp}/missing/sor.jsonl"],
     "Cannot use {tmp}/missing/sor.jsonl (No such file or directory): its folder does not exist"),
    ("export", ["lumen", "--period", "2025", "--out", "{tmp}"], "Cannot use {tmp} (Is a directory): it is a folder"),
    ("export", ["opendata", "--out", "{tmp}/" + A_FILE],
     "Cannot use {tmp}/a-file.txt (File exists): a file of that name is in the way of a folder"),
    ("subject_export", ["--email", "someone@example.org", "--out", "{tmp}/missing/export.json"],
     "Cannot use {tmp}/missing/export.json (No such file or directory)"),
    ("pseudolocale", ["--output", "{tmp}/" + A_FILE + "/locale"],
     "(Not a directory): a part of the path is a file, not a folder"),
    ("export_placeholders", ["--out", "{tmp}"], "Cannot use {tmp} (Is a directory)"),
])
def test_a_path_the_command_cannot_use_is_named_with_what_to_do(tmp_path, command, args, says):
    (tmp_path / A_FILE).write_text("not a folder")
    with pytest.raises(CommandError) as refused:
        call_command(command, *[a.format(tmp=tmp_path) for a in args], stdout=io.StringIO(), stderr=io.StringIO())
    assert says.format(tmp=tmp_path) in str(refused.value)
    assert not list(tmp_path.glob("*.partial")), "no half-written file is left beside the output"


def test_an_export_that_cannot_be_renamed_into_place_leaves_no_partial_file(tmp_path):
    (tmp_path / "out").mkdir()
    with pytest.raises(CommandError):
        call_command("export", "lumen", "--period", "2025", "--out", str(tmp_path / "out"), stderr=io.StringIO())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_an_error_without_a_file_keeps_its_traceback():
    class Command(BaseCommand):
        def handle(self, *args, **options):
            raise ConnectionRefusedError(111, "Connection refused")  # an OSError, but no path the operator gave

    with pytest.raises(ConnectionRefusedError):
        Command().execute(no_color=True, force_color=False, skip_checks=True, stdout=io.StringIO())


def project_commands():
    root = Path(rightsdesk.__file__).parent
    for path in sorted(root.glob("*/management/commands/*.py")):
        if path.name != "__init__.py":
            yield f"rightsdesk.{path.parts[-4]}.management.commands.{path.stem}"


@pytest.mark.parametrize("module", list(project_commands()))
def test_every_project_command_is_built_on_the_shared_base(module):
    assert issubclass(importlib.import_module(module).Command, BaseCommand)


@pytest.mark.parametrize("command, args", [
    # Before, export_placeholders wrote the explanations in English without a word; report refused "pt_BR".
    ("export_placeholders", ["--out", "{tmp}/placeholders.json"]),
    ("report", ["--period", "2025", "--format", "json", "--out", "{tmp}"]),
])
@pytest.mark.parametrize("language, offered", [("zz", False), ("jp", False), ("pt_BR", True), ("ar-EG", True),
                                               ("fr", True)])
def test_a_language_option_names_an_offered_language_or_is_refused_with_the_list(tmp_path, command, args, language,
                                                                               offered):
    argv = [a.format(tmp=tmp_path) for a in args] + ["--language", language]
    if offered:
        call_command(command, *argv, stdout=io.StringIO())
        assert any(tmp_path.iterdir())
    else:
        with pytest.raises(CommandError, match=f"--language {language} is not offered; use one of: en, ar, es, fr"):
            call_command(command, *argv, stdout=io.StringIO())
        assert not any(tmp_path.iterdir()), "nothing is written"
