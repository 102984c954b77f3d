"""Background work of the review: the on-call alert and e-mails to requesters.

Neither e-mail carries private data it does not need: the alert gives the
case reference, its kind and threat type and a staff link, never the request
text, names or accounts.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from rightsdesk.core import languages, mailrefs
from rightsdesk.core.moments import moment_text
from rightsdesk.core.public_urls import public_url
from rightsdesk.core.tasks import task

logger = logging.getLogger("rightsdesk.review")


def staff_link(case) -> str:
    with translation.override("en"):
        path = reverse("review:case", args=[case.reference])
    return public_url(path)


@task(priority=100)
def alert_oncall(case_id: int) -> int:
    """E-mail every on-call person about an emergency; returns how many were alerted."""
    from rightsdesk.cases.models import Case

    from .models import EmergencyRecord
    from .oncall import oncall_emails

    case = Case.objects.get(pk=case_id)
    EmergencyRecord.objects.get_or_create(case=case)
    with transaction.atomic():
        # Locked, so two workers running the same alert send it once.
        record = EmergencyRecord.objects.select_for_update().get(case=case)
        if record.alerted_at:
            return 0
        return _send_alert(case, record, oncall_emails(case))


def _send_alert(case, record, recipients: list[str]) -> int:
    from rightsdesk.cases import choices as c

    from .models import EmergencyRecord

    with translation.override("en"):
        kind = str(c.Kind(case.kind).label)
        threat = str(c.ThreatType(case.threat_type).label) if case.threat_type else "not yet recorded"
        lines = ["An emergency case needs attention now.", "", f"Reference: {case.reference}", f"Kind: {kind}",
                 f"Threat type: {threat}"]
        if case.due_at:
            lines.append(f"Acknowledge by: {moment_text(case.due_at)}")
        body = "\n".join(lines) + "\n\n"
        body += f"Open it: {staff_link(case)}\n\nThis e-mail deliberately contains no details of the request."
    if not recipients:
        # Left unalerted so the next step on the case tries again once someone is on call.
        logger.error("emergency %s: nobody is on call (trust and safety group or RIGHTSDESK_ONCALL_EMAILS)",
                     case.reference)
        return 0
    send_mail(f"[EMERGENCY] {case.reference}", body, settings.DEFAULT_FROM_EMAIL, recipients)
    EmergencyRecord.objects.filter(pk=record.pk).update(alerted_at=timezone.now(), alerted_count=len(recipients))
    logger.warning("emergency alert for %s sent to %d on-call staff", case.reference, len(recipients))
    return len(recipients)


@task()
def email_requester(message_id: int) -> bool:
    """Send a staff message to the requester's e-mail, if the case has one."""
    from .models import MessageToRequester

    message = MessageToRequester.objects.select_related("case").get(pk=message_id)
    case = message.case
    requester = case.requester
    if requester is None or not requester.email:
        return False
    # What the platform adds to the staff's words is in the requester's language, in the words of its other messages
    # to people (the notices' templates, whose catalogue every shipped language completes).
    with translation.override(languages.supported(case.language)):
        body = render_to_string("notices/messages/staff_message.txt", {
            "body": message.body, "platform": settings.RIGHTSDESK["PLATFORM_NAME"], "reference": case.reference,
        }).rstrip() + "\n"
    # The Message-ID and the subject carry the reference, so the requester's reply is filed into the case
    # (rightsdesk.mail); a request for information that is answered by e-mail resumes the case like the tracking page.
    EmailMessage(
        subject=mailrefs.subject_with_reference(f"{settings.RIGHTSDESK['PLATFORM_NAME']}: {case.reference}",
                                                case.reference),
        body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[requester.email],
        headers={"Message-ID": mailrefs.message_id_for(case.reference, "message")},
    ).send()
    MessageToRequester.objects.filter(pk=message.pk).update(emailed=True)
    logger.info("message %s on %s e-mailed to the requester", message.pk, case.reference)
    return True
