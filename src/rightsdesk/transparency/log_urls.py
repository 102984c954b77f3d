"""URLs of the public notice log and the staff redaction editor (included by transparency/urls.py)."""

from django.urls import path

from . import log_views, redaction_views

urlpatterns = [
    path("notices/", log_views.log_list, name="log-list"),
    path("notices/<str:public_id>/", log_views.notice_detail, name="notice-detail"),
    path("staff/redaction/", redaction_views.redaction_queue, name="redaction-queue"),
    path("staff/redaction/<str:reference>/", redaction_views.redaction_edit, name="redaction-edit"),
    path("staff/redaction/<str:reference>/publish/", redaction_views.redaction_publish, name="redaction-publish"),
    path("staff/notices/<str:public_id>/unpublish/", redaction_views.notice_unpublish, name="notice-unpublish"),
]
