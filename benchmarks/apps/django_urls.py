"""Routes: /open always; /protected (ours) or /official (django-descope) per variant."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from benchmarks.apps.django_settings import VARIANT


def open_route(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello", content_type="text/plain")


def _seed(request: HttpRequest) -> HttpResponse:
    """django-descope reads tokens from the Django session: put them there once."""
    request.session["DS"] = request.GET.get("ds", "")
    request.session["DSR"] = request.GET.get("dsr", "")
    return HttpResponse("seeded", content_type="text/plain")


urlpatterns = [path("open", open_route)]

if VARIANT == "ours":
    from descope_django import descope_login_required

    @descope_login_required
    def protected(request: HttpRequest) -> HttpResponse:
        return HttpResponse("hello", content_type="text/plain")

    urlpatterns.append(path("protected", protected))
elif VARIANT == "official":

    def official(request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return HttpResponse("Access denied", status=401)
        return HttpResponse("hello", content_type="text/plain")

    urlpatterns += [path("official", official), path("seed", _seed)]
