"""The staff form for a period's figures of the EU templates that rightsdesk cannot count (parts 9 and 10, the
qualitative template). Labels come from Django's and django-countries' translated names."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from django import forms
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info, to_locale
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from rightsdesk.core.dates import DayInput, typed_date
from rightsdesk.core.errors import DomainError

from .dsa_template import EU_MEMBER_STATES
from .staff_figures import (
    EU_LANGUAGES, QUALITATIVE_INDICATORS, changed_since, check_previous_report, figures_version, stored_values,
)


def _language_name(code: str) -> str:
    """The language's name in the reader's language: Django's names, then CLDR's through Babel (Django has no
    Maltese), then the template's English name."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        pass
    try:
        name = Locale.parse(to_locale(get_language() or "en")).languages.get(code)
    except (UnknownLocaleError, ValueError):
        name = None
    return capfirst(name) if name else EU_LANGUAGES[code]


class PeriodFiguresForm(forms.Form):
    # Read by the staff forms' one rule for a typed day (core.dates.typed_date: Arabic and Persian digits too, a
    # message with an example), not Django's DateField, whose "Enter a valid date." does not say how to write it.
    # Shown as YYYY-MM-DD in every language (core.dates.DayInput): German's 29.08.2025 left the field empty.
    previous_report_published = forms.CharField(label=capfirst(_("publication date of the previous report")),
                                                required=False,
                                                widget=DayInput())

    #: The version of the figures the page showed (staff_figures.figures_version): a save from a page older than a
    #: colleague's save is refused.
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, initial_figures=None, **kwargs):
        super().__init__(*args, **kwargs)
        entered = initial_figures
        #: field name -> the figure as it is stored now, for the fields a colleague changed since the page was shown
        self.now: dict[str, object] = {}
        self.fields["version"].initial = figures_version(entered)
        if entered is not None:
            self.fields["previous_report_published"].initial = entered.previous_report_published
        for code in EU_LANGUAGES:
            self.fields[f"hr_{code}"] = forms.IntegerField(
                label=f"{_language_name(code)} ({code})", required=False, min_value=0,
                initial=entered.human_resources.get(code) if entered else None)
        for code in sorted(EU_MEMBER_STATES):
            self.fields[f"amar_{code}"] = forms.IntegerField(
                label=f"{countries.name(code)} ({code})", required=False, min_value=0,
                initial=entered.active_recipients.get(code) if entered else None)
        for key, label in QUALITATIVE_INDICATORS.items():
            self.fields[f"q_{key}"] = forms.CharField(label=label, required=False, max_length=20000,
                                                      widget=forms.Textarea(attrs={"rows": 4}),
                                                      initial=entered.qualitative.get(key, "") if entered else "")

    def clean_previous_report_published(self):
        try:
            day = typed_date(self.cleaned_data.get("previous_report_published"), "previous_report_published")
            check_previous_report(day)
        except DomainError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None
        return day

    def show_changed_since(self, stored, seen: str | None) -> dict[str, str]:
        """After a save refused because a colleague saved since the page showing version ``seen`` was opened: mark
        each field they changed whose figure differs from what was typed, with their figure (``now``); carry the
        version of the figures as they are now, so that saving again, once compared, is deliberate. Returns
        {field: label} for the error summary's links."""
        values = stored_values(stored)
        self.now = {name: values[name] for name in changed_since(stored, seen)
                    if self.cleaned_data.get(name) != values[name]}
        for name in self.now:  # a screen reader hears the colleague's figure with the field
            self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-now"
        self.data = self.data.copy()
        self.data["version"] = figures_version(stored)
        return {name: self[name].label for name in self.now}

    def _group(self, prefix: str):
        """The fields of one part of the template, each with the figure as it is now where a colleague changed it
        since the page was shown (``now``, absent otherwise)."""
        return [{"field": self[name], "changed": name in self.now, "now": self.now.get(name)}
                for name in self.fields if name.startswith(prefix)]

    @property
    def previous_report_row(self):
        return self._group("previous_report_published")[0]

    @property
    def hr_fields(self):
        return self._group("hr_")

    @property
    def amar_fields(self):
        return self._group("amar_")

    @property
    def q_fields(self):
        return self._group("q_")

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "human_resources": {code: data[f"hr_{code}"] for code in EU_LANGUAGES if data.get(f"hr_{code}") is not None},
            "active_recipients": {code: data[f"amar_{code}"] for code in sorted(EU_MEMBER_STATES)
                                  if data.get(f"amar_{code}") is not None},
            "qualitative": {key: data.get(f"q_{key}", "") for key in QUALITATIVE_INDICATORS},
            "previous_report_published": data.get("previous_report_published"),
        }
