"""The registry's forms: validated, with a message saying what to fix."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from rightsdesk.core.country_codes import is_country_code

from .models import Authority, Instrument

SUPRANATIONAL = ("EU", "INT")


class LinesField(forms.CharField):
    """A list of strings typed one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _jurisdiction(value: str) -> str:
    value = (value or "").strip().upper()
    if value not in SUPRANATIONAL and not is_country_code(value):
        raise forms.ValidationError(_("Write a two-letter country code (for example DE or IN), or EU, or INT."))
    return value


class InstrumentForm(forms.ModelForm):
    jurisdiction = forms.CharField(label=_("Jurisdiction"), max_length=20,
                                   help_text=_("Country code (e.g. DE), or EU, or INT."))
    source_url = forms.URLField(label=_("Source"), required=False, max_length=500, assume_scheme="https",
                                help_text=_("Where the official text can be read."))
    aliases = LinesField(label=_("Aliases"), required=False,
                         help_text=_("Other ways requests name it, one per line; matched as whole words."))
    patterns = LinesField(label=_("Citation patterns"), required=False,
                          help_text=_("Regular expressions matching its citations, one per line (optional)."))

    class Meta:
        model = Instrument
        fields = ["key", "jurisdiction", "name", "short_name", "provision", "law_type", "source_url", "aliases",
                  "patterns", "active"]

    def clean_jurisdiction(self):
        return _jurisdiction(self.cleaned_data["jurisdiction"])

    def clean_patterns(self):
        patterns = self.cleaned_data["patterns"]
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise forms.ValidationError(
                    _("The pattern %(pattern)s is not a valid regular expression (%(error)s); correct or remove it.")
                    % {"pattern": pattern, "error": exc})
        return patterns


class AuthorityForm(forms.ModelForm):
    country = forms.CharField(label=_("Country"), max_length=20, help_text=_("Country code (e.g. DE), or EU, or INT."))
    source_url = forms.URLField(label=_("Source"), required=False, max_length=500, assume_scheme="https")
    aliases = LinesField(label=_("Aliases"), required=False,
                         help_text=_("Other names and abbreviations, one per line; matched as whole words."))

    class Meta:
        model = Authority
        fields = ["key", "country", "level", "branch", "name", "aliases", "source_url", "active"]

    def clean_country(self):
        return _jurisdiction(self.cleaned_data["country"])
