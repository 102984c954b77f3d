from django.urls import path

from . import staff_intake, staff_views, views

app_name = "intake"
urlpatterns = [
    path("request/<slug:slug>/", views.request_form, name="request"),
    path("request/<slug:slug>/received/", views.receipt, name="receipt"),
    path("track/<str:token>/", views.track, name="track"),
    path("track/<str:token>/add/", views.track_add, name="track_add"),
    path("track/<str:token>/withdraw/", views.track_withdraw, name="track_withdraw"),
    path("staff/cases/new/", staff_intake.new_case, name="staff_new_case"),
    path("staff/tokens/", staff_views.token_list, name="staff_tokens"),
    path("staff/tokens/<int:pk>/revoke/", staff_views.token_revoke, name="staff_token_revoke"),
]
