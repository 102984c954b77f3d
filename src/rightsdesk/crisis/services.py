"""Declaring, changing and ending a crisis; tagging its cases; the safety review of notices; public wording.

Views, the demo and other apps' follow-ups call these functions; each checks the permission itself
(``accounts.access``) and refuses bad input with a :class:`DomainError` that says what to fix.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightsdesk.accounts.access import refuse_own_work, require
from rightsdesk.audit.services import record_access
from rightsdesk.cases.models import Case
from rightsdesk.cases.policy import OPEN_STATES
from rightsdesk.core.country_codes import is_country_code
from rightsdesk.core.dates import typed_date
from rightsdesk.core.errors import Conflict, DomainError, Refusals, refuse_if_too_long
from rightsdesk.core.lists import and_list
from rightsdesk.core.versions import refuse_if_changed, text_version
from rightsdesk.notices.services import text_version as notice_version

from . import rules, stats
from .models import Crisis, CrisisCase, CrisisKind, SafetyReview, longest

DECLARE = "crisis.declare_crisis"
REVIEW_SAFETY = "crisis.review_safety"
REVIEW_WORDING = "crisis.review_public_wording"
#: The longest name of a crisis (its column's).
TITLE_MAX = longest("title")


# --- Declaring, changing, ending -------------------------------------------------------------------------------

def _audit(user, obj, step: str, fields, *, action: str = "other") -> None:
    """Every change here is in the audit trail (who, which object, which fields; never a value: the situation and
    the safety notes are private). A crisis's countries decide which user-data requests need two legal approvers,
    and a safety review lets a notice reach a person at risk: who did it must be known."""
    record_access(user, action, obj=obj, fields=fields, purpose=f"crisis: {step}")


def _codes(values) -> list[str]:
    if isinstance(values, str):
        values = values.replace(";", ",").replace(" ", ",").split(",")
    return sorted({v.strip().upper() for v in values if v and v.strip()})


def _projects(values) -> list[str]:
    if isinstance(values, str):
        values = values.replace(";", ",").replace("\n", ",").split(",")
    return sorted({v.strip().lower() for v in values if v and v.strip()})


def _date(value, field: str, label) -> date | None:
    """A typed date (core.dates), the field's name before the problem: the crisis form lists its errors together."""
    try:
        return typed_date(value, field)
    except DomainError as exc:
        raise DomainError(f"{label}: {exc.message}", code=exc.code, field=field) from None


class CrisisRefused(Refusals):
    """What is wrong with a crisis's form, every problem at once (``core.errors.Refusals``), in the order of the
    form, one problem a field."""


def clean(data: dict) -> dict:
    """Check a crisis's fields; raise :class:`CrisisRefused` naming every field to fix, each once."""
    problems: list[DomainError] = []

    def refuse(message: str, field: str, code: str = "invalid") -> None:
        problems.append(DomainError(message, code=code, field=field))

    def checked(check, *args):
        try:
            return check(*args)
        except DomainError as problem:
            problems.append(problem)
            return None

    title = (data.get("title") or "").strip()
    if not title:
        refuse(_("Give the crisis a name staff will recognise."), "title", "required")
    # Refused, not cut: the form keeps the whole name (and situation) to shorten.
    checked(refuse_if_too_long, title, TITLE_MAX, "title")
    kind = data.get("kind") or ""
    if kind not in CrisisKind.values:
        refuse(_("Choose what is happening."), "kind")
    description = (data.get("description") or "").strip()
    checked(refuse_if_too_long, description, longest("description"), "description")
    codes = _codes(data.get("countries") or [])
    unknown = [code for code in codes if not is_country_code(code)]
    if unknown:
        # Each as typed, isolated (FSI … PDI), joined by the reader's list pattern: codes and names in Arabic in one
        # list are otherwise reordered.
        refuse(_("Unknown country codes: %(codes)s. Use two-letter ISO codes such as TR, BY, MM.")
               % {"codes": and_list(unknown, isolated=True)}, "countries")
    projects = _projects(data.get("projects") or [])
    if not codes and not projects:
        refuse(_("Name at least one affected country or project, so the crisis knows which cases it covers."),
               "countries", "required")
    starts = checked(_date, data.get("starts_on"), "starts_on", _("First day"))
    if starts is None and not any(p.field == "starts_on" for p in problems):
        refuse(_("Give the crisis's first day."), "starts_on", "required")
    ends = checked(_date, data.get("ends_on"), "ends_on", _("Last day"))
    if ends is not None and starts is not None and ends < starts:
        refuse(_("The last day is before the first day."), "ends_on")
    coordinator = data.get("coordinator")
    if coordinator is not None and not isinstance(coordinator, get_user_model()):
        coordinator = get_user_model().objects.filter(pk=coordinator, is_active=True, is_staff=True).first() \
            if str(coordinator).isdigit() else None
    if coordinator is None:
        refuse(_("Choose the coordinator, a member of staff."), "coordinator", "required")
    if problems:
        raise CrisisRefused(problems)
    return {"title": title, "kind": kind, "description": description,
            "countries": codes, "projects": projects, "starts_on": starts, "ends_on": ends,
            "coordinator": coordinator}


