from django.urls import path

from . import views

app_name = "clocks"
urlpatterns = [
    path("staff/cases/<str:reference>/clocks/start/", views.start, name="start"),
    path("staff/cases/<str:reference>/clocks/<int:pk>/extend/", views.extend, name="extend"),
    path("staff/cases/<str:reference>/clocks/<int:pk>/override/", views.override, name="override"),
    path("staff/cases/<str:reference>/clocks/<int:pk>/complete/", views.complete, name="complete"),
]
