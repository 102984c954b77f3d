"""Django forms built from the kind declarations, so each public form asks exactly what its kind needs.

The form fields only render and collect; the rules are in
:func:`.validation.clean_submission`, which the API calls too.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rightsdesk.core import form_once
from rightsdesk.core.countries import in_readers_order
from rightsdesk.core.errors import DomainError, too_long
from rightsdesk.core.form_once import FORM_TOKEN

from . import attachments, conf
from .kinds import FIELDS, KindSpec
from .validation import INVALID_EMAIL, Cleaned, clean_submission, requester_type_choices

HONEYPOT = "website"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.txt,.eml"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [f for f in data if f]
        return [data] if data else []


def _form_field(spec: KindSpec, name: str) -> forms.Field:
    fd = FIELDS[name]
    attrs = {}
    if fd.type == "bool":
        return forms.BooleanField(label=fd.label, required=False)
    if fd.type in ("choice", "country"):
        if fd.type == "country":
            choices = [("", "—")] + in_readers_order()
        else:
            options = requester_type_choices(spec) if name == "requester_type" else fd.choices
            choices = [("", _("Choose…"))] + list(options)
        return forms.ChoiceField(label=fd.label, required=False, choices=choices)
    if fd.type in ("longtext", "urls", "lines"):
        rows = 8 if name == "description" else 4
        # dir="auto": text typed in another script than the page's (English on an Arabic page) reads the right way.
        attrs.update(rows=rows, dir="auto")
        if fd.type == "urls":  # restored by the back button like any text: no browser suggests a text area's words
            attrs.update(dir="ltr", spellcheck="false")
        return forms.CharField(label=fd.label, required=False, strip=False, widget=forms.Textarea(attrs=attrs))
    widget = {
        "email": forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
        "url": forms.URLInput(attrs={"dir": "ltr"}),
    }.get(fd.type, forms.TextInput(attrs={"dir": "auto", **_autocomplete(name)}))
    return forms.CharField(label=fd.label, required=False, widget=widget)


#: What a browser may fill in a text field from what it knows of the person.
AUTOCOMPLETE = {"name": "name", "phone": "tel", "organisation": "organization", "official_title": "organization-title"}
#: Text fields a browser must not remember: a shared device (a family's, a library's) would offer them to the next
#: person, and they tell what the request is about or whom it concerns: its title, the person written for, the
#: reference of the decision appealed. ``autocomplete="off"`` also leaves them blank after the back button (Chromium
#: does not restore them): the price of that. The other fields (a legal basis, an order's reference, a trademark, a
#: signature: the name already remembered) are remembered and restored as the browser does by default.
NOT_REMEMBERED = {"subject", "on_behalf_of", "appeal_reference"}


def _autocomplete(name: str) -> dict:
    if name in NOT_REMEMBERED:
        return {"autocomplete": "off"}
    return {"autocomplete": AUTOCOMPLETE[name]} if name in AUTOCOMPLETE else {}


class AccessibleFormMixin:
    """Ties each field's help, reason, note and errors to it with aria-describedby; marks invalid fields."""

    #: A note said at a field that is not an error (the files a change of language could not carry), by field name.
    notes: dict = {}

    def describe(self) -> None:
        for name, bound in self.fields.items():
            ids = []
            field_id = f"id_{name}"
            if self.help_for(name):
                ids.append(f"{field_id}-help")
            if self.why_for(name):
                ids.append(f"{field_id}-why")
            if name in self.notes:
                ids.append(f"{field_id}-note")
            if self.is_bound and name in self.errors:
                ids.append(f"{field_id}-error")
                bound.widget.attrs["aria-invalid"] = "true"
            if ids:
                bound.widget.attrs["aria-describedby"] = " ".join(ids)

    def help_for(self, name: str) -> str:
        return FIELDS[name].help if name in FIELDS else ""

    def why_for(self, name: str) -> str:
        return FIELDS[name].why if name in FIELDS else ""


def add_public_form_fields(form: forms.Form) -> None:
    """The fields every public form ends with: attachments, the trap for robots and the one-time form token
    (a double click or a reload files nothing twice). The intake forms and the legal-support form use it."""
    form.fields["attachments"] = MultipleFileField(
        label=_("Attach documents (optional)"), required=False,
        help_text=_("Up to %(count)d files of at most %(size)d MB each: PDF, PNG, JPEG, plain text or e-mail (.eml).")
        % {"count": conf.get("MAX_ATTACHMENTS"), "size": conf.get("MAX_ATTACHMENT_BYTES") // 2**20},
    )
    # Never filled in by the browser for a person: a filled trap is a robot's.
    form.fields[HONEYPOT] = forms.CharField(label=_("Leave this field empty"), required=False,
                                            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))
    form.fields[FORM_TOKEN] = form_once.field()


