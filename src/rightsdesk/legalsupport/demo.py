"""The legal-support part of the demo: three lawyers on the counsel list and three requests (one just received,
one supported and referred with budget committed, one declined and closed), the same on every machine."""

from __future__ import annotations

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from decimal import Decimal

from rightsdesk.core.digests import link_digest
from rightsdesk.demo import register

from . import workflow
from .models import Counsel, CountryRisk, LegalSupportRequest, Outcome, Source, State, ThreatKind

COUNSEL = [
    ("Maître Claire Dubois (demo)", "FR", "fr en", "cabinet-dubois@demo.invalid · +33 1 00 00 00 00"),
    ("Estudio Jurídico Rivas (demo)", "AR", "es en", "rivas@demo.invalid"),
    ("Al-Huda Legal Aid (demo)", "JO", "ar en", "aid@al-huda.demo.invalid"),
]

REQUESTS = [
    # (reference, days before the anchor, country, threat, state, requester, account, adversary, text)
    ("LS-2026-DEMO01", 3, "TR", ThreatKind.GOVERNMENT, State.RECEIVED, "Demo Contributor A", "EditorA",
     "", "The police called me about my edits to an article on a protest and asked me to come to the station."),
    ("LS-2026-DEMO02", 40, "AR", ThreatKind.LAWSUIT, State.SUPPORTED, "Demo Contributor B", "EditoraB",
     "A businessman named in an article",
     "I received a defamation claim for sourced edits to a biography. The hearing is in six weeks."),
    ("LS-2026-DEMO03", 80, "US", ThreatKind.LEGAL_THREAT, State.CLOSED, "Demo Contributor C", "EditorC",
     "A marketing company", "A company threatened to sue me over edits that removed their promotional text."),
]

#: Fixed, so the data set is the same on every machine (received dates count back from here).
ANCHOR = datetime(2026, 6, 20, 10, 0, tzinfo=dt_timezone.utc)


@register("legalsupport", order=60)
def build(rng, write) -> None:
    counsel = [Counsel.objects.create(name=n, country=c, languages=lang, contact=contact)
               for n, c, lang, contact in COUNSEL]
    for reference, days, country, threat, state, name, account, adversary, text in REQUESTS:
        received = ANCHOR - timedelta(days=days)
        token = f"demo-legal-support-{reference[-2:]}-{rng.getrandbits(64):016x}"
        r = LegalSupportRequest.objects.create(
            reference=reference, tracking_token_digest=link_digest(token), received_at=received, source=Source.WEB,
            language="en", requester_name=name, requester_email=f"{account.lower()}@demo.invalid",
            contributor_account=account, country=country, project="en.wikipedia.org", threat_kind=threat,
            adversary=adversary, description=text)
        workflow.log(r, "requester", "received", to_state=State.RECEIVED)
        if state == State.RECEIVED:
            continue
        r.good_faith, r.threat_related = True, state == State.SUPPORTED
        r.country_risk = CountryRisk.ELEVATED if state == State.SUPPORTED else CountryRisk.LOW
        r.decided_at = received + timedelta(days=5)
        if state == State.SUPPORTED:
            r.state = State.SUPPORTED
            r.decision_reasons = "Sourced, good-faith edits; the claim targets the contributor for them."
            r.counsel, r.counsel_shared = counsel[1], True
            r.budget_committed, r.budget_spent = Decimal("5000.00"), Decimal("1200.00")
            r.message_to_requester = "We will cover your legal fees up to an agreed amount. Your lawyer will call you."
        else:
            r.state = State.CLOSED
            r.decision_reasons = "The edits were promotional-text removals within policy, but the letter is not " \
                                 "a threat we need to fund a defence against: we answered the company ourselves."
            r.outcome, r.closed_at = Outcome.DECLINED, received + timedelta(days=9)
            r.message_to_requester = "We wrote to the company on the platform's behalf; no lawyer is needed now."
        r.save()
        for action, to_state in ([("start", State.ASSESSING), ("support", State.SUPPORTED)]
                                 if state == State.SUPPORTED else
                                 [("start", State.ASSESSING), ("decline", State.DECLINED), ("close", State.CLOSED)]):
            workflow.log(r, "demo", action, to_state=to_state)
    write(f"Legal support: {len(COUNSEL)} counsel, {len(REQUESTS)} requests.")
