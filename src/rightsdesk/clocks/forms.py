"""The rule editor's form: what an administrator types, with messages that say what to fix.

The rules themselves are ClockRule.clean (kinds, ground, amounts, the jurisdiction's calendar of holidays); the
form turns what was typed into values and names each field's mistake.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rightsdesk.cases import choices as c

from .models import ClockRule, ClockType, OnExpiry, StartEvent


def _amount(label, help_text, required=False):
    return forms.IntegerField(
        label=label, help_text=help_text, required=required, min_value=1,
        error_messages={
            "required": _("Type how long the law allows, as a whole number (e.g. 14)."),
            "invalid": _("Type a whole number, e.g. 14."),
            "min_value": _("Type a whole number of 1 or more."),
        })


class RuleForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of request"), choices=c.Kind.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every kind."),
        error_messages={"invalid_choice": _("Tick kinds from the list only.")})
    ground = forms.ChoiceField(
        # Translators: a filter's label: the ground (the legal or policy basis, e.g. copyright, defamation) a request relies on; not land.
        label=_("Ground"), required=False, choices=[("", _("Any ground"))] + list(c.ContentGround.choices),
        error_messages={"invalid_choice": _("Choose a ground from the list, or “Any ground”.")})
    clock_type = forms.ChoiceField(
        label=_("Clock type"), choices=ClockType.choices,
        error_messages={"required": _("Choose how the deadline is counted."),
                        "invalid_choice": _("Choose how the deadline is counted from the list.")})
    duration = _amount(_("Duration"), _("In hours, business days or months, as the clock type says."), required=True)
    minimum = _amount(_("No sooner than"), _("Optional earliest point, in the same unit (the counter-notice's 10 "
                                             "business days)."))
    extension = _amount(_("Extension"), _("Optional extension or renewal the law allows, in the same unit."))
    max_extensions = forms.IntegerField(
        label=_("Extensions allowed"), min_value=0, max_value=10, initial=0,
        error_messages={"required": _("Type how many extensions the law allows (0 for none)."),
                        "invalid": _("Type a whole number, e.g. 1."),
                        "min_value": _("Type 0 or more."), "max_value": _("Type 10 or fewer.")})
    start_event = forms.ChoiceField(
        label=_("Starts at"), choices=StartEvent.choices,
        error_messages={"required": _("Choose when the clock starts."),
                        "invalid_choice": _("Choose when the clock starts from the list: that event does not "
                                            "exist.")})
    on_expiry = forms.ChoiceField(
        label=_("When it runs out"), choices=OnExpiry.choices,
        error_messages={"required": _("Choose what happens when the clock runs out."),
                        "invalid_choice": _("Choose what happens when the clock runs out from the list.")})
    reason = forms.CharField(
        label=_("Reason for this change"), widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        help_text=_("Kept in the rule's history with your name and the time."),
        error_messages={"required": _("Say why the rule is changed (e.g. the law or the court decision that "
                                      "requires it): the reason is kept in the rule's history.")})

    class Meta:
        model = ClockRule
        fields = ["key", "name", "kinds", "jurisdiction", "subdivision", "ground", "law_match", "clock_type",
                  "duration", "minimum", "extension", "max_extensions", "start_event", "on_expiry", "step", "source"]
        error_messages = {
            "key": {"required": _("Give the rule a short key of letters, digits and hyphens, e.g. de-netzdg-24h."),
                    "invalid": _("Use only letters, digits, hyphens and underscores in the key, e.g. de-netzdg-24h."),
                    "unique": _("Another rule already has this key: choose another.")},
            "name": {"required": _("Name the deadline, e.g. “NetzDG complaint: 24 hours”.")},
            "jurisdiction": {"required": _("Type the ISO country code of the jurisdiction, e.g. DE, or EU.")},
            "source": {"required": _("Name the law and article that set this deadline.")},
        }
        widgets = {"name": forms.TextInput(attrs={"dir": "auto"}), "step": forms.TextInput(attrs={"dir": "auto"}),
                   "source": forms.TextInput(attrs={"dir": "auto"}), "law_match": forms.TextInput(attrs={"dir": "auto"}),
                   "key": forms.TextInput(attrs={"dir": "ltr", "spellcheck": "false"}),
                   "jurisdiction": forms.TextInput(attrs={"dir": "ltr", "size": 4}),
                   "subdivision": forms.TextInput(attrs={"dir": "ltr", "size": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The key names the rule in clocks, history and the docs: it stays as it was.
            self.fields["key"].disabled = True

    def clean_jurisdiction(self):
        return (self.cleaned_data.get("jurisdiction") or "").strip().upper()

    def clean_subdivision(self):
        return (self.cleaned_data.get("subdivision") or "").strip().upper()


class RetireForm(forms.Form):
    """Shown on the rule's page below the rule's own form, which has a reason field too: its ids are its own
    (``retire_reason``), or a label would lead to the other form's field."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "retire_%s")
        super().__init__(*args, **kwargs)

    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        error_messages={"required": _("Say why the rule is retired or put back into use: the reason is kept in "
                                      "the rule's history.")})
