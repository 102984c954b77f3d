from django.urls import path

from . import queue_views, views

app_name = "review"
urlpatterns = [
    path("", views.home, name="home"),
    path("mine/", views.mine, name="mine"),
    path("bulk/", queue_views.bulk_action, name="bulk"),
    path("filters/", queue_views.save_filter, name="save_filter"),
    path("filters/<int:filter_id>/delete/", queue_views.delete_filter, name="delete_filter"),
    path("cases/<str:reference>/", views.case_detail, name="case"),
    path("cases/<str:reference>/attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("cases/<str:reference>/claim/", views.claim, name="claim"),
    path("cases/<str:reference>/release/", views.release, name="release"),
    path("cases/<str:reference>/reassign/", views.reassign, name="reassign"),
    path("cases/<str:reference>/step/", views.take_transition, name="transition"),
    path("cases/<str:reference>/checklist/", views.save_checklist, name="checklist"),
    path("cases/<str:reference>/decide-item/", views.decide_item, name="decide_item"),
    path("cases/<str:reference>/refuse-all/", views.refuse_all, name="refuse_all"),
    path("cases/<str:reference>/conclude/", views.conclude, name="conclude"),
    path("cases/<str:reference>/approve/", views.approve, name="approve"),
    path("cases/<str:reference>/return/", views.return_for_changes, name="return"),
    path("cases/<str:reference>/notes/", views.add_note, name="note"),
    path("cases/<str:reference>/messages/", views.send_message, name="message"),
    path("cases/<str:reference>/emergency/", views.record_emergency, name="emergency"),
    path("cases/<str:reference>/parties/", views.add_party, name="add_party"),
]
