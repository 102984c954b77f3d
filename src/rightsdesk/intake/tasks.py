"""Background work of intake: the receipt e-mail.

Runs through django-tasks so a slow or failing mail server never delays or
breaks a submission. The e-mail address is read from the case when the task
runs, not passed as an argument, so the tasks table holds no contact data.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.core import languages, mailrefs
from rightsdesk.core.digests import link_digest
from rightsdesk.core.tasks import task

logger = logging.getLogger("rightsdesk.intake")


@task()
def send_receipt(case_id: int, sealed_token: str) -> bool:
    """Send the receipt with the reference and the private tracking link, in the requester's language."""
    from .kinds import missing_labels
    from .tracking import tracking_url, unseal

    case = Case.objects.filter(pk=case_id).first()
    token = unseal(sealed_token)
    if case is None or token is None or link_digest(token) != case.tracking_token_digest:
        logger.warning("intake.receipt_skipped case_id=%s (case gone or link replaced)", case_id)
        return False
    requester = case.parties.filter(role=c.PartyRole.REQUESTER).exclude(email="").first()
    if requester is None:
        return False
    language = languages.supported(case.language)
    with translation.override(language):
        context = {
            "case": case,
            "kind_title": case.get_kind_display(),
            "tracking_url": tracking_url(token, language),
            "missing": missing_labels(case.missing_fields),
            "platform_name": settings.RIGHTSDESK["PLATFORM_NAME"],
        }
        subject = render_to_string("intake/email/receipt_subject.txt", context).strip()
        body = render_to_string("intake/email/receipt.txt", context)
    # The Message-ID and the subject carry the reference, so a reply finds its case (rightsdesk.mail).
    message = EmailMultiAlternatives(subject=mailrefs.subject_with_reference(subject, case.reference), body=body,
                                     to=[requester.email],
                                     headers={"Auto-Submitted": "auto-replied",
                                              "Message-ID": mailrefs.message_id_for(case.reference, "receipt")})
    message.send()
    logger.info("intake.receipt_sent case=%s", case.reference)
    return True
