from django.contrib.auth import views as auth_views
from django.urls import path

from . import two_factor, views

app_name = "accounts"
urlpatterns = [
    path("staff/login/", auth_views.LoginView.as_view(template_name="accounts/login.html", redirect_authenticated_user=True), name="login"),
    path("staff/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("staff/2fa/setup/", two_factor.setup, name="2fa-setup"),
    path("staff/2fa/verify/", two_factor.verify, name="2fa-verify"),
    path("staff/form-not-sent/", views.form_not_sent, name="form-not-sent"),
]
