"""The mail part of the demo: the inboxes legal, dmca, privacy and emergency, and a few realistic messages filed
through :func:`rightsdesk.mail.services.receive_message`, as a mail server would deliver them.

Built after the demo cases (order 45), so a reply can land in a case that awaits information.
"""

from __future__ import annotations

import random
from datetime import timedelta
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.core import mailrefs
from rightsdesk.demo import register

from . import services
from .models import Inbox

INBOXES = [
    ("legal", "legal@demo.invalid", "", "legal"),
    ("dmca", "dmca@demo.invalid", c.Kind.COPYRIGHT_NOTICE, "copyright"),
    ("privacy", "privacy@demo.invalid", c.Kind.CONTENT_TAKEDOWN, "privacy"),
    ("emergency", "emergency@demo.invalid", c.Kind.EMERGENCY_DISCLOSURE, "emergency"),
]


def _pdf(text: str) -> bytes:
    """A one-page PDF saying ``text`` (a stand-in for a scanned order)."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _message(sender, to, subject, hours_ago, message_id, text, **headers) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(timezone.now() - timedelta(hours=hours_ago))
    message["Message-ID"] = message_id
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(text)
    return message


def demo_messages() -> list[tuple[str, bytes]]:
    """(inbox, raw message) of the demo, in the order they arrive."""
    order = _message('"Clerk of Court, S.D.N.Y." <clerk@nysd.uscourts.example>', "sam.colleague@demo.invalid",
                     "Order to produce records - Case No. 1:26-cv-04417", 30, "<order-4417@nysd.uscourts.example>",
                     "Counsel,\n\nPlease find attached the Court's order directing the production of subscriber "
                     "information for the account User:Example-Account on en.wikipedia.org within 14 days.\n\n"
                     "Clerk of Court\n")
    order.add_attachment(_pdf("ORDER 1:26-cv-04417"), maintype="application", subtype="pdf",
                         filename="Order_1-26-cv-04417.pdf")
    forward = _message("Sam Colleague <sam.colleague@demo.invalid>", "legal@demo.invalid",
                       "Fwd: Order to produce records - Case No. 1:26-cv-04417", 26, "<fwd-4417@demo.invalid>",
                       "This came to my own inbox; forwarding to legal.\n\nSam\n")
    forward.add_attachment(order)

    dmca = _message("Copyright Agent <dmca@photo-agency.example>", "dmca@demo.invalid",
                    "DMCA Takedown Notice - unauthorized use of photograph", 20, "<dmca-harbour@photo-agency.example>",
                    "To the designated agent,\n\nThis is a notice under 17 U.S.C. 512(c)(3).\n"
                    "Copyrighted work: photograph 'Harbour at dawn' (c) Global Photo Agency.\n"
                    "Infringing material: https://commons.wikimedia.org/wiki/File:Harbour_dawn.jpg\n\n"
                    "I have a good faith belief that the use is not authorized by the copyright owner, its agent, or "
                    "the law. Under penalty of perjury, I am authorized to act on behalf of the owner.\n\n"
                    "/s/ Lee Morgan, Global Photo Agency\n")

    erasure = _message("Claire Martin <claire.martin@exemple.example>", "privacy@demo.invalid",
                       "Demande d'effacement - droit à l'oubli", 12, "<effacement-1@exemple.example>",
                       "Bonjour,\n\nJe demande l'effacement de mon adresse personnelle publiée sur "
                       "https://fr.wikipedia.org/wiki/Exemple (article 17 du RGPD).\n\nClaire Martin\n")

    emergency = _message("Sgt. Rosa Diaz <rosa.diaz@police.example.gov>", "emergency@demo.invalid",
                         "EMERGENCY disclosure request - imminent threat to life", 3,
                         "<emergency-1@police.example.gov>",
                         "A user posted a credible threat to harm others on "
                         "https://en.wikipedia.org/wiki/User_talk:Example-Account. We request emergency disclosure of "
                         "the account's IP addresses under 18 U.S.C. 2702(b)(8).\n\nSgt. Rosa Diaz, +1 555 0100\n")

    chinese = _message("海淀区人民法院 <court@bjhdfy.example.cn>", "legal@demo.invalid", "调取证据通知书", 8,
                       "<gb2312-demo@bjhdfy.example.cn>",
                       "您好：\n\n根据法院的调取证据通知书，请提供用户 Example 的注册信息。\n\n北京市海淀区人民法院\n")
    chinese.set_content("您好：\n\n根据法院的调取证据通知书，请提供用户 Example 的注册信息。\n\n北京市海淀区人民法院\n",
                        charset="gb2312", cte="base64")

    out_of_office = _message("Mark Jones <mark.jones@bigcorp.example>", "legal@demo.invalid",
                             "Out of Office: Your request", 2, "<oof-1@bigcorp.example>",
                             "I am out of the office until Monday.\n", Auto_Submitted="auto-replied",
                             X_Auto_Response_Suppress="All")
    return [(inbox, message.as_bytes(policy=policy.SMTP)) for inbox, message in [
        ("legal", forward), ("dmca", dmca), ("privacy", erasure), ("emergency", emergency), ("legal", chinese),
        ("legal", out_of_office)]]


def _reply_to_waiting_case() -> bytes | None:
    """A requester's e-mail answer to a demo case that awaits their information (filed into it), if there is one."""
    for case in Case.objects.filter(state=c.State.AWAITING_INFORMATION).order_by("received_at", "pk")[:20]:
        requester = case.requester
        if requester is not None and requester.email:
            ours = mailrefs.message_id_for(case.reference, "message")
            reply = _message(f"{requester.name} <{requester.email}>" if requester.name else requester.email,
                             "legal@demo.invalid", f"Re: [{case.reference}] your question", 1,
                             f"<reply-{case.reference.lower()}@demo.invalid>",
                             "The page is the second URL of my request; I attach nothing more.\n\n"
                             "On Monday, legal@demo.invalid wrote:\n> Which of the pages do you mean?\n",
                             In_Reply_To=ours, References=ours)
            return reply.as_bytes(policy=policy.SMTP)
    return None


def load_demo_mail(write=print) -> list[services.Received]:
    """Create the demo inboxes and deliver the demo messages (again: the second time they are duplicates)."""
    for name, address, kind, queue in INBOXES:
        Inbox.objects.update_or_create(name=name, defaults={"address": address, "default_kind": kind,
                                                            "default_queue": queue, "active": True})
    deliveries = demo_messages()
    reply = _reply_to_waiting_case()
    if reply is not None:
        deliveries.append(("legal", reply))
    results = [services.receive_message(inbox, raw) for inbox, raw in deliveries]
    for result in results:
        write(f"  mail: {result.line}")
    return results


@register("mail", order=45)
def build_mail(rng: random.Random, write) -> None:
    load_demo_mail(write)
