from django.urls import path

from . import views

app_name = "diligence"
urlpatterns = [
    path("", views.register, name="list"),
    path("export.csv", views.export_csv, name="export"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.update, name="update"),
    path("<int:pk>/risks/", views.add_risk, name="add_risk"),
    path("<int:pk>/risks/<int:risk_id>/mitigations/", views.add_mitigation, name="add_mitigation"),
    path("<int:pk>/mitigations/<int:mitigation_id>/status/", views.mitigation_status, name="mitigation_status"),
]
