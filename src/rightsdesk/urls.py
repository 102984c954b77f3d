"""Root URL configuration.

Public and staff pages live under a language prefix (/en/, /ar/, ...) so a
link always opens in the language it was shared in; the JSON API, the admin
and health checks do not.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from rightsdesk.api import api
from rightsdesk.core import views as core_views

# Each app that serves pages has a urls module with app_name set; the prefix is
# where its pages live.
APP_URLS = [
    ("", "rightsdesk.accounts.urls"),
    ("", "rightsdesk.intake.urls"),
    ("", "rightsdesk.mail.urls"),
    ("staff/", "rightsdesk.review.urls"),
    ("staff/diligence/", "rightsdesk.diligence.urls"),
    ("staff/audit/", "rightsdesk.audit.urls"),
    ("", "rightsdesk.notices.urls"),
    ("", "rightsdesk.appeals.urls"),
    ("", "rightsdesk.transparency.urls"),
    ("", "rightsdesk.reports.urls"),
    ("", "rightsdesk.clocks.urls"),
    ("", "rightsdesk.preservation.urls"),
    ("", "rightsdesk.accountactions.urls"),
    ("", "rightsdesk.legalsupport.urls"),
    ("", "rightsdesk.crisis.urls"),
    ("", "rightsdesk.laws.urls"),
    ("", "rightsdesk.opendata.urls"),
]

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
]

localized = [path("", include("rightsdesk.core.urls"))]
for prefix, module in APP_URLS:
    if find_spec(module) is not None:
        localized.append(path(prefix, include(import_module(module))))
urlpatterns += i18n_patterns(*localized, prefix_default_language=True)

# Errors are shown in the site frame, translated, with a way back (rightsdesk.core.views).
handler400 = "rightsdesk.core.views.bad_request"
handler403 = "rightsdesk.core.views.permission_denied"
handler404 = "rightsdesk.core.views.page_not_found"
handler500 = "rightsdesk.core.views.server_error"
