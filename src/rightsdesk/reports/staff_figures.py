"""The figures staff enter per reporting period for the EU harmonised templates, with their vocabulary and checks.

Part 9 (human resources per official EU language), part 10 (average monthly active recipients per Member
State), the qualitative template's free text, and the publication date of the previous report. The Member
States are ``dsa_template.EU_MEMBER_STATES`` (their one home); the official languages are listed here.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.accounts.access import require
from rightsdesk.core.errors import DomainError

from .models import PeriodFigures
from .periods import Period

#: Who may enter them (the model's own change permission; accounts.access checks it).
EDIT = "reports.change_periodfigures"

#: The 24 official languages of the European Union (ISO 639-1), with their English names as in the template.
EU_LANGUAGES = {
    "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "fi": "Finnish", "fr": "French", "ga": "Irish", "hr": "Croatian",
    "hu": "Hungarian", "it": "Italian", "lt": "Lithuanian", "lv": "Latvian", "mt": "Maltese", "nl": "Dutch",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "sk": "Slovak", "sl": "Slovenian", "sv": "Swedish",
}

#: The qualitative template's indicators (key -> label).
QUALITATIVE_INDICATORS = {
    "own_initiative": _("Summary of the content moderation engaged in at the provider's own initiative"),
    "automated_means": _("Use of automated means: purposes, accuracy indicators and safeguards"),
    "moderators": _("Training and support of the people who moderate content"),
    "other": _("Other information on the figures of the quantitative template"),
}


def figures_for(period: Period) -> PeriodFigures | None:
    return PeriodFigures.objects.filter(period=period.slug).first()


def check(human_resources: dict, active_recipients: dict, qualitative: dict) -> None:
    """Raise DomainError (naming the field to correct) unless every code is known and every figure a whole number
    of 0 or more. The staff page, the admin and :func:`save_figures` all check with it."""
    from .dsa_template import EU_MEMBER_STATES

    checks = [(human_resources, set(EU_LANGUAGES), "hr"), (active_recipients, EU_MEMBER_STATES, "amar")]
    for values, known, prefix in checks:
        for code, value in values.items():
            if code not in known:
                raise DomainError(_("%(code)s is not an official EU language or a Member State code.") % {"code": code},
                                  code="invalid", field=f"{prefix}_{code}")
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                raise DomainError(_("Enter a whole number, 0 or more, for %(code)s.") % {"code": code},
                                  code="invalid", field=f"{prefix}_{code}")
    unknown = set(qualitative) - set(QUALITATIVE_INDICATORS)
    if unknown:
        raise DomainError(_("%(code)s is not an indicator of the qualitative template.") % {"code": sorted(unknown)[0]},
                          code="invalid")


def check_previous_report(day) -> None:
    """Raise DomainError (naming the field) when the previous report's publication date is after today: the
    workbook calls it the latest report published before this one, which is published today at the earliest."""
    if day is not None and day > timezone.localdate():
        raise DomainError(_("The previous report cannot have been published after today. Write the day it was "
                            "published, or leave the date empty."), code="invalid", field="previous_report_published")


def save_figures(actor, period: Period, *, human_resources: dict[str, int], active_recipients: dict[str, int],
                 qualitative: dict[str, str], previous_report_published=None) -> PeriodFigures:
    """Store what staff entered for the period, checked (:func:`check`) and audited; nothing is stored if a check
    fails."""
    from rightsdesk.audit.services import record_access

    require(actor, EDIT, doing=str(_("enter the EU template's figures")))
    check(human_resources, active_recipients, qualitative)
    check_previous_report(previous_report_published)
    figures, _created = PeriodFigures.objects.update_or_create(period=period.slug, defaults={
        "human_resources": dict(human_resources),
        "active_recipients": dict(active_recipients),
        "qualitative": {k: v for k, v in qualitative.items() if v},
        "previous_report_published": previous_report_published,
        "updated_at": timezone.now(), "updated_by": actor,
    })
    record_access(actor, "other", obj=figures, purpose=f"EU template figures entered for {period.slug}")
    return figures
