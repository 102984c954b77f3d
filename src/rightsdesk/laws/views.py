"""Staff pages of the laws app: the registry and its history, the bulk mapping of old cases, confirming a case's
links (the case page's panel posts here) and the staff analytics (exact figures for those who may see them)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rightsdesk.accounts.access import staff_required
from rightsdesk.core.form_address import form_of
from rightsdesk.cases.models import Case
from rightsdesk.cases.policy import VIEW_CASES, WORKER_PERMISSIONS
from rightsdesk.core.errors import DomainError
from rightsdesk.core.versions import ChangedSince
from rightsdesk.reports.disclosure import may_see_exact

from . import services
from .analytics_views import respond
from .forms import AuthorityForm, InstrumentForm
from .models import Authority, Instrument, RegistryEvent
from .selectors import case_facts


def forbidden(request, message: str):
    return render(request, "rightsdesk/staff_forbidden.html", {"message": message}, status=403)


def staff_view(*perms: str):
    return staff_required(*perms, denied=forbidden)


@staff_view(VIEW_CASES)
def registry(request):
    return render(request, "laws/registry.html", {
        "instruments": Instrument.objects.all(), "authorities": Authority.objects.all(),
        "events": RegistryEvent.objects.select_related("actor", "instrument", "authority", "case")[:30],
        "may_edit": request.user.has_perm(services.MANAGE_REGISTRY),
    })


def _edit(request, form_class, obj, title):
    form = form_class(request.POST or None, instance=obj)
    # The entry's version the page showed: a change typed on an older page is refused (core.versions).
    version = request.POST.get("version", "") if request.method == "POST" else ""
    if obj is not None and request.method != "POST":
        version = services.entry_version(obj)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.save_registry_entry(request.user, form, version if obj is not None else None)
        except ChangedSince as error:
            form.add_error(None, error.message)
            # Sent again, the form is a change of the entry as it is now.
            version, status = services.entry_version(type(obj).objects.get(pk=obj.pk)), error.http_status
        else:
            messages.success(request, _("Saved."))
            return redirect("laws:registry")
    return render(request, "laws/form.html", {"form": form, "title": title, "version": version},
                  status=status if status != 200 else (400 if form.errors else 200))


@staff_view(services.MANAGE_REGISTRY)
def instrument_edit(request, pk=None):
    obj = get_object_or_404(Instrument, pk=pk) if pk else None
    return _edit(request, InstrumentForm, obj, _("Edit a law") if obj else _("Add a law"))


@staff_view(services.MANAGE_REGISTRY)
def authority_edit(request, pk=None):
    obj = get_object_or_404(Authority, pk=pk) if pk else None
    return _edit(request, AuthorityForm, obj, _("Edit an authority") if obj else _("Add an authority"))


@staff_view(services.MANAGE_REGISTRY)
def bulk_map(request):
    from .matching import match_instruments

    error, chosen_text = "", ""
    if request.method == "POST":
        chosen_text = request.POST.get("text", "")
        try:
            changed = services.bulk_map(request.user, chosen_text, request.POST.getlist("instruments"),
                                        request.POST.get("authority") or None)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, ngettext("%(count)s case linked.", "%(count)s cases linked.", changed) % {"count": changed})
            return redirect("laws:bulk_map")
    instruments = list(Instrument.objects.filter(active=True))
    rows = [dict(row, suggested={m.pk for m in match_instruments(row["law_invoked"], instruments)})
            for row in services.distinct_free_texts()]
    return render(request, "laws/bulk_map.html", {
        "rows": rows, "instruments": instruments, "authorities": Authority.objects.filter(active=True),
        "error": error, "chosen_text": chosen_text,
    }, status=400 if error else 200)


def _at_the_panel(reference: str) -> str:
    return reverse("review:case", args=[reference]) + "#laws-panel"


@require_POST
@form_of(_at_the_panel)
@staff_view(*WORKER_PERMISSIONS)
def confirm(request, reference: str):
    case = get_object_or_404(Case, reference=reference)
    try:
        services.set_case_links(case, request.user, request.POST.getlist("instruments"),
                                request.POST.get("authority") or None)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The laws and the authority of this case are confirmed."))
    return redirect(_at_the_panel(case.reference))


@staff_view(VIEW_CASES)
def analytics(request, fmt: str = "html"):
    exact = may_see_exact(request.user)
    return respond(request, case_facts(), exact=exact, template="laws/staff_analytics.html",
                   base_name=reverse("laws:analytics"), fmt=fmt,
                   extra={"public_url": reverse("laws:public")})