def ask_to_choose_files_again(form: forms.Form, field: str = "attachments") -> None:
    """A form sent back with errors after files were chosen says at its file field to choose them again: browsers
    keep no chosen file across a reload. Said beside a refused file too: the good files chosen with it are gone
    as well, and would be left out of the form sent next without a word."""
    if form.errors and form.files.getlist(field):
        form.add_error(field, attachments.CHOOSE_AGAIN)


def say_files_not_carried(form: forms.Form, field: str = "attachments") -> None:
    """A form shown again in another language (``core.carry_language``) after files were chosen says at its file
    field to choose them again, as a form sent back with errors does (:func:`ask_to_choose_files_again`): no page can
    carry a chosen file. A note, not an error: nothing was refused."""
    if form.files.getlist(field):
        form.notes = {**form.notes, field: attachments.NOT_CARRIED}


def refuse_robots(data: dict) -> None:
    """A filled-in trap field means a program sent the form; say so in words a person who did it can act on."""
    if data.get(HONEYPOT):
        raise forms.ValidationError(
            _("This form was filled in the way automated programs do. Leave the field “Leave this field empty” "
              "empty and send it again."), code="honeypot")


class RequestForm(AccessibleFormMixin, forms.Form):
    """The public form of one kind of request. ``cleaned`` holds the checked submission after is_valid()."""

    spec: KindSpec

    def __init__(self, *args, spec: KindSpec, **kwargs):
        self.spec = spec
        super().__init__(*args, **kwargs)
        for name in spec.field_names:
            self.fields[name] = _form_field(spec, name)
            if name in spec.essential:
                self.fields[name].widget.attrs["aria-required"] = "true"
        add_public_form_fields(self)
        self.cleaned: Cleaned | None = None
        self.uploads = []

    @property
    def form_token(self) -> str:
        return form_once.sent_token(self.data) if self.is_bound else ""

    def fieldsets(self):
        """(legend, rows) for the template; each row has the bound field, its help, reason and whether it is required."""
        for legend, names in self.spec.fieldsets:
            yield legend, [self.row(name) for name in names]

    def row(self, name: str) -> dict:
        return {"field": self[name], "help": self.help_for(name), "why": self.why_for(name),
                "required": self.is_required(name), "needed": name in self.spec.needed_fields,
                "checkbox": FIELDS.get(name) is not None and FIELDS[name].type == "bool"}

    def why_for(self, name):
        return self.spec.why.get(name) or super().why_for(name)

    @property
    def attachments_row(self) -> dict:
        return self.row("attachments")

    @property
    def honeypot_row(self) -> dict:
        return self.row(HONEYPOT)

    def help_for(self, name):
        if name == "attachments":
            return str(self.fields["attachments"].help_text)
        return self.spec.help.get(name) or super().help_for(name)

    def is_required(self, name: str) -> bool:
        return name in self.spec.essential

    def clean(self):
        data = super().clean()
        refuse_robots(data)
        try:
            self.uploads = attachments.check_uploads(data.get("attachments") or [])
        except DomainError as exc:
            self.add_error("attachments", exc.message)
        self.cleaned = clean_submission(self.spec, data)
        for error in self.cleaned.errors:
            if error.field in self._errors:
                continue  # the field already says what is wrong
            if error.field in self.fields:
                self.add_error(error.field, error.message)
            else:
                self.add_error(None, error.message)
        ask_to_choose_files_again(self)
        return data


#: Missing elements the requester can complete on the tracking page by ticking or typing them.
#: What a requester can complete from the tracking page when the request lacked it: the URLs of the content (added as
#: the case's items), the statements and the signature (its declaration).
COMPLETABLE = ("urls", "good_faith", "accuracy_statement", "mistake_statement", "consent_jurisdiction", "signature")


