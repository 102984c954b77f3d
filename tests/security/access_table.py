"""The expected access to every URL pattern and API route, per visitor: the table of docs/security.md.

One row per URL pattern name (or route, for the admin's unnamed redirects),
giving for GET and, where the view changes something, for POST what each
visitor must get. Visitors are anonymous and the six staff roles, each signed
in with two factors. What the cells mean:

- ``200``, ``400`` (refused input), ``403``, ``404``, ``405``, ``410``, ``451``: that status;
- ``login``: a redirect to a sign-in page (staff or admin);
- ``redirect``: a redirect elsewhere (e.g. back to the case page with a message);
- ``ok``: allowed and handled: 200, 400 (refused input), 409 (refused because of the case's state, e.g.
  claimed by someone else: the case page now answers such refusals in place) or a redirect other than to
  sign-in. POSTs carry a plausible body, so "ok" means the permission check was passed, not that the change
  was made.

The table states the policy, read from roles.py and each app's docstrings, not
what the code happens to do: where the code does otherwise, the matrix test fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ANON = "anonymous"
INTAKE, REVIEWER, APPROVER, TNS, ADMIN, AUDITOR = (
    "intake", "reviewer", "legal approver", "trust and safety", "administrator", "auditor")
ROLES = [INTAKE, REVIEWER, APPROVER, TNS, ADMIN, AUDITOR]
VISITORS = [ANON] + ROLES
LOGIN, REDIRECT, OK = "login", "redirect", "ok"

#: Who may do what, by the permissions of roles.py.
WORKERS = {INTAKE, REVIEWER, APPROVER, TNS}  # triage_case / review_case / handle_emergency: claim, message, triage
REVIEWERS = {REVIEWER, APPROVER, TNS}  # review_case / handle_emergency: checklist, decisions, emergencies
PRIVATE = {REVIEWER, APPROVER, TNS}  # cases.access_private_data
NOTICE_EDITORS = {REVIEWER, APPROVER, TNS}  # notices.change_notice, notices.add_legalhold
DILIGENCE_EDITORS = {REVIEWER, APPROVER, ADMIN}  # diligence.add_* / change_*
REGISTRY_EDITORS = {REVIEWER, APPROVER, ADMIN}  # laws.manage_registry: the registry of laws and authorities
REDACTORS = {REVIEWER, APPROVER}  # transparency.change_redactionreview
PUBLISHERS = {APPROVER}  # transparency.publish_notice, notices.release_notice, cases.approve_decision
TOKEN_ADMINS = {ADMIN}  # accounts.add_apitoken
RESEARCHER_TOKEN_ADMINS = {ADMIN}  # opendata.add_researchertoken: the researcher tokens' staff page
ADDERS = {INTAKE, REVIEWER, TNS}  # cases.add_case: the staff "new case" form, opening a case from an e-mail
STAFF = set(ROLES)


def only(roles: set[str], ok=200, denied=403, anon=LOGIN) -> dict:
    return {ANON: anon, **{r: ok if r in roles else denied for r in ROLES}}


def everyone(code) -> dict:
    return {v: code for v in VISITORS}


@dataclass
class Row:
    get: dict | None
    post: dict | None = None
    #: URL keyword arguments from the world fixture.
    kwargs: Callable = lambda w: {}
    #: POST body from the world fixture.
    body: Callable = lambda w: {}
    note: str = ""


ref = lambda w: {"reference": w.open_case.reference}  # noqa: E731


def _message(w):
    """A received e-mail with a kept attachment (made on first use), for the inbox pages."""
    from rightsdesk.mail import services
    from rightsdesk.mail.models import InboundMessage
    from tests.mail.corpus import eml, make_inboxes

    if not hasattr(w, "inbound_message"):
        make_inboxes()
        w.inbound_message = services.receive_message("legal", eml("forwarded_court_order_attached.eml")).message
    return InboundMessage.objects.get(pk=w.inbound_message.pk)


def _message_action(w) -> dict:
    from rightsdesk.mail.views import seen_mark

    return {"seen": seen_mark(_message(w)), "kind": "user_data_request", "requester_type": "court",
            "legal_process": "court_order", "reference": w.open_case.reference, "reason": "A copy."}


def _clock(w) -> dict:
    """A statutory clock on the open case (made on first use), for the clocks panel's forms."""
    from datetime import datetime, timezone

    from rightsdesk.clocks.models import Clock, ClockRule

    rule, _ = ClockRule.objects.get_or_create(key="matrix-rule", defaults=dict(
        name="Matrix rule", jurisdiction="DE", clock_type="hours", duration=24, start_event="received",
        on_expiry="escalate", source="Test law, Art. 1"))
    due = datetime(2026, 12, 1, tzinfo=timezone.utc)
    clock, _ = Clock.objects.get_or_create(case=w.open_case, rule=rule, defaults=dict(
        jurisdiction="DE", started_at=w.open_case.received_at, computed_due_at=due, due_at=due, clock_type="hours",
        duration=24))
    return {"reference": w.open_case.reference, "pk": clock.pk}

def _preservation(w) -> dict:
    """A preservation request with its facts recorded (made on first use), for the Preservation panel's forms."""
    from rightsdesk.cases import choices as c
    from rightsdesk.cases.services import create_case
    from rightsdesk.preservation.models import Preservation

    if not hasattr(w, "preservation_case"):
        w.preservation_case = create_case(fields={
            "kind": c.Kind.PRESERVATION_REQUEST, "subject": "Preservation request", "country": "US",
            "requester_type": c.RequesterType.LAW_ENFORCEMENT, "description": "Keep the records of one account.",
        }, actor="test")
        Preservation.objects.create(case=w.preservation_case, authority_name="FBI", authority_country="US",
                                    legal_basis="18 U.S.C. § 2703(f)", accounts="MatrixAccount", accounts_count=1)
    return {"reference": w.preservation_case.reference}


