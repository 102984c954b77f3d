"""The base of every rightsdesk management command: a file or folder the operator named that cannot be read or
written is answered with its path and what to do, not a Python traceback.

Commands take paths from the operator (``--out``, ``--output``, ``--checkpoints``...) and open them where the work
is, often several calls deep (``opendata.bulk.write_release``, ``core.pseudo.build``); a wrong path surfaced as a
``FileNotFoundError`` traceback. Catching it once here covers every command, present and future, instead of a
``try`` around each ``open``. Only errors that carry a file name are turned into a ``CommandError``: a network or
database error (no file name) is a fault of its own and keeps its traceback. ``--traceback`` still shows the cause.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Callable, TextIO, TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand as DjangoBaseCommand, CommandError

from rightsdesk.core import languages

#: What to do about the file errors an operator meets, by errno; others say the system's words only.
FIXES = {
    errno.ENOENT: "its folder does not exist; create the folder or choose another path",
    errno.ENOTDIR: "a part of the path is a file, not a folder; choose another path",
    errno.EISDIR: "it is a folder; give the path of a file",
    errno.EEXIST: "a file of that name is in the way of a folder; choose another path or move the file",
    errno.EACCES: "this user may not use it; choose a path this user can write to, or change its permissions",
    errno.EPERM: "this user may not use it; choose a path this user can write to, or change its permissions",
    errno.ENOSPC: "the disk is full; free some space and run the command again",
    errno.EROFS: "the file system is read-only; choose another path",
}


def file_problem(exc: OSError) -> str:
    """'Cannot use PATH (No such file or directory): its folder does not exist; ...'."""
    path = exc.filename2 if exc.errno == errno.EISDIR and exc.filename2 else exc.filename
    fix = FIXES.get(exc.errno, "check the path and run the command again")
    return f"Cannot use {path} ({exc.strerror or exc.__class__.__name__}): {fix}."


class BaseCommand(DjangoBaseCommand):
    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except OSError as exc:
            if exc.filename is None:
                raise
            raise CommandError(file_problem(exc)) from exc


T = TypeVar("T")


def write_whole(path: str | Path, write: Callable[[TextIO], T]) -> T:
    """Write a command's output file whole or not at all: into ``PATH.partial`` beside it, renamed over ``PATH`` once
    complete, so a reader never sees half an export; on any failure the partial file is removed too."""
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    try:
        with open(partial, "w", encoding="utf-8") as handle:
            result = write(handle)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        if exc.filename is not None:  # name the file the operator gave, not the partial one
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        raise
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return result


def language_option(code: str, option: str = "--language") -> str:
    """An operator's ``--language``: the offered language it names (by ``languages.supported``, so "pt_BR" and
    "ar-EG" work), or a CommandError listing them. Not ``supported``'s fallback to English: a mistyped code would
    write a file in English that the operator asked for in another language."""
    chosen = languages.supported(code)
    if chosen == "en" and languages.normalise(code).split("-")[0] != "en":
        raise CommandError(f"{option} {code} is not offered; use one of: "
                           f"{', '.join(offered for offered, _name in settings.LANGUAGES)}.")
    return chosen
