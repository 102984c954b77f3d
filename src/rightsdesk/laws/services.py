"""The laws app's writes: confirming a case's instruments and authority, mapping old cases in bulk, editing the
registry. Each write is checked (accounts.access) and recorded in :class:`RegistryEvent` (never a free text).
"""

from __future__ import annotations

import hashlib
import json
from typing import Iterable

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from rightsdesk.accounts.access import require
from rightsdesk.cases.models import Case
from rightsdesk.cases.policy import WORKER_PERMISSIONS
from rightsdesk.core.errors import DomainError
from rightsdesk.core.versions import refuse_if_changed, text_version

from .models import Authority, CaseAuthority, CaseInstrument, Instrument, LinkSource, RegistryEvent

MANAGE_REGISTRY = "laws.manage_registry"


def _user(actor):
    return None if isinstance(actor, str) or actor is None else actor


def _instruments(ids: Iterable) -> list[Instrument]:
    ids = [str(i).strip() for i in ids if str(i).strip()]
    if not all(i.isdigit() for i in ids):
        raise DomainError(_("Choose the laws from the list."), code="invalid", field="instruments")
    wanted = {int(i) for i in ids}
    found = list(Instrument.objects.filter(pk__in=wanted))
    if len(found) != len(wanted):
        raise DomainError(_("One of the chosen laws is not in the registry any more; reload the page and choose again."),
                          code="invalid", field="instruments")
    return found


@transaction.atomic
def set_case_links(case: Case, actor, instrument_ids: Iterable, authority_id=None, *,
                   source: str = LinkSource.SUGGESTED) -> dict:
    """Make the case's confirmed instruments exactly ``instrument_ids`` and its authority ``authority_id`` (or none).

    The case's free text (``law_invoked``) is not touched. Returns {"added": [...keys], "removed": [...keys]}.
    """
    if not isinstance(actor, str):
        require(actor, WORKER_PERMISSIONS, doing=_("confirm the laws a case invokes"))
    instruments = _instruments(instrument_ids)
    authority = None
    if authority_id not in (None, ""):
        authority = Authority.objects.filter(pk=int(authority_id)).first() if str(authority_id).isdigit() else None
        if authority is None:
            raise DomainError(_("The chosen authority is not in the registry any more; reload the page and choose again."),
                              code="invalid", field="authority")
    now, user = timezone.now(), _user(actor)
    current = {link.instrument_id: link for link in CaseInstrument.objects.filter(case=case).select_related("instrument")}
    wanted = {i.pk: i for i in instruments}
    added, removed = [], []
    for pk, instrument in wanted.items():
        if pk not in current:
            CaseInstrument.objects.create(case=case, instrument=instrument, source=source, confirmed_by=user,
                                          confirmed_at=now)
            RegistryEvent.objects.create(actor=user, event=RegistryEvent.Event.CASE_LINKED, instrument=instrument,
                                         case=case, details={"source": source})
            added.append(instrument.key)
    for pk, link in current.items():
        if pk not in wanted:
            link.delete()
            RegistryEvent.objects.create(actor=user, event=RegistryEvent.Event.CASE_UNLINKED, instrument=link.instrument,
                                         case=case)
            removed.append(link.instrument.key)
    old = CaseAuthority.objects.filter(case=case).first()
    if (old.authority_id if old else None) != (authority.pk if authority else None):
        if old:
            old.delete()
            RegistryEvent.objects.create(actor=user, event=RegistryEvent.Event.CASE_UNLINKED, authority_id=old.authority_id,
                                         case=case)
            removed.append(f"authority:{old.authority.key}")
        if authority:
            CaseAuthority.objects.create(case=case, authority=authority, source=source, confirmed_by=user,
                                         confirmed_at=now)
            RegistryEvent.objects.create(actor=user, event=RegistryEvent.Event.CASE_LINKED, authority=authority,
                                         case=case, details={"source": source})
            added.append(f"authority:{authority.key}")
    return {"added": added, "removed": removed}


