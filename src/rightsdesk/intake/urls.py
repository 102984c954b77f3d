from django.urls import path

from . import staff_intake, staff_views, views

app_name = "intake"
urlpatterns = [
    path("request/<slug:slug>/", views.request_form, name="request"),
    path("request/<slug:slug>/received/", views.receipt, name="receipt"),
    # Before "track/<token>/": a tracking token never reads "lost" or "recover" (core.digests.new_link_token: 8 hex
    # digits, a dot, 43 random characters; older ones the 43 alone).
    path("track/lost/", views.track_lost, name="track_lost"),
    path("track/lost/sent/", views.track_lost_sent, name="track_lost_sent"),
    path("track/recover/<str:code>/", views.track_recover, name="track_recover"),
    path("track/<str:token>/", views.track, name="track"),
    path("track/<str:token>/add/", views.track_add, name="track_add"),
    path("track/<str:token>/withdraw/", views.track_withdraw, name="track_withdraw"),
    path("staff/cases/new/", staff_intake.new_case, name="staff_new_case"),
    path("staff/tokens/", staff_views.token_list, name="staff_tokens"),
    path("staff/tokens/<int:pk>/revoke/", staff_views.token_revoke, name="staff_token_revoke"),
]
