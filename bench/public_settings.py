"""The portal's production settings (DEBUG off) with the floor view of ``bench/public_page.py``
added to the URLconf. Never used by the product."""

from mentoring_portal.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench.public_urls"