def _rule(w) -> dict:
    """The statutory clock's rule, for the rule editor's pages."""
    from rightsdesk.clocks.models import Clock

    _clock(w)
    return {"pk": Clock.objects.filter(case=w.open_case).first().rule_id}


def _closure(w) -> dict:
    """An office closure, for the closures page's remove button (made on first use)."""
    from datetime import date

    from rightsdesk.clocks.models import Closure

    closure, _new = Closure.objects.get_or_create(date=date(2026, 12, 24), jurisdiction="", defaults={"reason": "Eve"})
    return {"pk": closure.pk}


def _instrument(w) -> dict:
    from rightsdesk.laws.models import Instrument

    return {"pk": Instrument.objects.order_by("pk").first().pk}


def _authority(w) -> dict:
    from rightsdesk.laws.models import Authority

    return {"pk": Authority.objects.order_by("pk").first().pk}


def _legal_support(w):
    """A legal-support request with its private tracking token (made on first use)."""
    from rightsdesk.legalsupport import services

    if not hasattr(w, "legal_support"):
        w.legal_support, w.legal_support_token = services.submit(
            {"threat_kind": "lawsuit", "description": "Sued over my edits."}, language="en")
    return w.legal_support


#: Legal support (docs/legal-support.md): only the role "legal support" holds a legalsupport permission, so every
#: role of this table gets the same 403 (before any look-up: a 403 tells nothing of whether a request exists).
ls_ref = lambda w: {"reference": _legal_support(w).reference}  # noqa: E731


def _researcher_token(w) -> dict:
    """A researcher token (made on first use), for the researcher tokens' revoke button."""
    from rightsdesk.opendata import tokens

    if not hasattr(w, "researcher_token"):
        w.researcher_token, _raw = tokens.issue(organisation="Matrix Lab", contact="Matrix <matrix@lab.example>",
                                                actor="test")
    return {"pk": w.researcher_token.pk}


def _lumen_removal(w) -> dict:
    """A copy Lumen stored of the published notice, to ask Lumen to remove (made on first use), for the Lumen page's
    forms. Made directly: withdrawing the notice would change the other rows' world."""
    from rightsdesk.opendata.models import LumenRemoval, LumenSubmission

    if not hasattr(w, "lumen_removal"):
        submission = LumenSubmission.objects.create(record=w.published, status=LumenSubmission.Status.SUBMITTED,
                                                    lumen_id="90999")
        w.lumen_removal = LumenRemoval.objects.create(submission=submission, lumen_id="90999",
                                                      withdrawn_at=w.published.published_at)
    return {"pk": w.lumen_removal.pk}


def _account_action(w) -> dict:
    """An account action awaiting its approval chain (made on first use), for the account-action pages."""
    from rightsdesk.accountactions import services

    if not hasattr(w, "account_action"):
        w.account_action = services.propose(w.staff[REVIEWER], action_type="global_ban", ground="harassment",
                                            accounts="Matrix Account", projects="en.wikipedia.org", case=w.open_case)
    return {"reference": w.account_action.reference}


#: Account actions (docs/account-actions.md): every role reads the list and the pages (account names only with
#: private-data access or the sign-off permission); reviewers, approvers and T&S propose; the chains' roles sign
#: (the role "executive" signs too but is not a column here: tests/accountactions covers it); the legal approver
#: publishes the public entry.
AA_PROPOSERS = {REVIEWER, APPROVER, TNS}
AA_SIGNERS = {APPROVER, TNS}


def _crisis(w):
    """A running crisis (made on first use), for the crisis pages (docs/crisis-response.md)."""
    from datetime import date

    from rightsdesk.crisis import services as crisis_services

    if not hasattr(w, "crisis"):
        from django.contrib.auth import get_user_model

        staff = get_user_model().objects.filter(is_staff=True).order_by("id").first()
        w.crisis = crisis_services.Crisis.objects.create(
            title="Election", kind="election", countries=["TR"], starts_on=date.today(), coordinator=staff)
    return w.crisis


#: Crisis response: crisis.view_crisis (every role but intake); declaring, changing and ending: legal approvers and
#: trust and safety; the safety review of a notice: whoever sends notices; the human-rights report's wording: whoever
#: writes it (crisis.change_crisis, diligence.change_assessment) or approves it (crisis.review_public_wording).
CRISIS_VIEWERS = {REVIEWER, APPROVER, TNS, ADMIN, AUDITOR}
CRISIS_DECLARERS = {APPROVER, TNS}
CRISIS_SAFETY = {REVIEWER, APPROVER, TNS}
CRISIS_WORDING = {REVIEWER, APPROVER, TNS, ADMIN}
crisis_pk = lambda w: {"pk": _crisis(w).pk}  # noqa: E731


#: The address a staff form posts to, opened as a page (a refused form's page stands there, the language switcher
#: sends the browser to it, a link can be copied), leads to the page the form is on, whoever asks: signed out through
#: the sign-in page; never a bare 405 (core.form_address). The page itself then checks who may see it.
FORM_ADDRESS = only(STAFF, ok=REDIRECT)
#: A form of the case page (review.views.case_action, and the clocks, preservation and laws panels).
case_action = lambda allowed, body=lambda w: {}, note="": Row(  # noqa: E731
    get=FORM_ADDRESS, post=only(allowed, ok=OK), kwargs=ref, body=body, note=note)
post_only = lambda allowed, kwargs, body=lambda w: {}, note="": Row(  # noqa: E731
    get=FORM_ADDRESS, post=only(allowed, ok=OK), kwargs=kwargs, body=body, note=note)

