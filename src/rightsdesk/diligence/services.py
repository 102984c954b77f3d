"""Changing the due-diligence register: one function per change.

The register's pages, the demo and a command call these functions with checked values (the pages' forms check
them); each checks the permission itself (``accounts.access``), writes in one transaction and is in the audit trail
(who, which object, which fields; never a value). A change made from a page older than a colleague's change is
refused (``core.versions``, 409), saying what the colleague changed, rather than silently undoing it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from rightsdesk.accounts.access import require
from rightsdesk.audit.services import record_access
from rightsdesk.core.errors import DomainError
from rightsdesk.core.lists import and_list
from rightsdesk.core.versions import refuse_if_changed

from .models import Assessment, Mitigation, Risk

VIEW, ADD, CHANGE = "diligence.view_assessment", "diligence.add_assessment", "diligence.change_assessment"


def _audit(user, obj, step: str, fields) -> None:
    """Every change of the register is in the audit trail: who, which object and which fields, never a value."""
    record_access(user, "other", obj=obj, fields=fields, purpose=f"diligence: {step}")


def _fields(values: dict, names) -> dict:
    return {name: values[name] for name in names if name in values}


@transaction.atomic
def create_assessment(user, values: dict) -> Assessment:
    """Record a new impact assessment (``values``: its fields, :attr:`Assessment.EDITED_FIELDS`, checked)."""
    require(user, ADD, doing=_("add an impact assessment"))
    fields = _fields(values, Assessment.EDITED_FIELDS)
    assessment = Assessment.objects.create(**fields)
    _audit(user, assessment, "assessment created", fields)
    return assessment


def _assessment_changed(stored: Assessment, seen: str | None) -> str:
    changed = [str(Assessment._meta.get_field(name).verbose_name) for name in stored.changed_since(seen)]
    if not changed:
        return _("Someone else saved this assessment after you opened the page. Nothing was saved: the assessment "
                 "as it is now is shown above, your changes are in the form. Put them together, then save again.")
    return _("Someone else changed the %(fields)s of this assessment after you opened the page. Nothing was saved: "
             "the assessment as it is now is shown above, your changes are in the form. Put them together, then save "
             "again.") % {"fields": and_list(changed)}


@transaction.atomic
def update_assessment(assessment: Assessment, user, values: dict, *, version: str | None = None) -> Assessment:
    """Change an assessment's fields (``values``, checked). ``version`` (``Assessment.edit_version``) is the
    assessment the editor's page showed: when a colleague saved it since, nothing is saved and the refusal names
    the fields the colleague changed."""
    require(user, CHANGE, doing=_("change an impact assessment"))
    stored = Assessment.objects.select_for_update().get(pk=assessment.pk)
    refuse_if_changed(version, stored.edit_version, _assessment_changed(stored, version))
    fields = _fields(values, Assessment.EDITED_FIELDS)
    changed = [name for name, value in fields.items() if getattr(stored, name) != value]
    for name, value in fields.items():
        setattr(stored, name, value)
    stored.save()
    _audit(user, stored, "assessment changed", changed)
    return stored


RISK_FIELDS = ("description", "right", "severity", "likelihood")
MITIGATION_FIELDS = ("description", "owner", "due_on", "status")


@transaction.atomic
def add_risk(assessment: Assessment, user, values: dict) -> Risk:
    """Record a risk the assessment found (``values``: :data:`RISK_FIELDS`, checked)."""
    require(user, CHANGE, doing=_("change an impact assessment"))
    fields = _fields(values, RISK_FIELDS)
    risk = Risk.objects.create(assessment=assessment, **fields)
    _audit(user, risk, "risk added", fields)
    return risk


@transaction.atomic
def add_mitigation(risk: Risk, user, values: dict) -> Mitigation:
    """Record what is done about a risk, by whom and by when (``values``: :data:`MITIGATION_FIELDS`, checked)."""
    require(user, CHANGE, doing=_("change an impact assessment"))
    fields = _fields(values, MITIGATION_FIELDS)
    mitigation = Mitigation.objects.create(risk=risk, **fields)
    _audit(user, mitigation, "mitigation added", fields)
    return mitigation


@transaction.atomic
def set_mitigation_status(mitigation: Mitigation, user, status: str, *, version: str | None = None) -> Mitigation:
    """Change a mitigation's status. ``version`` (``Mitigation.status_version``) is the status the page showed:
    when a colleague changed it since, nothing is saved and the refusal names the status as it is now."""
    require(user, CHANGE, doing=_("change an impact assessment"))
    if status not in Mitigation.Status.values:
        raise DomainError(_("Choose a status from the list."), code="invalid_choice", field="status")
    stored = Mitigation.objects.select_for_update().get(pk=mitigation.pk)
    refuse_if_changed(version, stored.status_version, _(
        "Someone else set this mitigation's status to “%(status)s” after you opened the page. Nothing was saved: "
        "the status you chose is still chosen; save it again to replace theirs.")
        % {"status": stored.get_status_display()})
    stored.status = status
    stored.save(update_fields=["status"])
    _audit(user, stored, "mitigation status changed", ["status"])
    return stored
