"""The portal's production settings (mentoring_portal.settings.base, DEBUG off) with one change: the
URLconf adds the floor views of ``bench/http_throughput.py`` (bench/http_urls.py). Never used by
the product."""

from mentoring_portal.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench.http_urls"