PATTERNS: dict[str, Row] = {
    # --- public pages ---------------------------------------------------------------------------------------
    "healthz": Row(everyone(200)),
    "favicon": Row(everyone(REDIRECT), note="/favicon.ico points to the SVG icon"),
    "set_language": Row(everyone(REDIRECT), note="GET redirects back; only POST sets the language"),
    "core:home": Row(everyone(200)),
    "core:transparency": Row(everyone(REDIRECT)),
    "core:staff": Row(everyone(REDIRECT)),
    "intake:request": Row(everyone(200), everyone(OK), kwargs=lambda w: {"slug": "copyright"},
                          note="POST without the essentials re-renders the form with errors"),
    "intake:receipt": Row(everyone(404), kwargs=lambda w: {"slug": "copyright"},
                          note="a receipt is shown once, to the browser session that sent the form; anyone else 404"),
    "intake:track": Row(everyone(200), everyone(OK), kwargs=lambda w: {"token": w.tracking_token},
                        note="POST: its language switcher carrying both forms; the page again, nothing sent"),
    "intake:track_add": Row(everyone(REDIRECT), everyone(OK), kwargs=lambda w: {"token": w.tracking_token},
                            body=lambda w: {"text": "More details."},
                            note="GET: the tracking page, in words (core.form_address); never a bare 405"),
    "intake:track_withdraw": Row(everyone(REDIRECT), everyone(OK), kwargs=lambda w: {"token": w.tracking_token},
                                 note="GET: the tracking page, in words (core.form_address); never a bare 405"),
    "intake:track_lost": Row(everyone(200), everyone(OK), body=lambda w: {"email": "someone@example.org"},
                             note="the same answer whatever the address: it never tells whom we hold requests from"),
    "intake:track_lost_sent": Row(everyone(200), everyone(405)),
    "intake:track_recover": Row(everyone(404), everyone(404), kwargs=lambda w: {"code": "not-a-signed-code"},
                                note="only the signed code e-mailed to the requests' address opens it"),
    "appeals:appeal": Row(everyone(200), everyone(OK), kwargs=lambda w: {"token": w.appeal_token}),
    "notices:placeholder": Row(everyone(451), kwargs=lambda w: {"public_id": w.placeholder.public_id}),
    "reports:index": Row(everyone(200)),
    "reports:report": Row(everyone(200), kwargs=lambda w: {"period": w.period}),
    "reports:report_csv": Row(everyone(200), kwargs=lambda w: {"period": w.period}),
    "reports:report_json": Row(everyone(200), kwargs=lambda w: {"period": w.period}),
    "reports:report_dsa_template": Row(everyone(200), kwargs=lambda w: {"period": w.period}),
    "reports:report_eu_xlsx": Row(everyone(200), kwargs=lambda w: {"period": w.period},
                                  note="the EU harmonised templates: exact figures, public for half-years and years"),
    "reports:report_eu_csv": Row(everyone(200), kwargs=lambda w: {"period": w.period}),
    # The EU templates' staff-entered figures (parts 9, 10, qualitative): legal approvers (reports.change_periodfigures).
    "reports:eu_figures_index": Row(only({APPROVER}, ok=REDIRECT)),
    "reports:eu_figures": Row(only({APPROVER}), only({APPROVER}, ok=OK), kwargs=lambda w: {"period": w.period}),
    "transparency:log-list": Row(everyone(200)),
    "transparency:notice-detail": Row(everyone(200), kwargs=lambda w: {"public_id": w.published.public_id}),
    # --- signing in -----------------------------------------------------------------------------------------
    "accounts:login": Row({ANON: 200, **{r: REDIRECT for r in ROLES}}, note="signed-in staff go to the workspace"),
    "accounts:logout": Row(FORM_ADDRESS, everyone(LOGIN),
                            note="sign-out is a POST (it ends on the sign-in page); opened as a page, the workspace"),
    "accounts:2fa-setup": Row(only(STAFF)),
    "accounts:2fa-verify": Row(only(STAFF)),
    "accounts:form-not-sent": Row(only(STAFF, ok=REDIRECT),
                                  note="a form sent after the idle expiry, given back to its author; else the queues"),
    # --- API tokens -----------------------------------------------------------------------------------------
    "intake:staff_tokens": Row(only(TOKEN_ADMINS), only(TOKEN_ADMINS, ok=OK),
                               note="the form is answered with a redirect; the new token is shown once, on the page after it"),
    "intake:staff_token_revoke": Row(only(TOKEN_ADMINS, ok=REDIRECT), only(TOKEN_ADMINS, ok=OK),
                                     kwargs=lambda w: {"pk": w.api_token_obj.pk}),
    # --- requests entered by staff (letters, faxes, phone calls) ----------------------------------------------
    "intake:staff_new_case": Row(only(ADDERS), only(ADDERS, ok=OK), body=lambda w: {
        "kind": "grievance", "channel": "post", "received_on": "2026-11-30", "language": "en",
        "description": "A letter about our handling of a request."}, note="cases.add_case; GET shows the kinds"),
    # --- the inbox of received e-mail ---------------------------------------------------------------------------
    "mail:inbox": Row(only(WORKERS), note="sender and subject masked without cases.access_private_data"),
    "mail:message": Row(only(WORKERS), kwargs=lambda w: {"pk": _message(w).pk},
                        note="sender, text and files masked without cases.access_private_data"),
    "mail:original": Row(only(PRIVATE), kwargs=lambda w: {"pk": _message(w).pk}, note="the whole .eml"),
    "mail:attachment": Row(only(PRIVATE), kwargs=lambda w: {
        "pk": _message(w).pk, "attachment_id": _message(w).attachments.filter(refused_reason="").first().pk}),
    "mail:open_quick": post_only(ADDERS, lambda w: {"pk": _message(w).pk}, body=_message_action,
                                 note="'Open as <kind>': cases.add_case"),
    "mail:open": Row(only(ADDERS & PRIVATE), only(ADDERS & PRIVATE, ok=OK), kwargs=lambda w: {"pk": _message(w).pk},
                     body=_message_action, note="the prefilled form shows the private sender and text"),
    "mail:file": post_only(WORKERS, lambda w: {"pk": _message(w).pk}, body=_message_action),
    "mail:ignore": post_only(WORKERS, lambda w: {"pk": _message(w).pk}, body=_message_action),
    # --- the review workspace -------------------------------------------------------------------------------
    "review:home": Row(only(STAFF)),
    "review:mine": Row(only(STAFF, ok=REDIRECT)),
    "review:case": Row(only(STAFF), kwargs=ref, note="private fields only for cases.access_private_data"),
    "review:attachment": Row(only(PRIVATE), kwargs=lambda w: {"reference": w.open_case.reference,
                                                             "attachment_id": w.attachment.pk}),
    "review:claim": case_action(WORKERS),
    "review:add_party": case_action(WORKERS & PRIVATE, body=lambda w: {"account_name": "Uploader2"},
                                    note="adding a person is entering private data"),
    "review:release": case_action(WORKERS),
    "review:reassign": case_action(WORKERS, body=lambda w: {"assignee": "", "reason": "Holiday."}),
    "review:transition": case_action(WORKERS, body=lambda w: {"transition": "triage", "reason": "Sorted."}),
    "review:checklist": case_action(REVIEWERS),
    "review:decide_item": case_action(REVIEWERS, body=lambda w: {
        "item": w.open_case.items.first().pk, "action": "no_action", "ground": "No valid legal process",
        "reason": "Lawful content."}),
    "review:refuse_all": case_action(REVIEWERS, body=lambda w: {"ground": "No valid legal process",
                                                                "reason": "Lawful content."}),
    "review:conclude": case_action(REVIEWERS, body=lambda w: {"summary": "Refused.", "outcome": "rejected"}),
    "review:approve": case_action(PUBLISHERS, body=lambda w: {"note": "Agreed."}),
    "review:return": case_action(PUBLISHERS, body=lambda w: {"note": "Please add the ground."}),
    "review:note": case_action(WORKERS, body=lambda w: {"body": "Called the requester."},
                               note="review.add_note (intake) or any worker"),
    "review:message": case_action(WORKERS, body=lambda w: {"purpose": "request_information",
                                                           "body": "Which paragraph?"}),
    "review:emergency": case_action(REVIEWERS, body=lambda w: {"threat_type": "other", "origin": "other",
                                                               "note": "Test."}),
    "review:bulk": Row(get=FORM_ADDRESS, post=only(STAFF, ok=OK),
                       body=lambda w: {"action": "claim", "cases": [w.open_case.reference]},
                       note="each case then needs the action's own permission (refused case by case)"),
    "review:save_filter": Row(get=FORM_ADDRESS, post=only(STAFF, ok=OK), body=lambda w: {"name": "Mine", "back": "view=mine"},
                              note="a filter of one's own"),
    "review:delete_filter": post_only(STAFF, lambda w: {"filter_id": 999999}, note="only one's own filters"),
    # --- statutory clocks (the case page's clocks panel) -----------------------------------------------------
    "clocks:start": case_action(WORKERS, note="starts the rules that apply (none on this case)"),
    "clocks:extend": post_only(PUBLISHERS, lambda w: _clock(w), body=lambda w: {"reason": "Ten years of archives."},
                               note="legal approvers (cases.approve_decision); the rule may allow no extension"),
    "clocks:override": post_only(PUBLISHERS, lambda w: _clock(w),
                                 body=lambda w: {"due": "2026-12-31", "reason": "The court's return date."}),
    "clocks:complete": post_only(PUBLISHERS, lambda w: _clock(w), body=lambda w: {"reason": "Items restored."}),
    # --- preservation requests (the case page's Preservation panel): recording the accounts needs personal data --
    "preservation:request": case_action(WORKERS & PRIVATE, note="refused in place: the case is not a preservation request"),
    "preservation:preserved": post_only(WORKERS, _preservation, body=lambda w: {
        "systems_reference": "Legal-hold store", "preserved_description": "Sign-in logs of the account."}),
    "preservation:renew": post_only(PUBLISHERS, _preservation, body=lambda w: {"reason": "Renewed request."}),
    "preservation:release": post_only(WORKERS, _preservation, body=lambda w: {"release_note": "Snapshot deleted."}),
    "preservation:refuse": post_only(WORKERS, _preservation, body=lambda w: {"refusal_reason": "No such account."}),
    # --- the deadline rule editor (clocks.*: the administrator role) -------------------------------------------
    "clocks:rules": Row(only({ADMIN})),
    "clocks:rule_create": Row(only({ADMIN}), only({ADMIN}, ok=OK), note="POST without a reason is refused (400)"),
    "clocks:rule_edit": Row(only({ADMIN}), only({ADMIN}, ok=OK), kwargs=lambda w: _rule(w)),
    "clocks:rule_retire": post_only({ADMIN}, lambda w: _rule(w), note="retire or put back, with a reason"),
    "clocks:closures": Row(only({ADMIN}), only({ADMIN}, ok=400), note="an empty POST is sent back with what to fix (400)"),
    "clocks:closure_delete": post_only({ADMIN}, _closure, note="removes one closure; deadlines already set keep their dates"),
    # --- laws and authorities (issue #19) ------------------------------------------------------------------
    "laws:public": Row(everyone(200), note="public analytics from the public record"),
    "laws:public_csv": Row(everyone(200)),
    "laws:public_json": Row(everyone(200)),
    "opendata:data": Row(everyone(200), note="the open data files as listed by their datapackage.json"),
    "opendata:staff_researcher_tokens": Row(only(RESEARCHER_TOKEN_ADMINS), only(RESEARCHER_TOKEN_ADMINS, ok=OK),
                                            body=lambda w: {"organisation": "Matrix Lab", "contact": "Pat",
                                                            "days": "30", "per_minute": "100"},
                                            note="the form is answered with a redirect; the new token is shown once, on the page after it"),
    "opendata:staff_researcher_token_revoke": Row(only(RESEARCHER_TOKEN_ADMINS, ok=REDIRECT),
                                                  only(RESEARCHER_TOKEN_ADMINS, ok=OK), kwargs=_researcher_token),
    "opendata:staff_lumen": Row(only(PUBLISHERS),
                                note="the copies Lumen stored of withdrawn notices, to ask Lumen to remove"),
    "opendata:staff_lumen_asked": Row(only(PUBLISHERS, ok=REDIRECT), only(PUBLISHERS, ok=OK), kwargs=_lumen_removal,
                                      body=lambda w: {"when": "2026-12-01", "note": "Lumen's web form"}),
    "opendata:staff_lumen_removed": Row(only(PUBLISHERS, ok=REDIRECT), only(PUBLISHERS, ok=OK), kwargs=_lumen_removal,
                                        body=lambda w: {"when": "2026-12-01"}),
    "opendata:staff_lumen_not_needed": Row(only(PUBLISHERS, ok=REDIRECT), only(PUBLISHERS, ok=OK), kwargs=_lumen_removal,
                                           body=lambda w: {"note": "Only the decision's date was corrected."}),
    "opendata:download": Row(everyone(404), kwargs=lambda w: {"release": "latest", "name": "secret_key"},
                             note="only files a release's datapackage.json lists (200 for everyone); anything "
                                  "else in the data directory or beside it: 404"),
    "laws:registry": Row(only(STAFF)),
    "laws:analytics": Row(only(STAFF)),
    "laws:analytics_csv": Row(only(STAFF)),
    "laws:analytics_json": Row(only(STAFF)),
    "laws:instrument_add": Row(only(REGISTRY_EDITORS), only(REGISTRY_EDITORS, ok=OK)),
    "laws:instrument_edit": Row(only(REGISTRY_EDITORS), only(REGISTRY_EDITORS, ok=OK), kwargs=lambda w: _instrument(w)),
    "laws:authority_add": Row(only(REGISTRY_EDITORS), only(REGISTRY_EDITORS, ok=OK)),
    "laws:authority_edit": Row(only(REGISTRY_EDITORS), only(REGISTRY_EDITORS, ok=OK), kwargs=lambda w: _authority(w)),
    "laws:bulk_map": Row(only(REGISTRY_EDITORS), only(REGISTRY_EDITORS, ok=OK), note="POST without a text is refused (400)"),
    "laws:confirm": case_action(WORKERS, note="confirms the laws and authority on the case page"),
    # --- legal support for contributors (issue #17): confidential, none of these roles may see it ------------
    "legalsupport:request": Row(everyone(200), everyone(200), note="the public form; an empty POST is sent back"),
    "legalsupport:receipt": Row(everyone(404), note="no receipt in this session"),
    "legalsupport:track": Row(everyone(200), kwargs=lambda w: (_legal_support(w), {"token": w.legal_support_token})[1],
                              note="shows the state and staff's message only"),
    "legalsupport:staff_list": Row(only(set())),
    "legalsupport:counsel": Row(only(set()), only(set())),
    "legalsupport:counsel_edit": Row(only(set()), only(set()), kwargs=lambda w: {"pk": 1}),
    "legalsupport:staff_detail": Row(only(set()), kwargs=ls_ref),
    "legalsupport:attachment": Row(only(set()), kwargs=lambda w: {**ls_ref(w), "pk": 1}),
    "legalsupport:from_mail": post_only(set(), lambda w: {"pk": _message(w).pk}),
    **{f"legalsupport:{name}": post_only(set(), ls_ref)
       for name in ("start", "eligibility", "decide", "refer", "budget", "message", "close")},
    # --- account actions and the public office-actions log (issue #17) -------------------------------------
    "accountactions:public-log": Row(everyone(200)),
    "accountactions:public-log-json": Row(everyone(200)),
    "accountactions:list": Row(only(STAFF)),
    "accountactions:propose": Row(only(AA_PROPOSERS), only(AA_PROPOSERS, ok=OK),
                                  note="an empty POST is sent back with what to fix (400)"),
    "accountactions:detail": Row(only(STAFF), kwargs=_account_action),
    "accountactions:sign": Row(FORM_ADDRESS, only(AA_SIGNERS, ok=OK), kwargs=_account_action,
                               body=lambda w: {"role": "legal approver", "decision": ""},
                               note="without a decision the sign-off is refused (400)"),
    "accountactions:draft-entry": Row(FORM_ADDRESS, only(PUBLISHERS, ok=OK), kwargs=_account_action,
                                      note="a pending action's entry is refused (409)"),
    "accountactions:publish": Row(FORM_ADDRESS, only(PUBLISHERS, ok=OK), kwargs=_account_action,
                                  note="a pending action is refused (409)"),
    "accountactions:withdraw-entry": Row(FORM_ADDRESS, only(PUBLISHERS, ok=OK), kwargs=_account_action,
                                         note="an action without a public entry is refused (409)"),
    # --- due diligence --------------------------------------------------------------------------------------
    "diligence:list": Row(only(STAFF)),
    "diligence:export": Row(only(STAFF)),
    "diligence:create": Row(only(DILIGENCE_EDITORS), only(DILIGENCE_EDITORS, ok=OK)),
    "diligence:detail": Row(only(STAFF), kwargs=lambda w: {"pk": w.assessment.pk}),
    "diligence:update": post_only(DILIGENCE_EDITORS, lambda w: {"pk": w.assessment.pk}),
    "diligence:add_risk": post_only(DILIGENCE_EDITORS, lambda w: {"pk": w.assessment.pk}),
    "diligence:add_mitigation": post_only(DILIGENCE_EDITORS, lambda w: {"pk": w.assessment.pk,
                                                                        "risk_id": w.risk.pk}),
    "diligence:mitigation_status": post_only(DILIGENCE_EDITORS, lambda w: {"pk": w.assessment.pk,
                                                                           "mitigation_id": w.mitigation.pk},
                                             body=lambda w: {"status": "in_progress"}),
    # --- crisis response and the human-rights report ----------------------------------------------------------
    "crisis:list": Row(only(CRISIS_VIEWERS)),
    "crisis:declare": Row(only(CRISIS_DECLARERS), only(CRISIS_DECLARERS, ok=OK),
                          note="POST without the essentials re-renders the form with errors"),
    "crisis:detail": Row(only(CRISIS_VIEWERS), kwargs=crisis_pk),
    "crisis:edit": Row(only(CRISIS_DECLARERS), only(CRISIS_DECLARERS, ok=OK), kwargs=crisis_pk),
    "crisis:end": post_only(CRISIS_DECLARERS, crisis_pk),
    "crisis:safety_review": post_only(CRISIS_SAFETY, lambda w: {"notice_pk": w.notice.pk},
                                      note="refused with a message when the notice needs no review"),
    "crisis:wording": Row(only(CRISIS_VIEWERS), kwargs=lambda w: {"year": 2026}),
    "crisis:wording_save": post_only(CRISIS_WORDING, lambda w: {"item": "crisis", "pk": _crisis(w).pk},
                                     body=lambda w: {"action": "draft", "draft": "Public wording."}),
    "crisis:hr_latest": Row(everyone(REDIRECT)),
    "crisis:hr_report": Row(everyone(200), kwargs=lambda w: {"year": 2026}),
    "crisis:hr_report_json": Row(everyone(200), kwargs=lambda w: {"year": 2026}),
    # --- notices --------------------------------------------------------------------------------------------
    "notices:outbox": Row(only(STAFF)),
    "notices:notice": Row(only(STAFF), kwargs=lambda w: {"pk": w.notice.pk},
                          note="recipient and body only for cases.access_private_data"),
    "notices:edit": post_only(NOTICE_EDITORS, lambda w: {"pk": w.notice.pk},
                              body=lambda w: {"subject": "Decision", "body": "Text"}),
    "notices:language": post_only(NOTICE_EDITORS, lambda w: {"pk": w.notice.pk}, body=lambda w: {"language": "fr"}),
    "notices:send": post_only(NOTICE_EDITORS, lambda w: {"pk": w.notice.pk}),
    "notices:retry": post_only(NOTICE_EDITORS, lambda w: {"pk": w.notice.pk}),
    "notices:cancel": post_only(NOTICE_EDITORS, lambda w: {"pk": w.notice.pk}, body=lambda w: {"reason": "Unreachable."}),
    "notices:send_all": post_only(NOTICE_EDITORS, lambda w: {"pk": w.decided.pk}),
    "notices:hold_new": Row(only(NOTICE_EDITORS), only(NOTICE_EDITORS, ok=OK), kwargs=lambda w: {"case_pk": w.decided.pk}),
    "notices:holds": Row(only(STAFF)),
    "notices:hold_lift": post_only(PUBLISHERS, lambda w: {"pk": w.hold.pk}, body=lambda w: {"reason": "Order ended."}),
    "appeals:decide": Row(only(REVIEWERS), only(REVIEWERS, ok=OK), kwargs=lambda w: {"pk": w.appeal.pk},
                          note="the original decision's reviewer is refused by the service (400)"),
    "notices:placeholders_export": Row(only(STAFF)),
    # --- transparency (staff) -------------------------------------------------------------------------------
    "transparency:redaction-queue": Row(only(REDACTORS)),
    "transparency:redaction-edit": Row(only(REDACTORS & PRIVATE, ok=OK), only(REDACTORS & PRIVATE, ok=OK),
                                       kwargs=lambda w: {"reference": w.decided.reference},
                                       body=lambda w: {"action": "save"}),
    "transparency:redaction-publish": Row(FORM_ADDRESS, only(PUBLISHERS, ok=OK),
                                          kwargs=lambda w: {"reference": w.decided.reference}),
    "transparency:notice-unpublish": Row(FORM_ADDRESS, only(PUBLISHERS, ok=OK),
                                         kwargs=lambda w: {"public_id": w.published.public_id},
                                         body=lambda w: {"reason": "Court order."}),
    # --- the API's own pages (its routes are in API_ROUTES below) ---------------------------------------------
    "api:openapi-json": Row(everyone(200)),
    "api:openapi-view": Row(everyone(200)),
    "api:api-root": Row(everyone(404)),
    # --- the admin (site-wide views; per-model views are in ADMIN_MODELS) ------------------------------------
    "admin:index": Row(only(STAFF)),
    "admin:login": Row({ANON: 200, **{r: REDIRECT for r in ROLES}}),
    "admin:logout": Row(everyone(REDIRECT), note="sign-out is a POST; opened as a page, the admin's index"),
    "admin:password_change": Row(only(STAFF)),
    "admin:password_change_done": Row(only(STAFF)),
    "admin:jsi18n": Row(only(STAFF)),
    "admin:autocomplete": Row(only(STAFF, ok=403), note="refused without a model and field"),
    "admin:app_list": Row(only({ADMIN, AUDITOR}, denied=404), kwargs=lambda w: {"app_label": "auth"}),
    "admin:view_on_site": Row(only(STAFF, ok=404), kwargs=lambda w: {"content_type_id": w.case_type_id,
                                                                      "object_id": w.decided.pk}),
    "admin/(?P<url>.*)$": Row(only(STAFF, ok=404), kwargs=lambda w: {"url": "no/such/page/"}),
    "admin:otp_totp_totpdevice_config": Row(only(set(), denied=403), kwargs=lambda w: {"pk": w.device_pk}),
    "admin:otp_totp_totpdevice_qrcode": Row(only(set(), denied=403), kwargs=lambda w: {"pk": w.device_pk}),
    "admin:auth_user_password_change": Row(only({ADMIN}), kwargs=lambda w: {"id": w.staff[INTAKE].pk}),
}


