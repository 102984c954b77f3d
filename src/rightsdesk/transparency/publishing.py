"""Publishing decided cases to the public notice log, after staff approved their redaction.

The steps, each a function that views, the API and the demo share:

1. :func:`propose_redaction` runs the redactor over every text that would be
   published and stores the proposed spans in a RedactionReview (a draft).
2. Staff look at it in the redaction editor and correct it:
   :func:`remove_span`, :func:`add_phrase`, :func:`add_span`,
   :func:`change_span_type`. Every correction is recorded (offsets and types,
   never the text) and sends the review back to draft.
3. :func:`approve_redaction` (transparency.change_redactionreview).
4. :func:`publish` (transparency.publish_notice, the legal approver's) builds
   the PublicRecord from the approved spans. If the case's text changed
   after the approval, publishing is refused until the redaction is
   proposed and approved again.
5. :func:`unpublish` takes a notice out of the log, with a public reason.

Every step is recorded in the case history (event "publication") and the
audit trail.
"""

from __future__ import annotations

import hashlib
import json

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop  # history reasons: stored in English (review.timeline)

from rightsdesk.accounts.access import require
from rightsdesk.audit.services import record_access
from rightsdesk.cases import choices as c
from rightsdesk.cases import policy
from rightsdesk.cases.policy import DECIDED_STATES, PUBLISHABLE_KINDS  # noqa: F401 (callers use these names here)
from rightsdesk.cases.models import Case, CaseHistory
from rightsdesk.cases.services import record
from rightsdesk.core import registry
from rightsdesk.core.errors import Conflict, DomainError, NotPermitted
from rightsdesk.core.sites import own_host
from rightsdesk.laws.publishing import copy_to_public_record as copy_laws_to_public_record
from rightsdesk.notices.models import LegalHold
from rightsdesk.privacy import redaction
from rightsdesk.privacy.redaction import Span

from . import log_search, search_text
from .models import PublicRecordItem, PublicRecord, RedactionReview

PUBLISH_PERMISSION = "transparency.publish_notice"
REVIEW_PERMISSION = "transparency.change_redactionreview"
#: Fields of an item that are published, each redacted.
ITEM_FIELDS = ("url", "page_title", "copyrighted_work", "copyrighted_url", "ground", "reason")


def search_text_of(notice, items) -> str:
    """What the log's search finds a notice by: its published texts and its items' (nothing else is searched),
    written as the index holds them (search_text.for_index: كِتَاب is found by كتاب). It is never shown."""
    return search_text.for_index("\n".join(filter(None, [
        notice.public_id, notice.title, notice.body, notice.summary, notice.law_invoked, notice.sender_name,
        notice.principal_name, " ".join(notice.projects),
        *(f"{i.page_title} {i.url} {i.copyrighted_work}" for i in items),
    ])))


def _who(actor) -> str:
    if actor is None:
        return "system"
    return actor if isinstance(actor, str) else actor.get_username()


def needs_record(case: Case) -> bool:
    """Whether the case gets a public record: published kinds always; others only when an item was restricted
    (the record then backs the item's placeholder and DSA statement, and is not listed in the log)."""
    return Case.objects.filter(pk=case.pk).publishable().exists() or Case.objects.filter(pk=case.pk).restricting().exists()


def check_publishable(case: Case) -> None:
    if not needs_record(case):
        raise DomainError(
            _("%(kind)s cases are not published one by one; they are counted in the period report.")
            % {"kind": c.Kind(case.kind).label}, code="not_publishable")
    if case.state not in DECIDED_STATES or not case.outcome:
        raise DomainError(_("Only decided cases are published; %(ref)s is %(state)s.")
                          % {"ref": case.reference, "state": c.State(case.state).label.lower()}, code="not_decided")
    if _held(case):
        raise DomainError(_("A legal hold bars every notice of %(ref)s; it can be published once the hold is lifted.")
                          % {"ref": case.reference}, code="legal_hold")


def _held(case: Case) -> bool:
    """Whether a legal hold (a gag order) bars all notice of the case, the public log included."""
    return LegalHold.objects.filter(case=case, scope=LegalHold.Scope.ALL).active().exists()


