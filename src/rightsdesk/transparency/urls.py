"""Public notice log pages and the staff redaction editor (the period report is the reports app)."""

from .log_urls import urlpatterns  # noqa: F401

app_name = "transparency"
