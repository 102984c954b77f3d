from django.urls import path

from . import views

app_name = "preservation"
urlpatterns = [
    path("staff/cases/<str:reference>/preservation/request/", views.record_request, name="request"),
    path("staff/cases/<str:reference>/preservation/preserved/", views.preserved, name="preserved"),
    path("staff/cases/<str:reference>/preservation/renew/", views.renew, name="renew"),
    path("staff/cases/<str:reference>/preservation/release/", views.release, name="release"),
    path("staff/cases/<str:reference>/preservation/refuse/", views.refuse, name="refuse"),
]
