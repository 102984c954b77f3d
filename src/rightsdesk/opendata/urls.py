"""The public data page and the bulk files' downloads."""

from django.urls import path, re_path

from . import views

app_name = "opendata"

urlpatterns = [
    path("data/", views.data_page, name="data"),
    re_path(r"^data/(?P<release>latest|\d{4}-H[12])/(?P<name>[A-Za-z0-9_.-]{1,80})$", views.download,
            name="download"),
]
