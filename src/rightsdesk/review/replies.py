"""Canned replies and reason templates: which ones a case is offered, and the one staff chose.

Staff manage them in the admin (``ReplyTemplate``), per use (a message to the requester, or the reasons of a
decision), per kind of request (or every kind) and per language. A case is offered the active templates of its
kind and of every kind, in the case's language first.
"""

from __future__ import annotations

from django.db.models import Case as When_, IntegerField, Q, Value, When

from .models import ReplyTemplate


def templates_for(case, use: str) -> list[ReplyTemplate]:
    """The active templates for ``use`` that fit ``case``: its kind or every kind; its language, neutral, then others."""
    language = (case.language or "").lower()
    rank = When_(When(language__iexact=language, then=Value(0)), When(language="", then=Value(1)), default=Value(2),
                 output_field=IntegerField())
    return list(ReplyTemplate.objects.filter(active=True, use=use).filter(Q(kind=case.kind) | Q(kind=""))
                .annotate(rank=rank).order_by("rank", "title", "id"))


def chosen(case, use: str, template_id) -> str:
    """The text of the template picked by id (the no-JavaScript "use template" button), if it fits the case."""
    if not str(template_id or "").isdigit():
        return ""
    for template in templates_for(case, use):
        if template.pk == int(template_id):
            return template.body
    return ""
