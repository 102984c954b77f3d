from django.urls import path

from . import public_views, views

app_name = "accountactions"

urlpatterns = [
    path("office-actions/", public_views.office_log, name="public-log"),
    path("office-actions.json", public_views.office_log_json, name="public-log-json"),
    path("staff/account-actions/", views.action_list, name="list"),
    path("staff/account-actions/new/", views.propose, name="propose"),
    path("staff/account-actions/<str:reference>/", views.detail, name="detail"),
    path("staff/account-actions/<str:reference>/sign/", views.sign, name="sign"),
    path("staff/account-actions/<str:reference>/entry/draft/", views.draft_entry, name="draft-entry"),
    path("staff/account-actions/<str:reference>/publish/", views.publish, name="publish"),
    path("staff/account-actions/<str:reference>/entry/withdraw/", views.withdraw_entry, name="withdraw-entry"),
]
