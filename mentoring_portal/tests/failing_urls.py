"""A URL that fails, for the test that a production 500 leaves a trace."""

from django.urls import path


def fail(request):
    raise RuntimeError("Сбой для проверки журнала ошибок")


urlpatterns = [path("fail/", fail)]
