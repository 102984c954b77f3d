from django.urls import path

from . import public_views, views

app_name = "laws"
urlpatterns = [
    # Public, citable: /<lang>/laws/?period=2025-H1 (also data.csv, data.json with the same parameters).
    path("laws/", public_views.public_analytics, name="public"),
    path("laws/data.csv", public_views.public_analytics, {"fmt": "csv"}, name="public_csv"),
    path("laws/data.json", public_views.public_analytics, {"fmt": "json"}, name="public_json"),
    # Staff.
    path("staff/laws/", views.registry, name="registry"),
    path("staff/laws/instruments/new/", views.instrument_edit, name="instrument_add"),
    path("staff/laws/instruments/<int:pk>/", views.instrument_edit, name="instrument_edit"),
    path("staff/laws/authorities/new/", views.authority_edit, name="authority_add"),
    path("staff/laws/authorities/<int:pk>/", views.authority_edit, name="authority_edit"),
    path("staff/laws/map/", views.bulk_map, name="bulk_map"),
    path("staff/laws/cases/<str:reference>/confirm/", views.confirm, name="confirm"),
    path("staff/laws/analytics/", views.analytics, name="analytics"),
    path("staff/laws/analytics/data.csv", views.analytics, {"fmt": "csv"}, name="analytics_csv"),
    path("staff/laws/analytics/data.json", views.analytics, {"fmt": "json"}, name="analytics_json"),
]
