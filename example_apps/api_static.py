"""The static files of the API examples' own pages (DRF's browsable API, Ninja's `/api/docs`).

The examples run with `DEBUG = False`, where Django serves no static files, so those pages
came up unstyled and Ninja's docs blank. This route serves the installed apps' `static/`
folders through Django's own finders (`django.contrib.staticfiles.views.serve`): enough for
a local example. A deployment collects them (`collectstatic`) behind its web server instead.
"""

from __future__ import annotations

from django.contrib.staticfiles.views import serve
from django.urls import URLPattern, re_path

urlpatterns: list[URLPattern] = [
    re_path(r"^static/(?P<path>.+)$", serve, {"insecure": True}),
]
