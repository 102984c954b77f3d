"""The project's ``@task``: django-tasks' decorator, with a failure kept without the personal data it quotes.

django-tasks' database backend keeps each failed task's exception and traceback in its table (readable in the admin,
kept until pruned), and logs them. An exception quotes what it was given: an SMTP refusal names the recipient
(``SMTPRecipientsRefused: {'erika@example.org': (550, ...)}``, when a receipt or a recovery e-mail to a requester
bounces), a network error an IP address. A task made with this decorator that fails raises :class:`TaskFailed`
instead, whose text is the original traceback (its chain included) masked by ``core.logfilters.masked``, the one
mask the logs use: the frames, the exception's type and everything but the private parts stay for whoever debugs it.
Every task of the project is made with it (``tests/core/test_tasks.py`` checks that no module uses django-tasks'
decorator directly).
"""

from __future__ import annotations

import functools
import traceback

from django_tasks import task as django_task

from .logfilters import masked


class TaskFailed(Exception):
    """A task's exception, as its masked traceback (the exception it replaces is not kept: it quoted private data)."""


def task(function=None, **options):
    """``@task`` or ``@task(priority=..., ...)``, as django-tasks' own."""
    def decorate(func):
        @functools.wraps(func)
        def run(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception as exc:
                raise TaskFailed(masked("".join(traceback.format_exception(exc)))) from None

        return django_task(**options)(run)

    return decorate(function) if function is not None else decorate
