"""WSGI entry point. Production settings are the base settings plus environment variables."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring_portal.settings.base")

application = get_wsgi_application()
