"""Reactions to the case workflow: a reopened decision is flagged on its public notice."""

from __future__ import annotations

from django.dispatch import receiver

from rightsdesk.cases.workflow import case_transitioned

from . import publishing


@receiver(case_transitioned, dispatch_uid="transparency.on_transition")
def on_transition(sender, case, transition, actor, reason, context, **kwargs):
    if transition.name == "reopen":
        publishing.mark_reopened(case, actor)