@transaction.atomic
def declare(data: dict, user) -> Crisis:
    """Declare a crisis and tag the open cases it covers."""
    require(user, DECLARE, doing=_("declare a crisis"))
    crisis = Crisis.objects.create(**clean(data), declared_by=user if getattr(user, "pk", None) else None)
    sweep(crisis)
    _audit(user, crisis, "declared", RECORD_FIELDS)
    return crisis


#: What the crisis's form changes: its version is theirs (:func:`record_version`).
RECORD_FIELDS = ("title", "kind", "description", "countries", "projects", "starts_on", "ends_on", "coordinator_id")


def record_version(crisis: Crisis) -> str:
    """The version of the crisis's record that its form showed (core.versions), sent back with the changes."""
    return text_version(*(str(getattr(crisis, name)) for name in RECORD_FIELDS))


@transaction.atomic
def update(crisis: Crisis, data: dict, user, *, version: str | None = None) -> Crisis:
    """Change a crisis's countries, projects, dates or coordinator; the open cases it now covers are tagged.

    ``version`` (:func:`record_version`) is the record the editor's form showed: when a colleague saved it since,
    nothing is saved (core.versions) rather than the later save silently undoing the colleague's changes."""
    require(user, DECLARE, doing=_("change a crisis"))
    crisis = Crisis.objects.select_for_update().get(pk=crisis.pk)
    if crisis.ended_at:
        raise Conflict(_("This crisis has ended; its record can no longer be changed."), code="crisis_ended")
    refuse_if_changed(version, record_version(crisis), _(
        "Someone else changed this crisis after you opened the page. Nothing was saved: the record as it is now "
        "is shown above the form, your changes are in the form. Put them together, then save again."))
    before = {name: getattr(crisis, name) for name in RECORD_FIELDS}
    for field, value in clean(data).items():
        setattr(crisis, field, value)
    crisis.save()
    sweep(crisis)
    _audit(user, crisis, "changed", [name for name in RECORD_FIELDS if getattr(crisis, name) != before[name]])
    return crisis


@transaction.atomic
def end(crisis: Crisis, user, *, last_day=None) -> Crisis:
    """End a crisis (its last day today unless given) and store its post-crisis summary."""
    require(user, DECLARE, doing=_("end a crisis"))
    crisis = Crisis.objects.select_for_update().get(pk=crisis.pk)
    if crisis.ended_at:
        raise Conflict(_("This crisis has already ended."), code="crisis_ended")
    last = _date(last_day, "ends_on", _("Last day")) or timezone.localdate()
    if last < crisis.starts_on:
        raise DomainError(_("The last day is before the first day."), field="ends_on")
    if crisis.ends_on is None or crisis.ends_on > last:
        crisis.ends_on = last
    crisis.ended_at, crisis.ended_by = timezone.now(), user
    crisis.summary = stats.summary(crisis)
    crisis.save()
    _audit(user, crisis, "ended", ["ended_at", "ends_on", "summary"])
    return crisis


# --- Tagging ---------------------------------------------------------------------------------------------------

def _tag(crisis: Crisis, case: Case, via: str) -> bool:
    _row, created = CrisisCase.objects.get_or_create(crisis=crisis, case=case, defaults={"via": via})
    return created


def sweep(crisis: Crisis) -> int:
    """Tag every open case the crisis covers; returns how many were newly tagged."""
    if crisis.ended_at:
        return 0
    qs = Case.objects.filter(state__in=OPEN_STATES, received_at__date__gte=crisis.starts_on)
    if crisis.ends_on:
        qs = qs.filter(received_at__date__lte=crisis.ends_on)
    tagged = 0
    for case in qs.exclude(crisis_tags__crisis=crisis).prefetch_related("items"):
        if rules.matches(crisis, case):
            tagged += _tag(crisis, case, CrisisCase.Via.SWEEP)
    return tagged


def tag_case(case: Case) -> list[Crisis]:
    """Tag a case with every running crisis that covers it; returns the crises newly tagged."""
    added = []
    for crisis in Crisis.objects.running():
        if rules.matches(crisis, case) and _tag(crisis, case, CrisisCase.Via.ARRIVAL):
            added.append(crisis)
    return added


