"""ASGI entry point. Production settings are the base settings plus environment variables."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring_portal.settings.base")

application = get_asgi_application()
