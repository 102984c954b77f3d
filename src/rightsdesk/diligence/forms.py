from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from rightsdesk.core.dates import DayField
from rightsdesk.core.errors import needed

from .models import Assessment, Mitigation, Right, Risk


class SaysWhatIsNeeded:
    """A field left empty is refused in the staff forms' words, naming it ("This is needed: Review date."), as staff's
    new-case form says it (core.errors.needed); not Django's "This field is required.", which names no field in the
    error summary's link text read alone or by a screen reader at the field. A day is read and refused by the staff
    forms' one rule (core.dates.DayField)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.required:
                field.error_messages["required"] = needed(field.label)


def staff_choices():
    return get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username")


class AssessmentForm(SaysWhatIsNeeded, forms.ModelForm):
    rights_at_stake = forms.MultipleChoiceField(label=_("Rights at stake"), choices=Right.choices,
                                                widget=forms.CheckboxSelectMultiple)
    #: The version of the assessment the form showed (Assessment.edit_version): a save from an older page is refused.
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Assessment
        fields = ["title", "subject", "summary", "rights_at_stake", "status", "owner", "assessed_on", "review_on"]
        field_classes = {"assessed_on": DayField, "review_on": DayField}
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_choices()
        if self.instance.pk:
            self.initial["version"] = self.instance.edit_version

    def clean(self):
        data = super().clean()
        if data.get("assessed_on") and data.get("review_on") and data["review_on"] < data["assessed_on"]:
            self.add_error("review_on", _("The review date cannot be before the assessment."))
        return data


class RiskForm(SaysWhatIsNeeded, forms.ModelForm):
    class Meta:
        model = Risk
        fields = ["description", "right", "severity", "likelihood"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class MitigationForm(SaysWhatIsNeeded, forms.ModelForm):
    class Meta:
        model = Mitigation
        fields = ["description", "owner", "due_on", "status"]
        field_classes = {"due_on": DayField}
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_choices()
