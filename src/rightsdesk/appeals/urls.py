from django.urls import path

from . import views

app_name = "appeals"
urlpatterns = [
    path("staff/notices/appeals/<int:pk>/decide/", views.appeal_decide, name="decide"),
    path("appeal/<str:token>/", views.appeal_page, name="appeal"),
]
