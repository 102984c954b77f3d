"""The public request form and the staff forms. Built on intake's form pieces (file field, honeypot, one-time form
token, accessible descriptions, attachment checks, text checks) so the rules are the same as every public form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rightsdesk.core.countries import in_readers_order
from rightsdesk.core.errors import DomainError, too_long
from rightsdesk.core.examples import with_examples
from rightsdesk.intake import attachments
from rightsdesk.intake.forms import (FORM_TOKEN, HONEYPOT, AccessibleFormMixin,
                                     add_public_form_fields, ask_to_choose_files_again, refuse_robots)
from rightsdesk.intake.validation import clean_field, text_problem

from .models import CountryRisk, Outcome, ThreatKind, longest

HELP = {
    "requester_email": _("We write to you only about this request. Without an address, follow it with the private "
                         "link we show after you send the form."),
    "contributor_account": _("The user name you contribute under, so we can see the contributions concerned."),
    "country": _("Where the legal action or the pressure comes from."),
    "adversary": _("A person, a company, a court or an authority. Leave empty if you prefer not to say yet."),
    "description": _("What happened, when, and which contributions it concerns. Include any deadline you were given."),
    "attachments": "",
}
WHY = {
    "country": _("The risk in the country decides how fast we act and which lawyers can help."),
}


class LegalSupportForm(AccessibleFormMixin, forms.Form):
    requester_name = forms.CharField(label=_("Your name or the name you want us to use"), required=False,
                                     widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}))
    # Checked in clean() by intake's rule for an e-mail address (intake.validation.clean_field): its limit and its
    # words, not Django's ("Ensure this value has at most 320 characters", said beside "Enter a valid …").
    requester_email = forms.CharField(label=_("Your e-mail address"), required=False,
                                      widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}))
    # Not remembered by the browser: on a shared device it would tie the account to a request for legal help.
    contributor_account = forms.CharField(label=_("Your account name on the projects"), required=False,
                                          widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}))
    project = forms.CharField(label=with_examples(_("Project (e.g. %(site)s)")), required=False,
                              widget=forms.TextInput(attrs={"dir": "ltr"}))
    threat_kind = forms.ChoiceField(label=_("What are you facing?"), choices=[("", _("Choose…"))] + ThreatKind.choices,
                                    error_messages={"required": _("Choose what you are facing.")})
    country = forms.ChoiceField(label=_("Country"), required=False, choices=[("", "—")])
    adversary = forms.CharField(label=_("Who is threatening you?"), required=False,
                                widget=forms.TextInput(attrs={"dir": "auto"}))
    description = forms.CharField(label=_("What happened"), strip=False,
                                  widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
                                  error_messages={"required": _("Tell us what happened.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—")] + in_readers_order()
        add_public_form_fields(self)
        for name in ("threat_kind", "description"):
            self.fields[name].widget.attrs["aria-required"] = "true"
        self.uploads = []

    def help_for(self, name):
        if name == "attachments":
            return str(self.fields["attachments"].help_text)
        return str(HELP.get(name, ""))

    def why_for(self, name):
        return str(WHY.get(name, ""))

    def row(self, name: str) -> dict:
        return {"field": self[name], "help": self.help_for(name), "why": self.why_for(name),
                "required": self.fields[name].required and name != FORM_TOKEN, "needed": False, "checkbox": False}

    def fieldsets(self):
        yield _("About you"), [self.row(n) for n in ("requester_name", "requester_email", "contributor_account",
                                                      "project")]
        yield _("The threat"), [self.row(n) for n in ("threat_kind", "country", "adversary", "description")]

    attachments_row = property(lambda self: self.row("attachments"))
    honeypot_row = property(lambda self: self.row(HONEYPOT))

    def clean(self):
        data = super().clean()
        refuse_robots(data)
        if "requester_email" in data:
            problems: list = []
            data["requester_email"] = clean_field("email", data["requester_email"], problems)
            if problems:  # the first, as intake's forms show it: a too long address is told its limit
                self.add_error("requester_email", problems[0].message)
        for name in ("requester_name", "contributor_account", "project", "adversary", "description"):
            value = (data.get(name) or "").strip()
            problem = text_problem(value)
            if problem:
                self.add_error(name, problem)
            elif len(value) > longest(name):
                self.add_error(name, too_long(longest(name), len(value)))
            data[name] = value
        if "description" in data and not data["description"] and "description" not in self.errors:
            self.add_error("description", _("Tell us what happened."))
        try:
            self.uploads = attachments.check_uploads(data.get("attachments") or [])
        except DomainError as exc:
            self.add_error("attachments", exc.message)
        ask_to_choose_files_again(self)
        return data


YES_NO = [("", _("Not assessed")), ("yes", _("Yes")), ("no", _("No"))]


def as_bool(value: str):
    return {"yes": True, "no": False}.get(value)


class StaffForm(AccessibleFormMixin, forms.Form):
    """A staff form of the legal-support pages: each field's help and error tied to it (``describe``: aria-describedby,
    aria-invalid on a field in error), as the public forms do, so a refusal is found and read at its field."""

    def help_for(self, name: str) -> str:
        return str(self.fields[name].help_text or "")

    def why_for(self, name: str) -> str:
        return ""


class EligibilityForm(StaffForm):
    good_faith = forms.ChoiceField(label=_("Good-faith contribution within the projects' policies?"), choices=YES_NO,
                                   required=False)
    threat_related = forms.ChoiceField(label=_("Is the threat over the contributions?"), choices=YES_NO,
                                       required=False)
    country_risk = forms.ChoiceField(label=_("The country's risk"), choices=CountryRisk.choices, required=False)
    notes = forms.CharField(label=_("Notes on the threat's nature and the country"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))
    #: The version of the checklist the form showed (services.form_version): a save from an older page is refused.
    version = forms.CharField(required=False, widget=forms.HiddenInput(attrs={"id": False}))  # one per form: no id


class DecisionForm(StaffForm):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("support", _("Grant support")),
                                                                ("decline", _("Decline support"))],
                                 widget=forms.RadioSelect,
                                 error_messages={"required": _("Choose whether to grant or decline support.")})
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
                              error_messages={"required": _("Give the reasons for the decision.")})


class ReferralForm(StaffForm):
    counsel = forms.ChoiceField(label=_("Counsel"), required=False)
    shared = forms.BooleanField(label=_("Tell the contributor the lawyer's name and contact"), required=False)

    def __init__(self, *args, counsel_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsel"].choices = [("", _("No referral"))] + list(counsel_choices)


class BudgetForm(StaffForm):
    committed = forms.CharField(label=_("Budget committed"), required=False,
                                widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}))
    spent = forms.CharField(label=_("Budget spent"), required=False,
                            widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}))
    overspend_reason = forms.CharField(label=_("If more was spent than committed: why"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}))
    #: The version of the budget the form showed (services.form_version): a save from an older page is refused.
    version = forms.CharField(required=False, widget=forms.HiddenInput(attrs={"id": False}))  # one per form: no id


class MessageForm(StaffForm):
    message = forms.CharField(label=_("What the contributor reads on their tracking page"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))
    #: The version of the message the form showed (services.form_version): a save from an older page is refused.
    version = forms.CharField(required=False, widget=forms.HiddenInput(attrs={"id": False}))  # one per form: no id


class CloseForm(StaffForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", _("Choose…"))] + Outcome.choices[1:],
                                error_messages={"required": _("Choose the outcome.")})
    note = forms.CharField(label=_("Notes on the outcome"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}))


class CounselForm(StaffForm):
    """No ``max_length`` here: Django would put it in the page as ``maxlength``, where the browser cuts a pasted text
    without a word. The service (``services.save_counsel``) refuses a text beyond its column's length, in words, at the
    field, what was typed given back whole."""

    name = forms.CharField(label=_("Name"))
    country = forms.ChoiceField(label=_("Country"), choices=[("", "—")])
    languages = forms.CharField(label=_("Languages"), required=False,
                                help_text=_("Language codes, separated by spaces, e.g. “en fr ar”."),
                                widget=forms.TextInput(attrs={"dir": "ltr"}))
    contact = forms.CharField(label=_("Contact (confidential)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}))
    active = forms.BooleanField(label=_("Takes referrals"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—")] + in_readers_order()
