"""The rule editor in the staff workspace: list, create, change, retire and put back statutory deadline rules.

Thin: the form reads what was typed (forms.RuleForm, validated by ClockRule.clean), the service stores it with
its history (rules.save_rule, rules.set_active). A refused form is shown again with what was typed and a message
on each field to fix; nothing is stored.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightsdesk.accounts import access
from rightsdesk.core import form_once
from rightsdesk.core.errors import DomainError
from rightsdesk.core.versions import ChangedSince

from . import rules
from .forms import RetireForm, RuleForm
from .models import Clock, ClockRule


def _denied(request, message: str):
    return render(request, "rightsdesk/staff_forbidden.html", {"message": message}, status=403)


@access.staff_required(rules.VIEW, denied=_denied)
def rule_list(request):
    live = Q(clocks__status__in=[Clock.Status.RUNNING, Clock.Status.PAUSED])
    listed = ClockRule.objects.annotate(live_clocks=Count("clocks", filter=live)).order_by("-active", "jurisdiction",
                                                                                             "key")
    return render(request, "clocks/rule_list.html", {
        "rules": listed, "may_add": access.has_any(request.user, (rules.ADD,)),
        "may_change": access.has_any(request.user, (rules.CHANGE,)),
    })


def _save(request, form: RuleForm, version: str | None = None):
    """Store a valid form through the service; its refusals go back on the form. Returns the rule or None; a change
    refused because the rule changed since the page was shown raises ChangedSince after noting it on the form."""
    if not form.is_valid():
        return None
    try:
        rules.save_rule(form.instance, request.user, form.cleaned_data["reason"], version=version)
    except ChangedSince as error:
        form.add_error(None, error.message)
        raise
    except ValidationError as error:
        form.add_error(None, error)
        return None
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None
    return form.instance


def _page(request, form: RuleForm, rule: ClockRule | None, retire_form: RetireForm | None = None, status=200,
          version: str | None = None):
    """``version``: the rule's version the form carries (what the page was first shown with, while the form comes
    back refused; the rule's version now, once a colleague's change has been shown)."""
    ctx = {"form": form, "rule": rule, "title": _("Change a deadline rule") if rule else _("New deadline rule"),
           # A new rule's form is sent once (core.form_once); refused, it comes back with the token it was sent with.
           "form_token": form_once.sent_token(form.data) if form.is_bound else form_once.new_form_token()}
    if rule is not None:
        ctx["version"] = version if version is not None else rules.rule_version(rule)
        ctx["history"] = rule.changes.select_related("actor")
        ctx["retire_form"] = retire_form or RetireForm()
        ctx["live_clocks"] = rule.clocks.filter(status__in=[Clock.Status.RUNNING, Clock.Status.PAUSED]).count()
    return render(request, "clocks/rule_form.html", ctx, status=status)


@access.staff_required(rules.ADD, denied=_denied)
def rule_create(request):
    if request.method != "POST":
        return _page(request, RuleForm(), None)
    form = RuleForm(request.POST)
    once = form_once.sent_token(request.POST)

    def work() -> str:
        saved = _save(request, form)
        if saved is None:  # the form holds what to fix; the token is released, the corrected form is done
            raise DomainError("the form's errors are on the form", code="form_refused")  # never shown
        return saved.name

    def created(name: str):
        form_once.say_once(request, messages.SUCCESS, _(
            "The rule “%(name)s” was created. It applies to clocks started from now on.") % {"name": name})
        return redirect(reverse("clocks:rules"))

    # Sent twice (a double click, the back button): the rule is created once, and the second sending is told so
    # instead of "Another rule already has this key", which its own first sending had just made true.
    return form_once.do_once(once, work, answer=created, refused=lambda _error: _page(request, form, None, status=400),
                             again=lambda: form_once.answer_again(once, created,
                                                                  lambda: redirect(reverse("clocks:rules"))))


@access.staff_required(rules.CHANGE, denied=_denied)
def rule_edit(request, pk: int):
    rule = get_object_or_404(ClockRule, pk=pk)
    if request.method != "POST":
        return _page(request, RuleForm(instance=rule), rule)
    form = RuleForm(request.POST, instance=rule)
    seen = request.POST.get("version", "")
    try:
        saved = _save(request, form, version=seen)
    except ChangedSince as error:
        # What was typed comes back; sent again, the form is a change of the rule as it is now.
        return _page(request, form, get_object_or_404(ClockRule, pk=pk), status=error.http_status, version=None)
    if saved is None:
        return _page(request, form, get_object_or_404(ClockRule, pk=pk), status=400, version=seen)
    messages.success(request, _("The rule “%(name)s” was changed. Clocks already running keep their deadlines; "
                                "clocks started from now on use the new terms.") % {"name": saved.name})
    return redirect(reverse("clocks:rules"))


@require_POST
@access.staff_required(rules.CHANGE, denied=_denied)
def rule_retire(request, pk: int):
    rule = get_object_or_404(ClockRule, pk=pk)
    retire_form = RetireForm(request.POST)
    active = request.POST.get("active") == "1"
    if retire_form.is_valid():
        try:
            rules.set_active(rule, active, request.user, retire_form.cleaned_data["reason"])
        except DomainError as error:
            retire_form.add_error("reason" if error.field == "reason" else None, error.message)
        except ValidationError as error:
            # Putting back a rule that no longer validates (e.g. a subdivision the holidays package dropped).
            retire_form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, (_("The rule “%(name)s” is in use again.") if active else
                                       _("The rule “%(name)s” was retired: no new clocks start under it; clocks "
                                         "already running keep their deadlines.")) % {"name": rule.name})
            return redirect(reverse("clocks:rules"))
    return _page(request, RuleForm(instance=rule), rule, retire_form=retire_form, status=400)
