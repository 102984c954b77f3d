from django.urls import path

from . import views

app_name = "mail"
urlpatterns = [
    path("staff/inbox/", views.inbox, name="inbox"),
    path("staff/inbox/<int:pk>/", views.message_detail, name="message"),
    path("staff/inbox/<int:pk>/original/", views.original_download, name="original"),
    path("staff/inbox/<int:pk>/attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("staff/inbox/<int:pk>/open-now/", views.open_quick, name="open_quick"),
    path("staff/inbox/<int:pk>/open/", views.open_form, name="open"),
    path("staff/inbox/<int:pk>/file/", views.file_message, name="file"),
    path("staff/inbox/<int:pk>/ignore/", views.ignore, name="ignore"),
]
