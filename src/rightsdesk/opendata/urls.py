"""The public data page and the bulk files' downloads; the staff pages of researcher tokens and of Lumen."""

from django.urls import path, re_path

from . import staff_views, views

app_name = "opendata"

urlpatterns = [
    path("data/", views.data_page, name="data"),
    re_path(r"^data/(?P<release>latest|\d{4}-H[12])/(?P<name>[A-Za-z0-9_.-]{1,80})$", views.download,
            name="download"),
    # Staff.
    path("staff/researcher-tokens/", staff_views.token_list, name="staff_researcher_tokens"),
    path("staff/researcher-tokens/<int:pk>/revoke/", staff_views.token_revoke, name="staff_researcher_token_revoke"),
    path("staff/lumen/", staff_views.lumen_page, name="staff_lumen"),
    path("staff/lumen/<int:pk>/asked/", staff_views.lumen_step, {"step": "asked"}, name="staff_lumen_asked"),
    path("staff/lumen/<int:pk>/removed/", staff_views.lumen_step, {"step": "removed"}, name="staff_lumen_removed"),
    path("staff/lumen/<int:pk>/not-needed/", staff_views.lumen_step, {"step": "not_needed"}, name="staff_lumen_not_needed"),
]