def distinct_free_texts():
    """Each distinct, non-empty ``law_invoked`` of the cases, with how many cases have it and how many are linked."""
    from django.db.models import Count

    rows = (Case.objects.exclude(law_invoked="").values("law_invoked")
            .annotate(cases=Count("id"), linked=Count("law_links__case", distinct=True)).order_by("-cases", "law_invoked"))
    return list(rows)


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@transaction.atomic
def bulk_map(actor, text: str, instrument_ids: Iterable, authority_id=None) -> int:
    """Link every case whose ``law_invoked`` is exactly ``text`` to the instruments (added to what it has).

    Returns how many cases were changed. Recorded as one event (its text as a digest, never the text) and one
    per case changed. The free text stays as received.
    """
    require(actor, MANAGE_REGISTRY, doing=_("map old cases to the registry"))
    if not text:
        raise DomainError(_("Choose a text to map."), code="invalid", field="text")
    instruments = _instruments(instrument_ids)
    if not instruments and authority_id in (None, ""):
        raise DomainError(_("Choose at least one law or an authority to link these cases to."), code="invalid",
                          field="instruments")
    authority = (Authority.objects.filter(pk=int(authority_id)).first()
                 if str(authority_id or "").isdigit() else None)
    now, user = timezone.now(), _user(actor)
    changed = 0
    cases = list(Case.objects.filter(law_invoked=text).only("id"))
    for case in cases:
        touched = False
        for instrument in instruments:
            _link, created = CaseInstrument.objects.get_or_create(
                case=case, instrument=instrument,
                defaults={"source": LinkSource.BULK, "confirmed_by": user, "confirmed_at": now})
            touched |= created
        if authority and not CaseAuthority.objects.filter(case=case).exists():
            CaseAuthority.objects.create(case=case, authority=authority, source=LinkSource.BULK, confirmed_by=user,
                                         confirmed_at=now)
            touched = True
        changed += touched
    RegistryEvent.objects.create(
        actor=user, event=RegistryEvent.Event.BULK_MAPPED, authority=authority,
        instrument=instruments[0] if len(instruments) == 1 else None,
        details={"text_digest": text_digest(text), "cases": len(cases), "changed": changed,
                 "instruments": [i.key for i in instruments], "authority": authority.key if authority else ""})
    return changed


def entry_version(obj: Instrument | Authority) -> str:
    """The version of a registry entry a page showed (core.versions), for its edit form to carry back."""
    return text_version(json.dumps(model_to_dict(obj), sort_keys=True, default=str))


@transaction.atomic
def save_registry_entry(actor, form, version: str | None = None) -> Instrument | Authority:
    """Save a validated registry form (an instrument or an authority) and record which fields changed.

    ``version``: the entry's version (:func:`entry_version`) on the page the change was typed on (None: no page was
    shown). A change typed on a page older than the entry is refused (core.versions.ChangedSince): nothing saved."""
    require(actor, MANAGE_REGISTRY, doing=_("edit the registry of laws and authorities"))
    if form.instance.pk:
        stored = type(form.instance).objects.select_for_update().get(pk=form.instance.pk)
        refuse_if_changed(version, entry_version(stored), _(
            "Someone else changed this entry after you opened the page. Nothing was saved: your changes are in the "
            "form, the entry as it is now is in the registry's history. Put them together, then save again."))
    obj = form.save()
    is_instrument = isinstance(obj, Instrument)
    adding = "id" not in form.initial
    Event = RegistryEvent.Event
    event = ((Event.INSTRUMENT_ADDED if adding else Event.INSTRUMENT_CHANGED) if is_instrument
             else (Event.AUTHORITY_ADDED if adding else Event.AUTHORITY_CHANGED))
    RegistryEvent.objects.create(actor=_user(actor), event=event, instrument=obj if is_instrument else None,
                                 authority=None if is_instrument else obj, details={"fields": sorted(form.changed_data)})
    return obj