@dataclass
class AdminModel:
    """Who may use the admin's pages of one model: view (list, change form, history), add, delete."""

    view: set[str] = field(default_factory=set)
    add: set[str] = field(default_factory=set)
    delete: set[str] = field(default_factory=set)
    #: The world's object behind <object_id>, or None (a missing id: allowed users are redirected).
    obj: Callable = lambda w: None


#: The admin is a read-only window (cases/admin.py): writes to cases go through the services, which validate
#: and record the history; personal data is shown only to cases.access_private_data and audited.
ADMIN_MODELS: dict[str, AdminModel] = {
    # Staff accounts: the administrator manages them, the auditor reads them (auth.* / auth.view_*).
    "auth.user": AdminModel(view={ADMIN, AUDITOR}, add={ADMIN}, delete={ADMIN}, obj=lambda w: w.staff[INTAKE].pk),
    "auth.group": AdminModel(view={ADMIN, AUDITOR}, add={ADMIN}, delete={ADMIN}, obj=lambda w: w.group),
    # Second-factor secrets, sign-in logs with addresses, the task queue: no role, only a superuser.
    "otp_totp.totpdevice": AdminModel(obj=lambda w: w.device_pk),
    "axes.accessattempt": AdminModel(obj=lambda w: w.admin_objects["axes.accessattempt"]),
    "axes.accessfailurelog": AdminModel(obj=lambda w: w.admin_objects["axes.accessfailurelog"]),
    "axes.accesslog": AdminModel(obj=lambda w: w.admin_objects["axes.accesslog"]),
    "django_tasks_database.dbtaskresult": AdminModel(obj=lambda w: w.admin_objects["django_tasks_database.dbtaskresult"]),
    # Cases: the list (no personal data) for all staff; a case's page (with its parties) only with
    # cases.access_private_data; no writes (they bypass cases.services and the history).
    # The legal inboxes are the administrator's configuration; what arrived is read-only bookkeeping there (the
    # staff inbox shows the messages themselves, to the roles that sort cases).
    "mail.inbox": AdminModel(view={ADMIN}, add={ADMIN}, delete={ADMIN}, obj=lambda w: w.admin_objects["mail.inbox"]),
    "mail.imapcursor": AdminModel(view={ADMIN}, obj=lambda w: w.admin_objects["mail.imapcursor"]),
    "mail.inboundmessage": AdminModel(view={ADMIN}, obj=lambda w: w.admin_objects["mail.inboundmessage"]),
    "cases.case": AdminModel(view=STAFF, obj=lambda w: w.decided.pk),
    "cases.casehistory": AdminModel(view=STAFF, obj=lambda w: w.decided.history.first().pk),
    # The review's records are read-only windows; deadline rules are configuration (review.add_*).
    "review.assignment": AdminModel(view=STAFF, obj=lambda w: w.admin_objects["review.assignment"]),
    "review.checklistanswer": AdminModel(view=STAFF, obj=lambda w: w.admin_objects["review.checklistanswer"]),
    "review.deadlinerule": AdminModel(view=STAFF, add=REVIEWERS, obj=lambda w: w.admin_objects["review.deadlinerule"]),
    "review.decisionproposal": AdminModel(view=STAFF, obj=lambda w: w.admin_objects["review.decisionproposal"]),
    "review.emergencyrecord": AdminModel(view=STAFF, obj=lambda w: w.admin_objects["review.emergencyrecord"]),
    # Canned replies and reason templates are managed by the people who write to requesters (review.add_*).
    "review.replytemplate": AdminModel(view=STAFF, add=REVIEWERS, obj=lambda w: w.admin_objects["review.replytemplate"]),
    # Statutory deadline rules and office closures are configuration of the administrator role (clocks.*); the
    # rules are read-only here: they change in the workspace's rule editor, which keeps their history.
    # The account actions' approval chains are the administrator's configuration (accountactions.*_approvalstep);
    # every role reads them (accountactions.view_*).
    "accountactions.approvalstep": AdminModel(view=STAFF, add={ADMIN}, delete={ADMIN},
                                              obj=lambda w: _approval_step(w)),
    # The EU template's part 7 records (out-of-court disputes, Art. 23 suspensions): legal approvers enter them.
    "appeals.outofcourtdispute": AdminModel(view={APPROVER}, add={APPROVER}, obj=lambda w: _eu_record(w, "dispute")),
    "appeals.processingsuspension": AdminModel(view={APPROVER}, add={APPROVER},
                                               obj=lambda w: _eu_record(w, "suspension")),
    # The EU templates' staff-entered figures: changed by legal approvers, on the staff page or here; no adding here.
    "reports.periodfigures": AdminModel(view={APPROVER}, obj=lambda w: _eu_record(w, "figures")),
    "clocks.clockrule": AdminModel(view={ADMIN}, obj=lambda w: _clock(w) and w.open_case.clocks.first().rule_id),
    "clocks.closure": AdminModel(view={ADMIN}, add={ADMIN}, delete={ADMIN}, obj=lambda w: _closure(w)),
}


