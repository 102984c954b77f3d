from django.urls import path

from . import staff_views, views

app_name = "legalsupport"
urlpatterns = [
    path("legal-support/", views.request_form, name="request"),
    path("legal-support/received/", views.receipt, name="receipt"),
    path("legal-support/track/<str:token>/", views.track, name="track"),
    path("staff/legal-support/", staff_views.request_list, name="staff_list"),
    path("staff/legal-support/counsel/", staff_views.counsel_list, name="counsel"),
    path("staff/legal-support/counsel/<int:pk>/", staff_views.counsel_list, name="counsel_edit"),
    path("staff/legal-support/from-mail/<int:pk>/", staff_views.from_mail, name="from_mail"),
    path("staff/legal-support/<str:reference>/", staff_views.request_detail, name="staff_detail"),
    path("staff/legal-support/<str:reference>/start/", staff_views.start, name="start"),
    path("staff/legal-support/<str:reference>/eligibility/", staff_views.eligibility, name="eligibility"),
    path("staff/legal-support/<str:reference>/decide/", staff_views.decide, name="decide"),
    path("staff/legal-support/<str:reference>/refer/", staff_views.refer, name="refer"),
    path("staff/legal-support/<str:reference>/budget/", staff_views.budget, name="budget"),
    path("staff/legal-support/<str:reference>/message/", staff_views.message, name="message"),
    path("staff/legal-support/<str:reference>/close/", staff_views.close, name="close"),
    path("staff/legal-support/<str:reference>/files/<int:pk>/", staff_views.attachment, name="attachment"),
]
