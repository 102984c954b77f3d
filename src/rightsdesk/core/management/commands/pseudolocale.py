"""``rightsdesk pseudolocale``: generate the pseudo-locale en-xa (accented, 30 % longer) from the English messages.

    rightsdesk pseudolocale                  # into $RIGHTSDESK_HOME/locale, where RIGHTSDESK_PSEUDO_LOCALE=1 finds it
    rightsdesk pseudolocale --output DIR

Then ``RIGHTSDESK_PSEUDO_LOCALE=1 rightsdesk serve`` offers "en-xa" in the language switcher: plain English words
on its pages are strings not marked for translation; cut or overflowing text is a layout that a longer translation
would break. Needs polib (the test extras: ``pip install .[test]``).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from rightsdesk.core.commands import BaseCommand


class Command(BaseCommand):
    help = "Generate the pseudo-locale en-xa (accented, 30 % longer, placeholders kept) from the English messages."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=None,
                            help="Directory to write en_XA/LC_MESSAGES/django.po and .mo into "
                                 "(default: $RIGHTSDESK_HOME/locale).")

    def handle(self, *args, output=None, **options):
        from rightsdesk.core import pseudo

        try:
            import polib  # noqa: F401
        except ImportError:
            raise CommandError("The pseudo-locale needs polib: install the test extras (pip install .[test]).")
        target = output or (settings.HOME / "locale")
        path = pseudo.build(target)
        self.stdout.write(f"Pseudo-locale written to {path}. Serve with RIGHTSDESK_PSEUDO_LOCALE=1 to offer "
                          f"'{pseudo.CODE}' in the language switcher.")
