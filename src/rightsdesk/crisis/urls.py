from django.urls import path

from . import public_views, views

app_name = "crisis"
urlpatterns = [
    path("staff/crises/", views.crisis_list, name="list"),
    path("staff/crises/new/", views.declare, name="declare"),
    path("staff/crises/<int:pk>/", views.detail, name="detail"),
    path("staff/crises/<int:pk>/edit/", views.edit, name="edit"),
    path("staff/crises/<int:pk>/end/", views.end, name="end"),
    path("staff/crises/notices/<int:notice_pk>/safety/", views.safety_review, name="safety_review"),
    path("staff/crises/wording/<int:year>/", views.wording, name="wording"),
    path("staff/crises/wording/<str:item>/<int:pk>/", views.wording_save, name="wording_save"),
    path("transparency/human-rights/", public_views.human_rights_latest, name="hr_latest"),
    path("transparency/human-rights/<int:year>/", public_views.human_rights_report, name="hr_report"),
    path("transparency/human-rights/<int:year>/report.json", public_views.human_rights_report_json, name="hr_report_json"),
]
