"""A developer's or a demo machine: debug on, SQLite in var/, e-mail printed to the console."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault(
    "DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production-0123456789"
)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
os.environ.setdefault("DJANGO_TASKS_BACKEND", "immediate")

from mentoring_portal.settings.base import *  # noqa: F403

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Serve static files straight from the apps and static/, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
