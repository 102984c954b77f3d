"""Turning a checked submission into a case, and what the requester may do afterwards.

Views and the API call these functions; they call
:func:`rightsdesk.cases.services.create_case` and the workflow, so intake
writes nothing to a case that the rest of the system does not see the same way.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import transaction

from rightsdesk.cases import choices as c
from rightsdesk.cases import services as case_services
from rightsdesk.cases import workflow
from rightsdesk.cases.models import Case, CaseHistory
from rightsdesk.cases.policy import ORGANISATION_REQUESTERS
from rightsdesk.core.digests import new_link_token
from rightsdesk.review import deadlines, history_reasons

from . import attachments as files
from .kinds import DSA_CATEGORY_FOR_GROUND, DSA_CATEGORY_FOR_HARM, KindSpec
from .models import Declaration, MessageFromRequester
from .tasks import send_receipt
from .tracking import seal, tracking_path, tracking_url, unseal  # noqa: F401  (callers use these names here)
from .validation import Cleaned, project_and_title, revision_of

logger = logging.getLogger("rightsdesk.intake")

STATEMENT_FIELDS = ("good_faith", "accuracy_statement", "mistake_statement", "consent_jurisdiction")


@dataclass
class Receipt:
    case: Case
    #: The raw tracking token: given to the requester once, never stored.
    tracking_token: str | None
    missing: list[str] = field(default_factory=list)
    #: The unsaved declaration when the caller saves declarations in bulk.
    declaration: Declaration | None = None

    @property
    def tracking_path(self) -> str | None:
        return tracking_path(self.tracking_token, self.case.language) if self.tracking_token else None


def case_payload(spec: KindSpec, values: dict, missing: list[str], *, source: str, language: str,
                 organisation=None) -> tuple[dict, list[dict], list[dict]]:
    """The create_case arguments (case fields, parties, items) for a checked submission."""
    v = values
    requester_type = v.get("requester_type")
    if not requester_type:
        if organisation is not None and organisation.requester_type in c.RequesterType.values:
            requester_type = organisation.requester_type
        else:
            requester_type = spec.default_requester_type
    org_name = v.get("organisation", "")
    if organisation is not None and not org_name and requester_type in ORGANISATION_REQUESTERS:
        org_name = organisation.name
    fields = {
        "kind": spec.kind,
        "subject": v["subject"][:300],
        "description": v.get("description", ""),
        "requester_type": requester_type,
        "requester_organisation": org_name if requester_type in ORGANISATION_REQUESTERS else "",
        "country": v.get("country", ""),
        "source": source,
        "language": language,
        "incomplete": bool(missing),
        "missing_fields": list(missing),
        "trusted_flagger": bool(organisation is not None and organisation.trusted_flagger),
    }
    for name in ("content_ground", "harm_category", "law_invoked", "legal_process", "legal_basis_reference",
                 "authority_country", "authority_level", "threat_type"):
        if v.get(name):
            fields[name] = v[name]
    fields.update(spec.fixed)
    ground = fields.get("content_ground")
    if ground in DSA_CATEGORY_FOR_GROUND:
        fields["dsa_category"] = DSA_CATEGORY_FOR_GROUND[ground]
    elif v.get("harm_category") in DSA_CATEGORY_FOR_HARM:
        fields["dsa_category"] = DSA_CATEGORY_FOR_HARM[v["harm_category"]]
    if spec.kind in c.DATA_KINDS:
        fields["content_data_requested"] = bool(v.get("content_data_requested"))
        fields["non_content_data_requested"] = bool(v.get("non_content_data_requested"))
        fields["accounts_potentially_affected"] = len(v.get("accounts") or [])
    elif spec.kind in c.PRESERVATION_KINDS:
        fields["accounts_potentially_affected"] = len(v.get("accounts") or [])
    if spec.kind == c.Kind.APPEAL and v.get("appeal_reference"):
        original = Case.objects.filter(reference=v["appeal_reference"]).only("pk").first()
        if original is not None:
            fields["appeal_of"] = original
        elif "appeal_unmatched" not in missing:
            missing.append("appeal_unmatched")
            fields["incomplete"] = True
            fields["missing_fields"] = list(missing)

    parties = []
    contact = {k: v.get(k, "") for k in ("name", "email", "phone", "postal_address", "official_title")}
    if organisation is not None and not contact["email"]:
        contact["email"] = organisation.contact_email
    if any(contact.values()) or org_name:
        kind = c.EntityKind.INDIVIDUAL if contact["name"] or requester_type not in ORGANISATION_REQUESTERS else c.EntityKind.ORGANIZATION
        parties.append({"role": c.PartyRole.REQUESTER, "kind": kind, "organisation": org_name[:300],
                        "country": v.get("country", ""), "language": language, **contact})
    if v.get("on_behalf_of"):
        parties.append({"role": c.PartyRole.PRINCIPAL, "kind": c.EntityKind.INDIVIDUAL, "name": v["on_behalf_of"]})

    return fields, parties, items_for(v)

def items_for(v: dict) -> list[dict]:
    """The case's items of checked values: one per URL (its project, title and revision read from it, the work
    claimed when the request names one) and one per account. The one rule for a request's form and for URLs a
    requester adds from the tracking page."""
    items = []
    claimed = v.get("copyrighted_work") or v.get("trademark") or ""
    for url in v.get("urls") or []:
        project, title = project_and_title(url)
        revision = revision_of(url)
        item = {"url": url, "project": project, "page_title": title, "revision_id": revision,
                "item_type": c.ItemType.FILE if title.startswith(("File:", "Image:")) else c.ItemType.PAGE}
        if revision:
            item["item_type"] = c.ItemType.REVISION
        if title.startswith(("File:", "Image:")):
            item["content_type"] = c.ContentType.IMAGE
        if claimed:
            item["copyrighted_work"] = claimed[:1000]
        if v.get("copyrighted_url"):
            item["copyrighted_url"] = v["copyrighted_url"]
        items.append(item)
    for account in v.get("accounts") or []:
        items.append({"account_name": account, "item_type": c.ItemType.ACCOUNT})
    return items



def declaration_values(values: dict) -> dict | None:
    """The declaration fields of a submission (statements, signature, anonymous), or None when it made none."""
    statements = [name for name in STATEMENT_FIELDS if values.get(name)]
    if not statements and not values.get("signature") and not values.get("anonymous"):
        return None
    return {"statements": statements, "signature": values.get("signature", ""),
            "anonymous": bool(values.get("anonymous"))}


def declaration_for(case: Case, values: dict) -> Declaration | None:
    """The (unsaved) declaration of a submission, or None when it made no statement."""
    fields = declaration_values(values)
    return None if fields is None else Declaration(case=case, **fields)


#: The channels a request entered by staff arrived through.
STAFF_CHANNELS = (c.Source.POST, c.Source.FAX, c.Source.PHONE, c.Source.EMAIL)


def creation_reason(source: str, values: dict, organisation=None) -> str:
    """How the request arrived, for the case's first history entry: the sentences of review.history_reasons, in
    English (the record's language), which the case page reads in its reader's."""
    if source in STAFF_CHANNELS:
        how = history_reasons.RECEIVED[source]
    elif organisation is not None:
        how = history_reasons.RECEIVED_THROUGH_API % {"organisation": organisation.name}
    else:
        how = history_reasons.RECEIVED[c.Source.WEB_FORM]
    statements = [name for name in STATEMENT_FIELDS if values.get(name)]
    if statements:
        how += " " + history_reasons.STATEMENTS_MADE % {"codes": ", ".join(statements)}
    if values.get("signature"):
        how += " " + history_reasons.SIGNED
    return how


def create_from_submission(spec: KindSpec, cleaned: Cleaned, *, source: str, language: str, actor,
                           uploads=(), organisation=None, defer_declaration: bool = False,
                           received_at=None) -> Receipt:
    """Store one checked submission as a case with its attachments; returns the receipt.

    Must be called inside a transaction (the callers' ``atomic`` blocks) so a
    failure leaves nothing half-written. With ``defer_declaration`` the
    declaration is returned unsaved in the receipt, for the API to save a
    chunk's declarations in one query. ``received_at`` (a letter's date of arrival, typed by staff) is when
    the request was received, which starts its deadlines; by default, now.
    """
    token = new_link_token()
    missing = list(cleaned.missing)
    fields, parties, items = case_payload(spec, cleaned.values, missing, source=source, language=language,
                                          organisation=organisation)
    if received_at is not None:
        fields["received_at"] = received_at
    case = case_services.create_case(fields=fields, parties=parties, items=items, actor=actor,
                                     reason=creation_reason(source, cleaned.values, organisation),
                                     tracking_token=token)
    declaration = declaration_for(case, cleaned.values)
    if declaration is not None and not defer_declaration:
        declaration.save()
    label = actor if isinstance(actor, str) else getattr(actor, "get_username", lambda: "requester")()
    for checked in uploads:
        files.store(case, checked, uploaded_by=label)
    return Receipt(case=case, tracking_token=token, missing=missing,
                   declaration=declaration if defer_declaration else None)


def submit_web_form(spec: KindSpec, cleaned: Cleaned, *, language: str, uploads=()) -> Receipt:
    """A submission from a public form: store it and send the receipt e-mail after the commit."""
    with transaction.atomic():
        receipt = create_from_submission(spec, cleaned, source=c.Source.WEB_FORM, language=language,
                                         actor="requester", uploads=uploads)
        if cleaned.values.get("email"):
            case_id, box = receipt.case.pk, seal(receipt.tracking_token)
            transaction.on_commit(lambda: send_receipt.enqueue(case_id=case_id, sealed_token=box))
    logger.info("intake.received case=%s kind=%s incomplete=%s", receipt.case.reference, spec.kind,
                bool(receipt.missing))
    return receipt


def open_staff_case(spec: KindSpec, cleaned: Cleaned, *, source: str, received_at, language: str, actor,
                    uploads=(), send_receipt_to_requester: bool = False) -> Receipt:
    """A request that came by post, fax, phone or e-mail, entered by staff: stored like a form's, with the channel
    and the date it was received (which starts the deadlines); missing elements are marked, not refused.

    With ``send_receipt_to_requester`` and an e-mail address, the requester gets the receipt with the tracking link.
    """
    if source not in STAFF_CHANNELS:
        raise ValueError(f"not a channel staff enter requests from: {source}")
    with transaction.atomic():
        receipt = create_from_submission(spec, cleaned, source=source, language=language, actor=actor,
                                         uploads=uploads, received_at=received_at)
        if send_receipt_to_requester and cleaned.values.get("email"):
            case_id, box = receipt.case.pk, seal(receipt.tracking_token)
            transaction.on_commit(lambda: send_receipt.enqueue(case_id=case_id, sealed_token=box))
    logger.info("intake.entered case=%s kind=%s source=%s incomplete=%s", receipt.case.reference, spec.kind, source,
                bool(receipt.missing))
    return receipt


def add_information(case: Case, text: str, uploads=(), completed: dict | None = None, *,
                    via: str = history_reasons.TRACKING_PAGE, filed_by: str = "") -> MessageFromRequester | None:
    """The requester adds to their case from the tracking page; a case waiting for them resumes.

    ``completed`` holds missing statements now made and a signature now given:
    they go into the case's declaration and leave its list of missing elements. ``via`` says in the history how
    the requester answered (``history_reasons.EMAIL_REPLY`` when rightsdesk.mail files a reply, ``EMAIL_FILED``
    with the staff member in ``filed_by`` when they file one).
    """
    completed = completed or {}
    with transaction.atomic():
        for item in items_for({"urls": completed.get("urls") or []}):
            case_services.add_item(case, item, "requester", reason=history_reasons.ADDED_INFORMATION[via]
                                   % {"who": filed_by})
        message = None
        if text or uploads:
            attachment = None
            for checked in uploads:
                attachment = files.store(case, checked, uploaded_by="requester")
            message = MessageFromRequester.objects.create(case=case, text=text, attachment=attachment)
            case_services.record(case, CaseHistory.Event.MESSAGE, "requester",
                                 changes={"requester_message": message.pk, "attachments": len(uploads)},
                                 reason=history_reasons.ADDED_INFORMATION[via] % {"who": filed_by})
        if completed:
            _complete_declaration(case, completed)
        if case.state == c.State.AWAITING_INFORMATION:
            workflow.transition(case, "information_received", "requester",
                                reason=history_reasons.ANSWERED[via] % {"who": filed_by},
                                after=[deadlines.restart_clock])
    logger.info("intake.information_added case=%s", case.reference)
    return message


def _complete_declaration(case: Case, completed: dict) -> None:
    """What the requester completed leaves the case's missing elements: the statements and signature go into its
    declaration; URLs were added as items (:func:`add_information`)."""
    if any(completed.get(name) for name in (*STATEMENT_FIELDS, "signature")):
        declaration, _created = Declaration.objects.get_or_create(case=case)
        statements = list(declaration.statements)
        for name in STATEMENT_FIELDS:
            if completed.get(name) and name not in statements:
                statements.append(name)
        declaration.statements = statements
        if completed.get("signature"):
            declaration.signature = completed["signature"]
        declaration.save()
    remaining = [code for code in case.missing_fields if code not in completed]
    case_services.update_case(case, {"missing_fields": remaining, "incomplete": bool(remaining)}, "requester",
                              reason=history_reasons.COMPLETED % {"codes": ", ".join(sorted(completed))})


def withdraw(case: Case, text: str = "") -> Case:
    with transaction.atomic():
        if text:
            MessageFromRequester.objects.create(case=case, text=text)
        workflow.transition(case, "withdraw", "requester",
                            reason=history_reasons.WITHDRAWN,
                            after=[deadlines.restart_clock])
    logger.info("intake.withdrawn case=%s", case.reference)
    return case