def _eu_record(w, which: str) -> int:
    """An out-of-court dispute, an Art. 23 suspension or a period's staff-entered figures (made on first use)."""
    from datetime import date

    from rightsdesk.appeals.models import OutOfCourtDispute, ProcessingSuspension
    from rightsdesk.reports.models import PeriodFigures

    if which == "dispute":
        return OutOfCourtDispute.objects.get_or_create(case=w.decided, body="User Rights ODS",
                                                       defaults={"received_on": date(2026, 5, 4)})[0].pk
    if which == "suspension":
        return ProcessingSuspension.objects.get_or_create(
            case=w.decided, reason=ProcessingSuspension.Reason.values[0],
            defaults={"warned_on": date(2026, 5, 1), "starts_on": date(2026, 5, 8), "ends_on": date(2026, 6, 8)})[0].pk
    return PeriodFigures.objects.get_or_create(period=w.period)[0].pk


def _approval_step(w) -> int:
    from rightsdesk.accountactions.models import ApprovalStep

    return ApprovalStep.objects.order_by("pk").first().pk


def _closure(w) -> int:
    from datetime import date

    from rightsdesk.clocks.models import Closure

    return Closure.objects.get_or_create(date=date(2026, 12, 24), jurisdiction="", reason="Office closed")[0].pk
