"""The platform's URLs plus one that fails, to see the error page a server error shows."""

from django.urls import path

from paritas.web.urls import urlpatterns as platform


def failing(request):  # type: ignore[no-untyped-def]
    raise RuntimeError("a deliberate failure")


urlpatterns = [path("fail/", failing), *platform]