def any_running() -> bool:
    """Whether any crisis is running (what ``tag_new_case`` asks first; bulk creation asks it once for many)."""
    return Crisis.objects.running().exists()


def tag_new_case(case: Case) -> None:
    """The case-creation follow-up (called by name from ``review.case_followups.cases_created``): tag the new case now by
    its country, and once committed again, when its items (and their projects) are stored too."""
    if not any_running():
        return
    tag_case(case)
    case_id = case.pk

    def again():
        fresh = Case.objects.filter(pk=case_id).first()
        if fresh is not None:
            tag_case(fresh)

    transaction.on_commit(again, robust=True)


# --- Safety of the recipient -----------------------------------------------------------------------------------

@transaction.atomic
def record_safety_review(notice, user, *, version: str, note: str = "") -> SafetyReview:
    """Record that sending this wording of the notice is safe for the affected user (``version``:
    ``notices.services.text_version`` of the text the reviewer read)."""
    require(user, REVIEW_SAFETY, doing=_("record a safety review"))
    if not rules.needs_safety_review(notice):
        raise DomainError(_("This notice does not need a safety review (it is not to an affected user in a case "
                            "of a running crisis)."), code="no_safety_review_needed")
    if not (version or "").strip():
        raise DomainError(_("The page was out of date; open the notice again and review its text."), field="version")
    # A review covers the wording that was read: when the notice was edited since, nothing is recorded (a review
    # of the old wording would not let the new one be sent), and the reviewer reads it again.
    refuse_if_changed(version, notice_version(notice), _(
        "The notice's text changed after you opened the page. Nothing was recorded: read the notice as it is now, "
        "then record the review again; your note is kept below."), code="text_changed")
    review = SafetyReview.objects.create(notice=notice, version=version.strip(), reviewed_by=user, note=note.strip())
    _audit(user, review, f"safety review of notice {notice.pk}", ["note", "version"])
    return review


# --- Public wording of the human-rights report -----------------------------------------------------------------

def draft_version(obj) -> str:
    """The version of an item's public draft that a page shows; its form sends it back with the new wording."""
    return text_version(obj.public_draft)


@transaction.atomic
def save_public_draft(obj, user, text: str, *, version: str | None = None):
    """Staff write the wording an item (an assessment, a risk, a mitigation, a crisis) would have in public.

    ``version`` (:func:`draft_version`) is the draft the editor's page showed: when a colleague saved another
    since, nothing is saved (core.versions), rather than the later save silently replacing the colleague's words."""
    require(user, ("crisis.change_crisis", "diligence.change_assessment"), doing=_("write public wording"))
    locked = type(obj).objects.select_for_update().get(pk=obj.pk)
    refuse_if_changed(version, draft_version(locked), _(
        "Someone else saved this draft after you opened the page. Nothing was saved: their draft is shown above "
        "the box, your words are in it. Put the two together, then save again."))
    obj.public_draft, obj.public_drafted_by = (text or "").strip(), user
    obj.save(update_fields=["public_draft", "public_drafted_by"])
    _audit(user, obj, "public wording draft saved", ["public_draft"])
    return obj


@transaction.atomic
def approve_public_wording(obj, user, *, text: str):
    """A reviewer approves exactly the draft they read; only then does it become the public wording. Four-eyes
    (accounts.access.refuse_own_work): whoever wrote the draft cannot approve it, a colleague does."""
    require(user, REVIEW_WORDING, doing=_("approve public wording"))
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    refuse_own_work(user, [obj.public_drafted_by_id], _(
        "Four-eyes rule: you wrote this draft, so someone else must approve it. Nothing was approved."))
    draft = obj.public_draft.strip()
    if not draft:
        raise DomainError(_("There is no draft wording to approve; write it first."), field="public_draft")
    if (text or "").strip() != draft:
        raise DomainError(_("The draft changed after you opened the page. Nothing was approved: read it again."),
                          code="wording_changed", field="public_draft")
    obj.public_text, obj.public_reviewed_at, obj.public_reviewed_by = draft, timezone.now(), user
    obj.save(update_fields=["public_text", "public_reviewed_at", "public_reviewed_by"])
    _audit(user, obj, "public wording approved", ["public_text"], action="publish")
    return obj


@transaction.atomic
def withdraw_public_wording(obj, user):
    require(user, REVIEW_WORDING, doing=_("withdraw public wording"))
    obj.public_text, obj.public_reviewed_at, obj.public_reviewed_by = "", None, None
    obj.save(update_fields=["public_text", "public_reviewed_at", "public_reviewed_by"])
    _audit(user, obj, "public wording withdrawn", ["public_text"])
    return obj
