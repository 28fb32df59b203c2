"""The portal's settings with Django's stock SQLite options (no WAL, DEFERRED transactions,
5 s busy timeout): what the portal ran before, for ``bench/concurrency.py --untuned``."""

from mentoring_portal.settings.dev import *  # noqa: F403

DATABASES["default"].pop("OPTIONS", None)  # noqa: F405
