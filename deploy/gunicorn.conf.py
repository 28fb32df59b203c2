"""gunicorn for the portal: bin/start, deploy/nastavnik-web.service and the Docker image use it.

    gunicorn -c deploy/gunicorn.conf.py mentoring_portal.wsgi

Everything is set by the environment: PORTAL_ADDRESS (host:port, default 127.0.0.1:8000),
WEB_CONCURRENCY (worker processes, default 3: a school's load on two cores; a region's app server
takes 2 × cores + 1) and GUNICORN_TIMEOUT (seconds a request may take, default 120: an import or a
long PDF is slow on a small server).
"""

import os

bind = [os.environ.get("PORTAL_ADDRESS", "127.0.0.1:8000")]
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# A worker is replaced after this many requests (whatever a library leaks, it gives back).
max_requests = 2000
max_requests_jitter = 200
# Both logs to stderr (the journal under systemd, `docker logs` in a container), one line per
# record in the portal's format (mentoring_portal.logs, DJANGO_LOG_FORMAT). The access log has the
# path without its query string (searches carry names) and the time taken.
accesslog = "-"
errorlog = "-"
access_log_format = "%(m)s %(U)s %(s)s %(B)s bytes %(M)s ms"
_line = {
    "()": "mentoring_portal.logs.OneLineFormatter",
    "output": os.environ.get("DJANGO_LOG_FORMAT", "logfmt"),
}
_stderr = {"class": "logging.StreamHandler", "formatter": "line", "stream": "ext://sys.stderr"}
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": _line},
    "handlers": {"stderr": _stderr},
    "root": {"level": "WARNING", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
    },
}
# The client's address behind nginx comes from X-Forwarded-For, which only these may set; the
# portal's own DJANGO_TRUSTED_PROXIES decides what it believes (mentoring_portal.security).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# gunicorn's control socket sits in the user's home, one per user: two servers of one user (a
# region's app servers, the tests) would take each other's. Nothing here uses it.
control_socket_disable = True
