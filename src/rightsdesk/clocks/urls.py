from django.urls import path

from . import closure_views, rule_views, views

app_name = "clocks"
urlpatterns = [
    path("staff/cases/<str:reference>/clocks/start/", views.start, name="start"),
    path("staff/cases/<str:reference>/clocks/<int:pk>/extend/", views.extend, name="extend"),
    path("staff/cases/<str:reference>/clocks/<int:pk>/override/", views.override, name="override"),
    path("staff/cases/<str:reference>/clocks/<int:pk>/complete/", views.complete, name="complete"),
    path("staff/clocks/rules/", rule_views.rule_list, name="rules"),
    path("staff/clocks/rules/new/", rule_views.rule_create, name="rule_create"),
    path("staff/clocks/rules/<int:pk>/", rule_views.rule_edit, name="rule_edit"),
    path("staff/clocks/rules/<int:pk>/active/", rule_views.rule_retire, name="rule_retire"),
    path("staff/clocks/closures/", closure_views.closure_list, name="closures"),
    path("staff/clocks/closures/<int:pk>/remove/", closure_views.closure_delete, name="closure_delete"),
]
