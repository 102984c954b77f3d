"""The figures staff enter per reporting period for the EU harmonised templates, with their vocabulary and checks.

Part 9 (human resources per official EU language), part 10 (average monthly active recipients per Member
State), the qualitative template's free text, and the publication date of the previous report. The Member
States are ``dsa_template.EU_MEMBER_STATES`` (their one home); the official languages are listed here.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.accounts.access import require
from rightsdesk.core.bidi import isolated_text
from rightsdesk.core.errors import DomainError
from rightsdesk.core.moments import moment_text
from rightsdesk.core.versions import changed_fields, fields_version, refuse_if_changed

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


def field_names() -> list[str]:
    """The staff form's fields, in the order of the page: the previous report's date, part 9, part 10, the
    qualitative template."""
    from .dsa_template import EU_MEMBER_STATES

    return ["previous_report_published", *(f"hr_{code}" for code in EU_LANGUAGES),
            *(f"amar_{code}" for code in sorted(EU_MEMBER_STATES)), *(f"q_{key}" for key in QUALITATIVE_INDICATORS)]


def stored_values(figures: PeriodFigures | None) -> dict[str, object]:
    """What is stored for each of the form's fields (:func:`field_names`): None or "" where nothing is entered."""
    values = {}
    for name in field_names():
        prefix, _sep, code = name.partition("_")
        if name == "previous_report_published":
            values[name] = figures.previous_report_published if figures else None
        elif prefix == "hr":
            values[name] = figures.human_resources.get(code) if figures else None
        elif prefix == "amar":
            values[name] = figures.active_recipients.get(code) if figures else None
        else:
            values[name] = figures.qualitative.get(code, "") if figures else ""
    return values


def figures_version(figures: PeriodFigures | None) -> str:
    """The version of the figures a page showed (core.versions), for the staff form to carry back."""
    return fields_version(stored_values(figures).values())


def changed_since(figures: PeriodFigures | None, seen: str | None) -> list[str]:
    """The form's fields whose stored figure changed since the page that showed version ``seen``."""
    values = stored_values(figures)
    return changed_fields(seen, list(values), values.values())


def save_figures(actor, period: Period, *, human_resources: dict[str, int], active_recipients: dict[str, int],
                 qualitative: dict[str, str], previous_report_published=None, version: str | None = None
                 ) -> PeriodFigures:
    """Store what staff entered for the period, checked (:func:`check`) and audited; nothing is stored if a check
    fails.

    ``version`` (:func:`figures_version`) is the figures the staff page showed: when a colleague saved the period's
    figures since, nothing is stored (core.versions.ChangedSince, 409) and the refusal says who saved them and when,
    rather than the older page silently overwriting their figures. None: no page was shown (the demo, a command)."""
    from rightsdesk.audit.services import record_access

    require(actor, EDIT, doing=str(_("enter the EU template's figures")))
    check(human_resources, active_recipients, qualitative)
    check_previous_report(previous_report_published)
    with transaction.atomic():
        stored = PeriodFigures.objects.select_for_update().filter(period=period.slug).first()
        if stored is not None:  # nothing stored yet: there is no colleague's figure to overwrite
            refuse_if_changed(version, figures_version(stored), _(
                "After you opened this page, %(who)s saved the figures for %(label)s (%(when)s). Nothing was saved: "
                "what you typed is in the form, and where a figure they saved differs from yours, theirs is shown "
                "beside it. Put them together, then save again.") % {
                    "who": isolated_text(stored.updated_by.get_username() if stored.updated_by else "—"),
                    "label": period.label, "when": moment_text(stored.updated_at)})
        figures, _created = PeriodFigures.objects.update_or_create(period=period.slug, defaults={
            "human_resources": dict(human_resources),
            "active_recipients": dict(active_recipients),
            "qualitative": {k: v for k, v in qualitative.items() if v},
            "previous_report_published": previous_report_published,
            "updated_at": timezone.now(), "updated_by": actor,
        })
        record_access(actor, "other", obj=figures, purpose=f"EU template figures entered for {period.slug}")
    return figures
