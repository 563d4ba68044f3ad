"""The site's URLs plus one bare view, for P2f: what the middleware and the signed-in session cost alone."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from clinic.urls import urlpatterns as site


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *site]
