"""accounts.access: the one permission check that views, services and the workflow share."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from rightsdesk.accounts import access
from rightsdesk.core.errors import NotPermitted

pytestmark = pytest.mark.django_db

REVIEW, APPROVE = "cases.review_case", "cases.approve_decision"


@pytest.fixture
def people(make_staff, django_user_model):
    reviewer = make_staff("reviewer")
    approver = make_staff("legal approver")
    outsider = django_user_model.objects.create_user("not-staff", password="pw-for-tests-only")
    inactive = make_staff("reviewer", username="gone")
    inactive.is_active = False
    inactive.save()
    return {"reviewer": reviewer, "approver": approver, "outsider": outsider, "inactive": inactive}


def test_only_active_signed_in_staff_are_staff_members(people):
    assert access.is_staff_member(people["reviewer"])
    assert not access.is_staff_member(people["outsider"])  # an account, but not a staff account
    assert not access.is_staff_member(people["inactive"])
    assert not access.is_staff_member(AnonymousUser())
    assert not access.is_staff_member(None) and not access.is_staff_member("requester")


def test_any_of_and_all_of(people):
    reviewer = people["reviewer"]
    assert access.has_any(reviewer, (REVIEW, APPROVE)) and not access.has_all(reviewer, (REVIEW, APPROVE))
    assert access.has_all(people["approver"], (APPROVE,)) and not access.has_all(people["inactive"], (REVIEW,))
    assert access.has_any(reviewer, ()), "no permission named: any staff member"
    assert not access.has_any(people["outsider"], ())


def test_require_says_what_is_missing(people):
    access.require(people["reviewer"], REVIEW)
    with pytest.raises(NotPermitted, match="To approve a decision you need the permission cases.approve_decision"):
        access.require(people["reviewer"], APPROVE, doing="approve a decision")
    with pytest.raises(NotPermitted, match="needs one of these permissions"):
        access.require(people["reviewer"], (APPROVE, "transparency.publish_notice"))
    with pytest.raises(NotPermitted, match=APPROVE):
        access.require(people["reviewer"], (REVIEW, APPROVE), any_of=False)
    with pytest.raises(NotPermitted, match="not a staff account"):
        access.require(people["outsider"], ())
    with pytest.raises(NotPermitted, match="Only signed-in staff"):
        access.require(AnonymousUser(), REVIEW)


def _call(view, user):
    request = RequestFactory().get("/en/staff/somewhere/?x=1")
    request.user = user
    return view(request)


def test_the_view_decorator_sends_visitors_to_sign_in_and_refuses_the_others_with_403(people):
    view = access.staff_required(APPROVE)(lambda request: HttpResponse("ok"))
    response = _call(view, AnonymousUser())
    assert response.status_code == 302 and "/staff/somewhere/" in response["Location"]
    with pytest.raises(PermissionDenied):
        _call(view, people["reviewer"])
    with pytest.raises(PermissionDenied):
        _call(view, people["outsider"])
    assert _call(access.staff_required(REVIEW)(lambda request: HttpResponse("ok")), people["reviewer"]).content == b"ok"


def test_the_view_decorator_renders_the_apps_own_page_when_asked(people):
    def denied(request, message):
        return HttpResponse(message, status=403)

    def refusing(request):
        raise NotPermitted("The service said no.")

    view = access.staff_required(REVIEW, denied=denied)(refusing)
    assert _call(view, people["reviewer"]).content == b"The service said no."
    response = _call(access.staff_required(APPROVE, denied=denied)(refusing), people["reviewer"])
    assert response.status_code == 403 and APPROVE.encode() in response.content