def source_texts(case: Case) -> dict[str, str]:
    """Every text that would be published, keyed by field: the spans point into these."""
    sender, principal = _sender_texts(case)
    texts = {"title": case.requester_subject or case.subject or "", "body": case.description or "",
             "summary": case.decision_summary or "", "law_invoked": case.law_invoked or "",
             "sender": sender, "principal": principal}
    for item in case.items.all():
        for name in ITEM_FIELDS:
            texts[f"item:{item.pk}:{name}"] = getattr(item, name) or ""
    return texts


def digest(texts: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(texts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _spans(review: RedactionReview, key: str) -> list[Span]:
    return [Span.from_dict(s) for s in review.spans.get(key, [])]


def redacted_texts(review: RedactionReview, texts: dict[str, str] | None = None) -> dict[str, str]:
    texts = source_texts(review.case) if texts is None else texts
    return {key: redaction.apply_spans(text, _spans(review, key)) for key, text in texts.items()}


def _propose_spans(case: Case, texts: dict[str, str]) -> dict[str, list[dict]]:
    known = redaction.known_data_for_case(case)
    policy = redaction.default_policy()
    spans = redaction.find_spans_in_texts(texts, known, policy)
    return {key: [s.as_dict() for s in found] for key, found in spans.items()}


@transaction.atomic
def propose_redaction(case: Case, actor=None, *, reset: bool = False) -> RedactionReview:
    """Propose the redaction of a decided case (a draft for staff), or return the current one.

    An existing review is kept while the case's texts are unchanged, so staff
    corrections are not lost; ``reset`` discards them and proposes afresh.
    """
    check_publishable(case)
    texts = source_texts(case)
    current = digest(texts)
    review = RedactionReview.objects.select_for_update().filter(case=case).first()
    if review and review.source_digest == current and not reset:
        return review
    proposed = _propose_spans(case, texts)
    if review is None:
        review = RedactionReview(case=case)
    stale = review.pk is not None
    review.proposed_spans = proposed
    review.spans = proposed
    review.source_digest = current
    review.status = RedactionReview.Status.DRAFT
    review.approved_by, review.approved_at = None, None
    review.corrections = [] if reset or not stale else review.corrections + [
        {"at": timezone.now().isoformat(), "by": _who(actor), "action": "reproposed"}]
    review.save()
    record(case, CaseHistory.Event.PUBLICATION, actor, reason=gettext_noop("Redaction proposed for the public log."),
           changes={"redaction": "proposed", "spans": sum(len(v) for v in proposed.values())})
    return review


def _editable(review: RedactionReview, actor) -> dict[str, str]:
    require(actor, REVIEW_PERMISSION)
    texts = source_texts(review.case)
    if digest(texts) != review.source_digest:
        raise Conflict(_("The case changed after this redaction was proposed; propose it again before editing."),
                       code="stale_redaction")
    return texts


def _save_correction(review: RedactionReview, actor, entry: dict, key: str, spans: list[Span]) -> RedactionReview:
    review.spans = {**review.spans, key: [s.as_dict() for s in redaction.merge(spans)]}
    review.corrections = review.corrections + [{"at": timezone.now().isoformat(), "by": _who(actor), "field": key, **entry}]
    review.status = RedactionReview.Status.DRAFT
    review.approved_by, review.approved_at = None, None
    review.save()
    return review


@transaction.atomic
def remove_span(review: RedactionReview, actor, key: str, index: int) -> RedactionReview:
    """Keep a stretch of text the redactor wrongly proposed to hide."""
    review = RedactionReview.objects.select_for_update().get(pk=review.pk)
    _editable(review, actor)
    spans = _spans(review, key)
    if not 0 <= index < len(spans):
        raise DomainError(_("There is no proposed redaction number %(n)s in this field.") % {"n": index + 1},
                          code="invalid", field="span")
    removed = spans.pop(index)
    return _save_correction(review, actor, {"action": "removed", "type": removed.type, "start": removed.start,
                                            "end": removed.end}, key, spans)


@transaction.atomic
def add_span(review: RedactionReview, actor, key: str, start: int, end: int, kind: str) -> RedactionReview:
    """Hide a stretch the redactor missed, given by offsets."""
    review = RedactionReview.objects.select_for_update().get(pk=review.pk)
    texts = _editable(review, actor)
    if key not in texts:
        raise DomainError(_("Unknown field %(key)s.") % {"key": key}, code="invalid", field="field")
    if kind not in redaction.TYPES:
        raise DomainError(_("Choose one of the redaction types."), code="invalid", field="type")
    if not 0 <= start < end <= len(texts[key]):
        raise DomainError(_("The stretch to hide must lie inside the text."), code="invalid", field="start")
    spans = _spans(review, key) + [Span(kind, start, end, "staff")]
    return _save_correction(review, actor, {"action": "added", "type": kind, "start": start, "end": end}, key, spans)


@transaction.atomic
def add_phrase(review: RedactionReview, actor, key: str, phrase: str, kind: str) -> RedactionReview:
    """Hide every occurrence of a phrase in a field (or in every field when ``key`` is "*")."""
    review = RedactionReview.objects.select_for_update().get(pk=review.pk)
    texts = _editable(review, actor)
    phrase = (phrase or "").strip()
    if len(phrase) < 2:
        raise DomainError(_("Type the words to hide, at least two characters."), code="invalid", field="phrase")
    if kind not in redaction.TYPES:
        raise DomainError(_("Choose one of the redaction types."), code="invalid", field="type")
    keys = list(texts) if key == "*" else [key]
    found = 0
    for k in keys:
        if k not in texts:
            raise DomainError(_("Unknown field %(key)s.") % {"key": k}, code="invalid", field="field")
        lowered, needle = texts[k].lower(), phrase.lower()
        new = []
        start = lowered.find(needle)
        while start != -1:
            new.append(Span(kind, start, start + len(needle), "staff"))
            start = lowered.find(needle, start + 1)
        if new:
            found += len(new)
            review = _save_correction(review, actor, {"action": "added", "type": kind, "count": len(new)}, k,
                                      _spans(review, k) + new)
    if not found:
        raise DomainError(_("The words to hide do not occur in the text."), code="not_found", field="phrase")
    return review


@transaction.atomic
def change_span_type(review: RedactionReview, actor, key: str, index: int, kind: str) -> RedactionReview:
    review = RedactionReview.objects.select_for_update().get(pk=review.pk)
    _editable(review, actor)
    spans = _spans(review, key)
    if not 0 <= index < len(spans) or kind not in redaction.TYPES:
        raise DomainError(_("Choose an existing redaction and one of the redaction types."), code="invalid", field="type")
    old = spans[index]
    spans[index] = Span(kind, old.start, old.end, "staff")
    return _save_correction(review, actor, {"action": "retyped", "type": kind, "start": old.start, "end": old.end},
                            key, spans)


@transaction.atomic
def approve_redaction(review: RedactionReview, actor) -> RedactionReview:
    require(actor, REVIEW_PERMISSION)
    return _approve(review, actor)


def _approve(review: RedactionReview, actor) -> RedactionReview:
    review = RedactionReview.objects.select_for_update().get(pk=review.pk)
    if digest(source_texts(review.case)) != review.source_digest:
        raise Conflict(_("The case changed after this redaction was proposed; propose it again before approving."),
                       code="stale_redaction")
    review.status = RedactionReview.Status.APPROVED
    review.approved_by, review.approved_at = (None if isinstance(actor, str) else actor), timezone.now()
    review.save()
    record(review.case, CaseHistory.Event.PUBLICATION, actor,
           reason=gettext_noop("Redaction approved for publication."), changes={"redaction": "approved"})
    record_access(actor, "approve_redaction", case=review.case, obj=review, fields=["subject", "description"],
                  purpose="redaction review for the public notice log")
    return review


def _sender_texts(case: Case) -> tuple[str, str]:
    """(sender, principal) as typed: an organisation's name may be published, a private person's never.

    They are texts like any other: the redactor proposes what to hide in them and staff review it, since
    people type their own names and phone numbers into "organisation".
    """
    sender = case.requester_organisation if case.requester_type in policy.ORGANISATION_REQUESTERS else ""
    principal = ""
    for party in case.parties.filter(role=c.PartyRole.PRINCIPAL, kind=c.EntityKind.ORGANIZATION):
        principal = party.organisation
        break
    return sender or "", principal or ""


def _placeholders(case: Case) -> dict[int, object]:
    from rightsdesk.notices.models import Placeholder

    return {p.item_id: p for p in Placeholder.objects.filter(item__case=case)}


@transaction.atomic
def publish(case: Case, actor) -> PublicRecord:
    """Publish (or republish) a decided case's notice with its approved redaction."""
    require(actor, PUBLISH_PERMISSION)
    return _publish(case, actor)


def _publish(case: Case, actor, *, rechecked: bool = False) -> PublicRecord:
    """Write the public record from the approved review (or, ``rechecked``, from one the re-check made stricter)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    check_publishable(case)
    review = RedactionReview.objects.filter(case=case).first()
    if review is None or (review.status != RedactionReview.Status.APPROVED and not rechecked):
        raise DomainError(_("The redaction of %(ref)s has not been approved yet; review it first.")
                          % {"ref": case.reference}, code="redaction_not_approved")
    texts = source_texts(case)
    if digest(texts) != review.source_digest:
        raise Conflict(_("The case changed after its redaction was approved; propose and approve it again."),
                       code="stale_redaction")
    red = redacted_texts(review, texts)
    items = list(case.items.all())
    placeholders = _placeholders(case)
    sender, principal = red["sender"].strip()[:300], red["principal"].strip()[:300]
    sender_kind = c.EntityKind.ORGANIZATION if sender else c.EntityKind.INDIVIDUAL
    listed = case.kind in PUBLISHABLE_KINDS
    now = timezone.now()
    decided_on = (case.decided_at or case.received_at or now).date()
    notice = PublicRecord.objects.filter(case=case).first()
    old_sort_key = notice.sort_key if notice else None
    if notice is None:
        notice = PublicRecord(case=case, public_id=case.reference, sort_key=-case.pk)
    values = dict(
        redaction=review, kind=case.kind, content_ground=case.content_ground,
        country=getattr(case.country, "code", case.country) or "", outcome=case.outcome,
        requester_type=case.requester_type, sender_name=sender, sender_kind=sender_kind, principal_name=principal,
        trusted_flagger=case.trusted_flagger, language=case.language,
        projects=sorted({own_host(i.project) for i in items} - {""}),
        title=red["title"][:300] or _("Request"), body=red["body"], summary=red["summary"], law_invoked=red["law_invoked"][:500],
        received_on=case.received_at.date(), decided_on=decided_on, published_at=now, texts_written_at=now,
        published_by=None if isinstance(actor, str) else actor,
        is_public=listed, listed=listed, unpublished_at=None, unpublish_reason="", reopened_at=None,
        harm_category=case.harm_category, dsa_category=case.dsa_category, decision_ground=case.decision_ground,
        source=case.source, automated_detection=case.automated_detection, automated_decision=case.automated_decision,
    )
    if rechecked and notice.pk is not None:
        # A re-check redacts more of the same publication: its Published date and publisher stay (staff publishing
        # the reviewed redaction afterwards is a new publication and sets them).
        values.pop("published_at")
        values.pop("published_by")
    for name, value in values.items():
        setattr(notice, name, value)
    notice.save()
    notice.sort_key = log_search.sort_key_for(decided_on, notice.pk)
    notice.items.all().delete()
    published_items = []
    for position, item in enumerate(items):
        placeholder = placeholders.get(item.pk)
        published_items.append(PublicRecordItem(
            notice=notice, position=position, url=red[f"item:{item.pk}:url"], project=own_host(item.project),
            page_title=red[f"item:{item.pk}:page_title"], item_type=item.item_type, content_type=item.content_type,
            action=item.action, action_countries=list(item.action_countries or []),
            reason=red[f"item:{item.pk}:reason"], copyrighted_work=red[f"item:{item.pk}:copyrighted_work"],
            copyrighted_url=red[f"item:{item.pk}:copyrighted_url"], ground=red[f"item:{item.pk}:ground"][:500],
            revision_id=item.revision_id, content_date=item.content_date, action_end_date=item.action_end_date,
            puid=f"{case.reference}-{item.pk}",
            placeholder_id=placeholder.public_id if placeholder else "",
            legal_demand=bool(placeholder and placeholder.legal_demand),
            restored_at=(placeholder.withdrawn_at if placeholder else None) or item.restored_at,
        ))
    PublicRecordItem.objects.bulk_create(published_items)
    copy_laws_to_public_record(case, notice)  # the instruments and authority staff confirmed (laws app)
    notice.search_text = search_text_of(notice, published_items)
    notice.save(update_fields=["sort_key", "search_text"])
    if old_sort_key is not None and old_sort_key != notice.sort_key:
        log_search.unindex(old_sort_key)
    log_search.index_notice(notice)
    if not rechecked:  # the re-check records its own history entry; staff publishing its review closes it
        record(case, CaseHistory.Event.PUBLICATION, actor, reason=gettext_noop("Published in the public notice log."),
               changes={"published": notice.public_id})
        if review.rechecked_at is not None:
            review.rechecked_at = None
            review.save(update_fields=["rechecked_at"])
    record_access(actor, "publish_notice", case=case, obj=notice, fields=["subject", "description", "decision_summary"],
                  purpose="publication in the public notice log")
    if old_sort_key is not None:
        # Its texts were written again (redacted further, or a new review): the copies other apps made of the old
        # ones (the open-data files, Lumen's) go out of date, and may hold what is now redacted.
        registry.record_republished(notice, rechecked=rechecked)
    return notice


#: The public record's free texts (and the search text made of them), emptied when a notice is withdrawn.
WITHDRAWN_TEXTS = ("title", "body", "summary", "law_invoked", "sender_name", "principal_name", "search_text")


@transaction.atomic
def unpublish(notice: PublicRecord, actor, reason: str) -> PublicRecord:
    """Take a notice out of the log; its permanent page then says it was withdrawn, and why, and nothing else.

    The record's texts are emptied (:data:`WITHDRAWN_TEXTS`), its items deleted and it leaves the search index:
    nothing public can show what was withdrawn, and staff read the case and its redaction review, never this row.
    """
    require(actor, PUBLISH_PERMISSION)
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise DomainError(_("Say why the notice is withdrawn from the log; the reason is shown on its page."),
                          code="invalid", field="reason")
    notice = PublicRecord.objects.select_for_update().get(pk=notice.pk)
    if notice.unpublished_at is not None:
        raise Conflict(_("This notice was already withdrawn."), code="not_published")
    known = redaction.known_data_for_case(notice.case)
    notice.is_public = False
    notice.unpublished_at = timezone.now()
    notice.unpublish_reason = redaction.redact(reason, known).text
    # Withdrawal is the remedy when something private was published: the record keeps none of the texts the public
    # saw (the case keeps its originals, the review its spans; publishing again writes the texts anew from them).
    for name in WITHDRAWN_TEXTS:
        setattr(notice, name, "")
    notice.save(update_fields=["is_public", "unpublished_at", "unpublish_reason", *WITHDRAWN_TEXTS])
    # A withdrawn notice's page shows only that it was withdrawn; its items go, so the
    # project index holds public notices only (log_search counts on it).
    notice.items.all().delete()
    log_search.index_notice(notice)
    record(notice.case, CaseHistory.Event.PUBLICATION, actor, reason=reason, changes={"unpublished": notice.public_id})
    record_access(actor, "unpublish_notice", case=notice.case, obj=notice, purpose="withdrawal from the public log")
    registry.record_withdrawn(notice)  # the copies other apps made of it go too (the open-data files)
    return notice


@transaction.atomic
def publish_as_system(case: Case, label: str = "system") -> PublicRecord:
    """Propose, approve and publish in one step, without a person (the demo, and imports of
    history that was already published elsewhere). Staff publish through the editor."""
    if not isinstance(label, str):
        raise NotPermitted("publish_as_system is for the demo and imports; staff use publish().")
    review = propose_redaction(case, label)
    if review.status != RedactionReview.Status.APPROVED:
        _approve(review, label)
    return _publish(case, label)


def redaction_queue():
    """Decided, publishable cases not in the log yet, decided anew since their notice was published, or whose
    published notice the current rules found more to redact in (:func:`recheck_published`), oldest first.

    A notice withdrawn by staff (a court order, say) stays out: it returns only if someone publishes it again.
    """
    not_published = Q(public_record__isnull=True)
    live = Q(public_record__unpublished_at__isnull=True)
    decided_anew = Q(public_record__reopened_at__isnull=False) & live
    rechecked = Q(redaction_review__rechecked_at__isnull=False) & live
    needing = Case.objects.publishable() | Case.objects.restricting()  # every placeholder action restricts
    return (needing.decided().filter(not_published | decided_anew | rechecked).select_related("redaction_review")
            .order_by("decided_at", "id"))


def _new_findings(review: RedactionReview, proposed: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """What the rules propose now that the approved review neither proposed then (staff saw it, and a span they
    removed stays theirs to decide) nor redacts (a span inside an approved one is already covered)."""
    new: dict[str, list[dict]] = {}
    for key, spans in proposed.items():
        seen = {(s["start"], s["end"]) for s in review.proposed_spans.get(key, [])}
        covered = [(s["start"], s["end"]) for s in review.spans.get(key, [])]
        for span in spans:
            if (span["start"], span["end"]) in seen:
                continue
            if any(start <= span["start"] and span["end"] <= end for start, end in covered):
                continue
            new.setdefault(key, []).append(span)
    return new


def recheck_published(actor: str = "redaction re-check") -> dict[str, int]:
    """Run the current redaction rules over every live published notice, for rules added after it was approved.

    Where they find personal data its approved review did not redact (and staff never un-redacted), the public
    record is written again at once with those spans redacted as well, so that nothing the rules recognise stays
    public while staff look; the review goes back to draft, marked ``rechecked_at``, and the case returns to the
    redaction queue, where staff confirm the stricter redaction or undo part of it and publish again. Notices whose
    case text changed since approval are left to the usual re-proposal (counted as ``changed``). Returns counts only:
    what was found is never written to a log. Safe to run again: a second run finds nothing new.
    """
    counts = {"checked": 0, "redacted_further": 0, "changed": 0}
    reviews = RedactionReview.objects.filter(status=RedactionReview.Status.APPROVED, case__public_record__isnull=False,
                                             case__public_record__unpublished_at__isnull=True).order_by("pk")
    for pk in reviews.values_list("pk", flat=True).iterator(500):
        with transaction.atomic():
            review = RedactionReview.objects.select_for_update().select_related("case").get(pk=pk)
            if review.status != RedactionReview.Status.APPROVED:
                continue
            counts["checked"] += 1
            texts = source_texts(review.case)
            if digest(texts) != review.source_digest:
                counts["changed"] += 1
                continue
            new = _new_findings(review, _propose_spans(review.case, texts))
            if not new:
                continue
            spans = {key: [s.as_dict() for s in redaction.merge(_spans(review, key) + [Span.from_dict(d) for d in
                                                                                        new.get(key, [])])]
                     for key in set(review.spans) | set(new)}
            review.spans = spans
            review.proposed_spans = {key: review.proposed_spans.get(key, []) + new.get(key, [])
                                     for key in set(review.proposed_spans) | set(new)}
            review.status = RedactionReview.Status.DRAFT
            review.rechecked_at = timezone.now()
            review.corrections = review.corrections + [
                {"at": review.rechecked_at.isoformat(), "by": actor, "action": "rechecked",
                 "spans": sum(len(v) for v in new.values())}]
            review.save()
            _publish(review.case, actor, rechecked=True)
            record(review.case, CaseHistory.Event.PUBLICATION, actor,
                   reason=gettext_noop("The current redaction rules found more personal data in the published notice: "
                                       "it was redacted further at once and is back in the redaction queue for review."),
                   changes={"redaction": "rechecked", "spans": sum(len(v) for v in new.values())})
            counts["redacted_further"] += 1
    return counts


def mark_reopened(case: Case, actor) -> PublicRecord | None:
    """The case's decision was reopened: its public notice says so until the new decision is published."""
    notice = PublicRecord.objects.select_for_update().filter(case=case, unpublished_at__isnull=True).first()
    if notice is None or notice.reopened_at is not None:
        return notice
    notice.reopened_at = timezone.now()
    notice.save(update_fields=["reopened_at"])
    record(case, CaseHistory.Event.PUBLICATION, actor,
           reason=gettext_noop("The public notice now says that the decision is being made anew."),
           changes={"reopened": notice.public_id})
    return notice


def mark_item_restored(placeholder_public_id: str, at) -> int:
    """An appeal restored an item: its placeholder says so at once (the fact carries no personal data)."""
    if not placeholder_public_id:
        return 0
    return PublicRecordItem.objects.filter(placeholder_id=placeholder_public_id, restored_at__isnull=True).update(
        restored_at=at)