#: Per-model cells that differ from the model's general rule.
ADMIN_EXCEPTIONS: dict[tuple[str, str], dict] = {
    # The change form shows the parties' names and contact details (PartyInline).
    ("cases.case", "change"): only(PRIVATE),
}
ADMIN_ACTIONS = ("changelist", "add", "change", "delete", "history")


def admin_expectation(model: AdminModel, action: str, label: str = "") -> dict:
    if (label, action) in ADMIN_EXCEPTIONS:
        return ADMIN_EXCEPTIONS[(label, action)]
    allowed = {"add": model.add, "delete": model.delete}.get(action, model.view)
    return only(allowed)


# --- the API ---------------------------------------------------------------------------------------------------

TOKEN, FORGED = "organisation token", "forged token"
API_VISITORS = [ANON, FORGED, TOKEN] + ROLES


@dataclass
class ApiRow:
    expected: dict
    params: dict = field(default_factory=dict)
    body: Callable = lambda w: {}


def api_public(code=200) -> dict:
    return {v: code for v in API_VISITORS}


def api_token_only(ok=201) -> dict:
    return {v: ok if v == TOKEN else 401 for v in API_VISITORS}


def _submission(w) -> dict:
    return {"kind": "copyright_notice", "client_key": "matrix-1", "description": "Our photograph, used without licence.",
            "urls": ["https://commons.wikimedia.org/wiki/File:X.jpg"], "name": "Pat Agent", "email": "pat@acme.example"}


