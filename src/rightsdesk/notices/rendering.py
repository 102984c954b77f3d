"""Rendering notices from translated templates, in the recipient's language.

The facts come from the case (what was decided, on which ground, how) and are
put into words here and in ``templates/notices/messages/``; both are
translated. The appeal link is personal and stored only as a digest, so the
stored body carries a marker that is replaced by the real link at the moment
the message is sent.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from rightsdesk.cases import choices as c
# NAMEABLE_REQUESTERS: requester types a notice may name as its sender; re-exported, the rule lives in cases.policy.
from rightsdesk.cases.policy import APPEAL_OUTCOME_LABELS, NAMEABLE_REQUESTERS  # noqa: F401
from rightsdesk.core import languages
from rightsdesk.core.bidi import isolated_text, ltr_text, url_text
from rightsdesk.core.lists import and_list
from rightsdesk.core.moments import day_text
from rightsdesk.core.public_urls import public_url
from rightsdesk.review.vocab import data_field_labels

#: Replaced when the notice is sent: the recipient's private appeal link, the
#: last day to appeal (counted from sending) and the earliest day of a disclosure.
APPEAL_LINK_MARKER = "[[appeal-link]]"
DEADLINE_MARKER = "[[appeal-deadline]]"
DISCLOSE_MARKER = "[[disclose-after]]"

def _scope(item) -> str:
    if item.action == c.Action.RESTRICT_COUNTRY and item.action_countries:
        return and_list(str(countries.name(code)) or code for code in item.action_countries)
    if item.action in (c.Action.REMOVE, c.Action.HIDE_REVISION, c.Action.LABEL):
        return _("worldwide, on every version of the site")
    return ""


def item_facts(item) -> dict:
    """What a notice says about one item. The account name is not repeated: the recipient knows it."""
    return {
        # In a right-to-left notice, URLs, titles and citations are isolated so they keep their own order; a URL with
        # a space inside its isolate, so that a mail program links it as written (core.bidi.url_text).
        "location": url_text(item.url) if item.url else isolated_text(item.page_title or _("item %(number)s") % {"number": item.pk}),
        "title": isolated_text(item.page_title),
        "revision": item.revision_id,
        "action": c.Action(item.action).label if item.action else c.Action.PENDING.label,
        "restricting": item.action in c.RESTRICTING_ACTIONS,
        "disclosing": item.action == c.Action.DISCLOSE,
        "scope": _scope(item),
        "until": day_text(item.action_end_date) or (_("indefinitely") if item.action in c.RESTRICTING_ACTIONS else ""),
        "ground": isolated_text(item.ground),
        "reason": item.reason,
        "disclosed_fields": and_list(data_field_labels(item.disclosed_fields)),
    }


def notifier_in_general_terms(case) -> str:
    """Who asked, without identifying a private person (DSA Art. 17(3)(b), Santa Clara: flaggers not revealed)."""
    if case.source == c.Source.OWN_INITIATIVE or case.requester_type == c.RequesterType.ANONYMOUS:
        if case.source == c.Source.OWN_INITIATIVE:
            return ""
        return _("an anonymous notice")
    kind = c.RequesterType(case.requester_type).label if case.requester_type else _("someone")
    where = str(countries.name(case.country.code)) if case.country else ""
    text = _("a notice from: %(kind)s") % {"kind": kind}
    if case.requester_type in NAMEABLE_REQUESTERS and case.requester_organisation:
        text = _("a notice from: %(kind)s (%(name)s)") % {"kind": kind, "name": case.requester_organisation}
    if where:
        text = _("%(notice)s, in %(country)s") % {"notice": text, "country": where}
    return text


def outcome_label(case) -> str:
    if case.kind == c.Kind.APPEAL and case.outcome in APPEAL_OUTCOME_LABELS:
        return str(APPEAL_OUTCOME_LABELS[case.outcome])
    return c.Outcome(case.outcome).label if case.outcome else c.Outcome.PENDING.label


def context_for(case, purpose: str, items, *, appealable: bool = False, disclosure_wait: bool = False) -> dict:
    from .models import Notice

    is_legal = case.decision_ground == c.DecisionGround.ILLEGAL_CONTENT or (
        not case.decision_ground and (case.is_government or case.kind in (c.Kind.COPYRIGHT_NOTICE, c.Kind.TRADEMARK_NOTICE)))
    return {
        "platform": settings.RIGHTSDESK["PLATFORM_NAME"],
        "reference": ltr_text(case.reference),
        "kind": c.Kind(case.kind).label,
        "outcome": outcome_label(case),
        "decided_on": day_text(case.decided_at),
        "reasons": case.decision_summary,
        "items": [item_facts(i) for i in items],
        "notifier": notifier_in_general_terms(case),
        "own_initiative": case.source == c.Source.OWN_INITIATIVE,
        "trusted_flagger": case.trusted_flagger,
        "automated_detection": case.automated_detection,
        "automated_decision": c.AutomatedDecision(case.automated_decision).label,
        "fully_automated": case.automated_decision == c.AutomatedDecision.FULLY,
        "is_legal": is_legal,
        "decision_ground": c.DecisionGround(case.decision_ground).label if case.decision_ground else (
            c.DecisionGround.ILLEGAL_CONTENT.label if is_legal else c.DecisionGround.INCOMPATIBLE_CONTENT.label),
        "law_invoked": isolated_text(case.law_invoked),
        "legal_reference": isolated_text(case.legal_basis_reference) if case.is_government else "",
        "government_involved": case.is_government,
        "appeal_link": APPEAL_LINK_MARKER if appealable else "",
        "appeal_deadline": DEADLINE_MARKER if appealable else "",
        "disclose_after": DISCLOSE_MARKER if disclosure_wait else "",
        "is_appeal": case.kind == c.Kind.APPEAL,
        "original_reference": ltr_text(case.appeal_of.reference) if case.appeal_of_id else "",
        "purpose": purpose,
        "Purpose": Notice.Purpose,
    }


SUBJECTS = {
    "decision": lambda ctx: _("Our decision on your request %(reference)s") % ctx,
    "statement_of_reasons": lambda ctx: _("Why we acted on your content (%(reference)s)") % ctx,
    "prior_disclosure": lambda ctx: _("We have been asked for information about your account (%(reference)s)") % ctx,
    "disclosure": lambda ctx: _("Information about your account was disclosed (%(reference)s)") % ctx,
    "appeal_decision": lambda ctx: _("Decision on your appeal %(reference)s") % ctx,
}


def notice_language(*candidates: str) -> str:
    """The language a notice is written in: the first of the candidates we ship (the recipient's own preferred
    language, set from the form they wrote in or by staff; then the case's language, the form's or the e-mail's),
    else English. Staff may change it on the notice page (services.change_language)."""
    return languages.supported(*candidates)


def english_beside(language: str) -> bool:
    """A notice in a language whose legal text no native speaker has reviewed carries the English text too."""
    return language != "en" and not languages.is_reviewed(language)


def render(case, purpose: str, language: str, items, **kwargs) -> tuple[str, str]:
    """(subject, body) of a notice, in ``language``; with the English text beside it (below, in plain text) when
    the language's translation is not reviewed (core.languages), so the recipient has the reference wording."""
    subject, body = _render_in(case, purpose, language, items, **kwargs)
    if english_beside(language):
        english_subject, english_body = _render_in(case, purpose, "en", items, **kwargs)
        body = (f"{body}\n{ENGLISH_RULE}\n{languages.unreviewed_note(language)}\n"
                f"{ENGLISH_HEADING}\n\n{english_subject}\n\n{english_body}")
    return subject, body


#: The line between a notice and its English text: a rule, the "not reviewed" note in the notice's language, then
#: this heading, in English since what follows is English.
ENGLISH_RULE = "―" * 24
ENGLISH_HEADING = "[English]"


def _render_in(case, purpose: str, language: str, items, **kwargs) -> tuple[str, str]:
    with translation.override(language):
        ctx = context_for(case, purpose, items, **kwargs)
        subject = SUBJECTS[purpose](ctx)
        body = render_to_string(f"notices/messages/{purpose}.txt", ctx)
    # Templates are laid out for reading; collapse the blank lines they leave behind.
    lines, blank = [], False
    for line in body.splitlines():
        line = line.rstrip()
        if not line:
            if blank or not lines:
                continue
            blank = True
        else:
            blank = False
        lines.append(line)
    return subject[:300], "\n".join(lines).strip() + "\n"


def appeal_url(token: str, language: str) -> str:
    from django.urls import reverse

    with translation.override(language):
        path = reverse("appeals:appeal", kwargs={"token": token})
    return public_url(path)


def final_body(body: str, language: str, *, link: str = "", deadline=None, disclose_after=None) -> str:
    """The stored body with the markers replaced, dates written in the notice's language."""
    with translation.override(language):
        return (body.replace(APPEAL_LINK_MARKER, url_text(link) if link and link != APPEAL_LINK_MARKER else link)
                .replace(DEADLINE_MARKER, day_text(deadline))
                .replace(DISCLOSE_MARKER, day_text(disclose_after)))


def preview_body(body: str) -> str:
    """The stored body as staff review it: the markers explained in the staff member's language."""
    return (body.replace(APPEAL_LINK_MARKER, _("[the recipient's private appeal link, added when sent]"))
            .replace(DEADLINE_MARKER, _("[the last day to appeal, counted from sending]"))
            .replace(DISCLOSE_MARKER, _("[the waiting period after sending]")))
