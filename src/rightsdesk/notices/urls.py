from django.urls import path

from rightsdesk.transparency import log_views

from . import views

app_name = "notices"
urlpatterns = [
    path("staff/notices/", views.outbox, name="outbox"),
    path("staff/notices/<int:pk>/", views.notice_detail, name="notice"),
    path("staff/notices/<int:pk>/edit/", views.notice_edit, name="edit"),
    path("staff/notices/<int:pk>/language/", views.notice_language, name="language"),
    path("staff/notices/<int:pk>/send/", views.notice_send, name="send"),
    path("staff/notices/<int:pk>/retry/", views.notice_retry, name="retry"),
    path("staff/notices/<int:pk>/cancel/", views.notice_cancel, name="cancel"),
    path("staff/notices/cases/<int:pk>/send-all/", views.case_send_all, name="send_all"),
    path("staff/notices/cases/<int:case_pk>/hold/", views.hold_new, name="hold_new"),
    path("staff/notices/holds/", views.holds, name="holds"),
    path("staff/notices/holds/<int:pk>/lift/", views.hold_lift, name="hold_lift"),
    path("staff/notices/placeholders.json", views.placeholders_export, name="placeholders_export"),
    path("unavailable/<str:public_id>/", log_views.placeholder_page, name="placeholder"),
]