API_ROUTES: dict[tuple[str, str], ApiRow] = {
    ("POST", "/api/v1/cases"): ApiRow(api_token_only(201), body=_submission),
    ("POST", "/api/v1/cases/batch"): ApiRow(api_token_only(200), body=lambda w: {"items": [_submission(w)]}),
    ("GET", "/api/v1/notices"): ApiRow(api_public()),
    ("GET", "/api/v1/notices/{public_id}"): ApiRow(api_public(), params={"public_id": lambda w: w.published.public_id}),
    ("GET", "/api/v1/placeholders"): ApiRow(api_public()),
    ("GET", "/api/v1/placeholders/{public_id}"): ApiRow(api_public(),
                                                       params={"public_id": lambda w: w.placeholder.public_id}),
}

#: URL pattern names of the API routes, which test_api_routes_give_each_visitor_what_the_table_says checks.
API_PATTERN_NAMES = {"api:cases_create", "api:cases_batch", "api:list_notices", "api:get_notice",
                     "api:list_placeholders", "api:get_placeholder"}


# --- rendering for docs/security.md -----------------------------------------------------------------------------

DOCS = Path(__file__).resolve().parents[2] / "docs" / "security.md"
BEGIN, END = "<!-- access-table:begin -->", "<!-- access-table:end -->"
SHORT = {ANON: "anon", INTAKE: "intake", REVIEWER: "reviewer", APPROVER: "approver", TNS: "T&S", ADMIN: "admin",
         AUDITOR: "auditor", TOKEN: "org token", FORGED: "forged token"}


