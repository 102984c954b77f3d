from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("transparency-report/", views.transparency, name="transparency"),
    path("staff-workspace/", views.staff, name="staff"),
]
