from descope_django.views import logout
from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("signin", views.signin, name="signin"),
    path("signin/password", views.signin_password, name="signin_password"),
    path("signin/otp", views.signin_otp_send, name="signin_otp_send"),
    path("signin/otp/verify", views.signin_otp_verify, name="signin_otp_verify"),
    path("signin/magiclink", views.signin_magiclink_send, name="signin_magiclink_send"),
    path("signin/magiclink/verify", views.signin_magiclink_verify, name="signin_magiclink_verify"),
    path("signin/google", views.signin_google, name="signin_google"),
    path("signin/google/callback", views.signin_google_callback, name="signin_google_callback"),
    path("signin/passkey/start", views.signin_passkey_start, name="signin_passkey_start"),
    path("signin/passkey/finish", views.signin_passkey_finish, name="signin_passkey_finish"),
    path("profile", views.profile, name="profile"),
    path("admin", views.admin, name="admin"),
    path("tenant", views.select_tenant, name="select_tenant"),
    # Revokes the refresh token, clears DS/DSR, then redirects browsers to the sign-in page.
    path("signout", logout, {"next_page": "/signin"}, name="signout"),
    path("api/reports", views.api_reports, name="api_reports"),
]
