"""The due-diligence checklist a reviewer answers before any decision.

The questions follow the Global Network Initiative's principles and Ranking
Digital Rights' due-diligence indicators: is there valid legal process, does it
bind the platform, has the demand been read narrowly, is acting necessary and
proportionate, is only the minimum affected, who could be hurt, and should we
push back. Some questions only apply to some kinds of case.

:func:`missing` is what the workflow guards use; it reads the stored answers,
so the rule holds whoever takes the transition.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from rightsdesk.cases import choices as c

K = c.Kind
LEGAL_KINDS = frozenset({K.CONTENT_TAKEDOWN, K.COPYRIGHT_NOTICE, K.COPYRIGHT_COUNTER_NOTICE, K.TRADEMARK_NOTICE,
                         K.USER_DATA_REQUEST, K.PRESERVATION_REQUEST, K.EMERGENCY_DISCLOSURE})
ALL_KINDS = frozenset(K.values)

YES, NO, NOT_APPLICABLE = "yes", "no", "not_applicable"
YES_NO_NA = ((YES, _("Yes")), (NO, _("No")), (NOT_APPLICABLE, _("Not applicable")))
YES_NO = ((YES, _("Yes")), (NO, _("No")))
RISK = (("none", _("No risk identified")), ("mitigated", _("Risk identified and mitigated")),
        ("high", _("High risk to the users concerned")))
STRATEGY = (("proceed", _("Proceed: the request is clear and valid")), ("clarify", _("Ask for clarification")),
            ("narrow", _("Ask the requester to narrow it")), ("push_back", _("Push back (refuse with reasons)")),
            ("challenge", _("Challenge it (in court or with the authority)")))


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    help: str
    options: tuple = YES_NO_NA
    kinds: frozenset = ALL_KINDS
    #: Answers that must be explained in the note.
    explain: frozenset = field(default_factory=lambda: frozenset({NO}))

    def applies_to(self, case) -> bool:
        return case.kind in self.kinds

    @property
    def values(self) -> set[str]:
        return {v for v, _ in self.options}


QUESTIONS: list[Question] = [
    Question("legal_basis", _("Is the legal basis named, and is the process valid?"),
             _("A written demand that names the law and the requesting official, through process that is valid "
               "where it was issued. Informal requests are not valid process."), kinds=LEGAL_KINDS),
    Question("jurisdiction", _("Does it have jurisdiction over the platform?"),
             _("Is the platform bound by this authority or law? Foreign demands need an international process "
               "(e.g. a mutual legal assistance treaty)."), kinds=LEGAL_KINDS),
    Question("narrow_reading", _("Has the request been read narrowly?"),
             _("Only what it clearly and specifically asks for; ambiguity is read in favour of the users."),
             options=YES_NO),
    Question("necessity", _("Is acting necessary and proportionate?"),
             _("Is there a legitimate aim, and no less intrusive way to reach it?"), explain=frozenset({NO, NOT_APPLICABLE})),
    Question("minimum", _("Is only the minimum data or content affected?"),
             _("Disclose only the listed data fields; restrict a revision or a country before removing a page.")),
    Question("human_rights", _("Could acting put the users concerned at risk?"),
             _("E.g. volunteers who may face persecution, journalists, minorities, people in conflict zones."),
             options=RISK, explain=frozenset({"mitigated", "high"})),
    Question("fair_use", _("Have fair use, a free licence or the public domain been considered?"),
             _("Many files on the projects are freely licensed or in the public domain."),
             kinds=frozenset({K.COPYRIGHT_NOTICE, K.COPYRIGHT_COUNTER_NOTICE, K.TRADEMARK_NOTICE})),
    Question("imminent_threat", _("Is there a credible, imminent threat to life or of serious harm?"),
             _("Emergency disclosure is only for danger of death or serious physical injury."),
             options=YES_NO, kinds=frozenset({K.EMERGENCY_DISCLOSURE, K.HARM_REPORT})),
    Question("user_notice", _("Can the affected users be told?"),
             _("Tell them unless a court order lawfully forbids it; if not, note why and until when."),
             kinds=frozenset({K.USER_DATA_REQUEST, K.CONTENT_TAKEDOWN, K.COPYRIGHT_NOTICE, K.TRADEMARK_NOTICE})),
    Question("independent", _("Was the reviewer not involved in the first decision?"),
             _("An appeal is decided by someone who did not take the decision appealed."),
             options=YES_NO, kinds=frozenset({K.APPEAL})),
    Question("strategy", _("Push back, ask for clarification, or challenge?"),
             _("What we do with the request before or instead of complying."),
             options=STRATEGY, explain=frozenset({"clarify", "narrow", "push_back", "challenge"})),
]
BY_KEY = {q.key: q for q in QUESTIONS}


def questions_for(case) -> list[Question]:
    return [q for q in QUESTIONS if q.applies_to(case)]


def answers_for(case) -> dict:
    """{question key: ChecklistAnswer} of what is stored for the case."""
    return {a.question: a for a in case.checklist_answers.all()}


def missing(case) -> list[Question]:
    """Applicable questions without a valid answer, or whose answer needs an explanation that is missing."""
    stored = answers_for(case)
    out = []
    for q in questions_for(case):
        answer = stored.get(q.key)
        if answer is None or answer.answer not in q.values or (answer.answer in q.explain and not answer.note.strip()):
            out.append(q)
    return out


def is_complete(case) -> bool:
    return not missing(case)


def jurisdictions() -> set[str]:
    """Countries whose authorities can bind the platform directly (settings.RIGHTSDESK_JURISDICTIONS)."""
    return set(getattr(settings, "RIGHTSDESK_JURISDICTIONS", ["US"]))


def refusal_default(case) -> str:
    """The reason a case defaults to refusal, or "" when it does not.

    Informal demands and foreign demands without valid international process
    are refused unless the reviewer decides otherwise, and the reason below is
    prefilled in the decision.
    """
    stored = answers_for(case)
    if case.legal_process in c.INFORMAL_PROCESSES:
        return str(_("The request is informal: it is not backed by valid legal process that binds the platform, "
                     "so we do not act on it. A valid order or subpoena issued by a competent authority is needed."))
    country = case.authority_country.code if case.authority_country else ""
    if (case.is_government and country and country not in jurisdictions()
            and case.legal_process not in (c.LegalProcess.INTERNATIONAL, c.LegalProcess.EMERGENCY)):
        return str(_("The demand comes from an authority the platform is not subject to, and not through an "
                     "international process such as a mutual legal assistance treaty, so we do not act on it."))
    if stored.get("legal_basis") and stored["legal_basis"].answer == NO:
        return str(_("The request does not name a valid legal basis or process, so we do not act on it."))
    if stored.get("jurisdiction") and stored["jurisdiction"].answer == NO:
        return str(_("The authority or law invoked has no jurisdiction over the platform, so we do not act on it."))
    return ""
