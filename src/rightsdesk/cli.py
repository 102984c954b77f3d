"""The ``rightsdesk`` console script: Django's management commands under one name.

``rightsdesk migrate``, ``rightsdesk createsuperuser``, ``rightsdesk serve`` and the
project's own commands (``demo``, ``report``, ``export``, ``import``, ``token``,
``bench``, ``audit``) are all ``manage.py`` commands; this wrapper only points
Django at our settings so no ``manage.py`` file is needed.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightsdesk.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "rightsdesk"
    # "import" is a Python keyword, so the command module is named import_cases.
    if len(argv) > 1 and argv[1] == "import":
        argv[1] = "import_cases"
    # Command names are written with hyphens; their modules cannot be.
    if len(argv) > 1 and argv[1] in ("report-rollup", "redaction-recheck"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