def _cells(expected: dict | None, visitors) -> list[str]:
    return ["" if expected is None else str(expected[v]) for v in visitors]


def render_markdown() -> str:
    lines = [BEGIN, "", "| pattern | method | " + " | ".join(SHORT[v] for v in VISITORS) + " | note |",
             "|---|---|" + "---|" * len(VISITORS) + "---|"]
    for key, row in PATTERNS.items():
        for method, expected in (("GET", row.get), ("POST", row.post)):
            if expected is not None:
                lines.append(f"| `{key}` | {method} | " + " | ".join(_cells(expected, VISITORS)) + f" | {row.note} |")
    lines += ["", "Admin pages per model (list, change form, history / add / delete), GET:", "",
              "| model | action | " + " | ".join(SHORT[v] for v in VISITORS) + " |",
              "|---|---|" + "---|" * len(VISITORS)]
    for label, model in ADMIN_MODELS.items():
        for action in ADMIN_ACTIONS:
            lines.append(f"| `{label}` | {action} | " + " | ".join(_cells(admin_expectation(model, action, label),
                                                                          VISITORS)) + " |")
    lines += ["", "API routes (`/api/v1/`):", "",
              "| route | " + " | ".join(SHORT[v] for v in API_VISITORS) + " |",
              "|---|" + "---|" * len(API_VISITORS)]
    for (method, path), row in API_ROUTES.items():
        lines.append(f"| `{method} {path}` | " + " | ".join(str(row.expected[v]) for v in API_VISITORS) + " |")
    lines += ["", END]
    return "\n".join(lines)


def update_docs() -> None:
    text = DOCS.read_text()
    start, end = text.index(BEGIN), text.index(END) + len(END)
    DOCS.write_text(text[:start] + render_markdown() + text[end:])


if __name__ == "__main__":
    update_docs()
    print(f"updated {DOCS}")