class AddInformationForm(AccessibleFormMixin, forms.Form):
    """What the requester adds from the tracking page: text, a file, and the statements their notice lacked."""

    text = forms.CharField(label=_("Information to add"), required=False,
                           widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}))
    attachments = MultipleFileField(label=_("Attach a document (optional)"), required=False)
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))
    form_token = form_once.field()  # a double click adds the information once

    def __init__(self, *args, missing=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.uploads = []
        #: The missing statements and signature offered on this form.
        self.completable = [name for name in COMPLETABLE if name in missing]
        for name in self.completable:
            fd = FIELDS[name]
            if fd.type == "bool":
                self.fields[name] = forms.BooleanField(label=fd.label, required=False)
            elif fd.type == "urls":
                self.fields[name] = forms.CharField(label=fd.label, required=False,
                                                    widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}))
            else:
                self.fields[name] = forms.CharField(label=fd.label, required=False, max_length=fd.max_length,
                                                    widget=forms.TextInput(attrs={"dir": "auto"}))

    def row(self, name: str) -> dict:
        is_statement = name in FIELDS and FIELDS[name].type == "bool"
        return {"field": self[name], "help": self.help_for(name), "why": self.why_for(name), "required": False,
                "checkbox": is_statement}

    text_row = property(lambda self: self.row("text"))
    attachments_row = property(lambda self: self.row("attachments"))
    honeypot_row = property(lambda self: self.row("website"))

    @property
    def completable_rows(self) -> list[dict]:
        return [self.row(name) for name in self.completable]

    def help_for(self, name):
        if name in self.completable:
            return FIELDS[name].help
        return {"text": _("For example the missing details, a corrected URL or an answer to our question.")}.get(name, "")

    def why_for(self, name):
        return FIELDS[name].why if name in self.completable else ""

    def completed(self) -> dict:
        """The statements ticked and the signature typed, after is_valid()."""
        return {name: self.cleaned_data[name] for name in self.completable if self.cleaned_data.get(name)}

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("This form was filled in the way automated programs do. Leave the field "
                                          "“Leave this field empty” empty and send it again."), code="honeypot")
        from .validation import FieldError, as_text, clean_field

        errors: list[FieldError] = []
        if "urls" in self.completable:  # the request form's rule for URLs: one per line, each a web address
            data["urls"] = clean_field("urls", data.get("urls", ""), errors)
        data["text"] = as_text("text", data.get("text", ""), conf.get("MAX_TEXT_CHARS"), errors)
        if "signature" in self.completable:
            data["signature"] = as_text("signature", data.get("signature", ""), FIELDS["signature"].max_length, errors)
        for error in errors:
            self.add_error(error.field, error.message)
        try:
            self.uploads = attachments.check_uploads(data.get("attachments") or [])
        except DomainError as exc:
            self.add_error("attachments", exc.message)
        anything = data.get("text") or self.uploads or any(data.get(name) for name in self.completable)
        if not anything and not self.errors:
            self.add_error("text", _("Write something or attach a file."))
        ask_to_choose_files_again(self)
        return data


class LostLinkForm(forms.Form):
    """The address a person sent their requests from: we e-mail it a way to new tracking links (``recovery``)."""

    email = forms.EmailField(label=_("Your e-mail address"), max_length=320,
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
                             error_messages={"required": _("Give the e-mail address you sent your request from."),
                                             "invalid": INVALID_EMAIL})

    def describe(self) -> None:
        bound = self.fields["email"]
        ids = ["id_email-help"] + (["id_email-error"] if self.is_bound and "email" in self.errors else [])
        bound.widget.attrs["aria-describedby"] = " ".join(ids)
        if len(ids) > 1:
            bound.widget.attrs["aria-invalid"] = "true"


#: The longest reason a requester may give for withdrawing. Checked, never put in the page as "maxlength": a
#: browser would cut a pasted text there without a word.
WITHDRAW_REASON_MAX = 2000


class WithdrawForm(AccessibleFormMixin, forms.Form):
    confirm = forms.BooleanField(label=_("Yes, I withdraw my request"), required=True,
                                 error_messages={"required": _("Tick the box to confirm that you withdraw the request.")})
    reason = forms.CharField(label=_("Why do you withdraw it? (optional)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))

    def clean_reason(self):
        from .validation import text_problem

        reason = self.cleaned_data.get("reason", "").strip()
        problem = text_problem(reason)
        if problem:
            raise forms.ValidationError(problem)
        if len(reason) > WITHDRAW_REASON_MAX:
            raise forms.ValidationError(too_long(WITHDRAW_REASON_MAX, len(reason)))
        return reason
