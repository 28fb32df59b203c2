"""Settings shared by every environment; production is this file with environment variables.

dev.py and test.py only change defaults that make sense on a developer's machine or in the tests.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from whitenoise.compress import Compressor

from mentoring_portal.env import (
    allowed_hosts_for,
    env_admins,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_networks,
    env_secret_key,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Everything the portal writes: the SQLite database, uploads, collected static files, the key.
VAR_DIR = Path(env_str("DJANGO_VAR_DIR", default=str(BASE_DIR / "var"))).resolve()

# DJANGO_SECRET_KEY, or the file DJANGO_SECRET_KEY_FILE names (bin/start: var/secret_key).
SECRET_KEY = env_secret_key("DJANGO_SECRET_KEY", "DJANGO_SECRET_KEY_FILE")
DEBUG = env_bool("DJANGO_DEBUG", default=False)
# Where the server listens (host:port, bin/start and deploy/): names the allowed hosts unless
# DJANGO_ALLOWED_HOSTS does.
PORTAL_ADDRESS = env_str("PORTAL_ADDRESS", default="")
ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=allowed_hosts_for(PORTAL_ADDRESS) if PORTAL_ADDRESS else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "bootstrap",
    # Only for its static files: the Tom Select copy the people pickers use (static/js/pickers.js).
    "django_tomselect",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "mentoring_portal",
    "participants",
    "roadmap",
    "pairs",
    "monitoring",
    "notifications",
    "school_year",
    "public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A 304 for a stored document the client already has (its ETag); above the no-store
    # middleware, so that no ETag is computed for a private page.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mentoring_portal.middleware.SessionRefreshMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "participants.middleware.OrganisationAccessMiddleware",
    "mentoring_portal.middleware.PrivatePagesNoStoreMiddleware",
    # Last, so that it sees the outcome of authentication for every request.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mentoring_portal.urls"
WSGI_APPLICATION = "mentoring_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mentoring_portal.context_processors.portal",
                "notifications.context_processors.bell",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", default=60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a web server's database: readers never wait for the writer (write-ahead log),
    # every transaction takes the write lock when it begins (a read-then-write transaction
    # cannot upgrade its lock later: «database is locked» at once, whatever the timeout), and
    # a writer waits its turn for up to DJANGO_SQLITE_TIMEOUT seconds instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("DJANGO_SQLITE_TIMEOUT", default=60),
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY"
        ),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: at a region's size the planner estimates the district table's grouped
    # counts above jit_above_cost, and compiling each took 0.52 of its 0.56 s (EXPLAIN ANALYZE on
    # bench/region_scale.py's 300 schools) — a cost the portal's short queries never win back.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks: Django's Tasks API (the django-tasks backport). In production the database
# backend keeps the queue in the portal's own database (SQLite or PostgreSQL: no broker to run),
# and `manage.py db_worker` (started by bin/start and deploy/) runs the tasks. The developer's
# server and the tests run each task at once, inside enqueue() (DJANGO_TASKS_BACKEND=immediate).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    # The tests' default: immediate, and a failing task fails the test instead of being logged.
    "strict": "mentoring_portal.background.StrictImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": env_choice("DJANGO_TASKS_BACKEND", TASK_BACKENDS, default="database"),
        "QUEUES": ["default"],
    }
}

# One process's memory: fine for what a cache here holds (rendered fragments, counts). Several
# web processes each keep their own, so a cached value must carry its own invalidation (a version
# number read from the database in the key), never rely on a delete reaching every process.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "nastavnik",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "mentoring_portal.passwords.ProductAndSchoolSimilarityValidator"},
]
# The «set your password» link of a new account (and of a password reset) works once — its token
# hashes the password, so setting one (or logging in) kills it — and for three days at most.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Russian first: the whole portal, its documents and exports.
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = env_str("DJANGO_TIME_ZONE", default="Europe/Moscow")
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# No URL serves MEDIA_URL: uploads go out through access-checked views (mentoring_portal.files).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# A region's several app servers keep uploads in one S3-compatible object store (django-storages)
# instead of MEDIA_ROOT: every file goes in and out through Django's storage API, never a path.
# The bucket stays private: files are served only by the portal's access-checked views.
S3_BUCKET = env_str("DJANGO_S3_BUCKET", default="")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("DJANGO_S3_ENDPOINT_URL", default="") or None,
            "region_name": env_str("DJANGO_S3_REGION", default="") or None,
            "access_key": env_str("DJANGO_S3_ACCESS_KEY", default="") or None,
            "secret_key": env_str("DJANGO_S3_SECRET_KEY", default="") or None,
            "location": env_str("DJANGO_S3_PREFIX", default=""),
            # As on a disk: a second file of the same name gets a new name, none is replaced.
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
# collectstatic compresses every file (gzip and brotli) once, for whitenoise to serve: not the
# source maps of Bootstrap and the admin (13 MB no browser of a school ever asks for), which were
# most of its time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Sessions: idle sessions end 30 minutes after their last write. A request writes the session
# again only when less than 25 minutes remain, i.e. its last write is 5 minutes old
# (mentoring_portal.middleware.SessionRefreshMiddleware): a page view does not UPDATE
# django_session.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_AFTER = 5 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# django-axes: a whole school sits behind one NAT, so lock out the pair (login, address), never
# the address alone.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Behind the proxy every request comes from its address: the client's is taken from its headers
# (see mentoring_portal.security.client_address), or the lockout would key on the login alone.
AXES_CLIENT_IP_CALLABLE = "mentoring_portal.security.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Login records (who, from where, with which browser) are personal data: `manage.py
# expire_login_records`, run daily, deletes those older than this.
LOGIN_RECORDS_DAYS = env_int("DJANGO_LOGIN_RECORDS_DAYS", default=90)

# Security headers on every response.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Production hardening: on unless DJANGO_DEBUG is set; each can be switched off by its variable
# (for example a school server behind a proxy that terminates TLS).
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
# Proxies whose X-Forwarded-For / X-Real-IP headers are believed (addresses or networks).
TRUSTED_PROXIES = env_networks("DJANGO_TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# A load balancer or systemd asks /healthz over plain HTTP on the server's own port.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)

EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", default=25)
# A letter that waits longer than this for the mail server fails (and is retried next run).
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", default=20)
# Where the portal is seen from the outside: links in e-mail and calendar feeds start with it.
PORTAL_URL = env_str(
    "DJANGO_PORTAL_URL",
    default=f"http://{PORTAL_ADDRESS}" if PORTAL_ADDRESS else "http://localhost:8000",
)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", default="nastavnichestvo@localhost")
# Who gets an e-mail with the traceback of every server error: "Имя <адрес>, адрес, …".
ADMINS = env_admins("DJANGO_ADMINS")
SERVER_EMAIL = env_str("DJANGO_SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Logs go to stderr (the journal under systemd, `docker logs`), one line per record with its
# level, logger, the request's path and the traceback (mentoring_portal.logs): logfmt, or JSON with
# DJANGO_LOG_FORMAT=json.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {
            "()": "mentoring_portal.logs.OneLineFormatter",
            "output": env_choice(
                "DJANGO_LOG_FORMAT", {"logfmt": "logfmt", "json": "json"}, default="logfmt"
            ),
        }
    },
    "filters": {"production": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "line"},
        # Every server error by e-mail to ADMINS too (nothing is sent while ADMINS is empty).
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["production"],
        },
    },
    # Warnings and errors of every library and of the portal's own modules.
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        # Replaces Django's default «django» logger, whose console handler is silent unless DEBUG:
        # a 500 in production would otherwise leave no trace. Its records reach stderr through
        # the root; 4xx warnings («Not Found: …») are the access log's business.
        "django": {"handlers": ["mail_admins"], "level": "ERROR"},
        # Logins, failed logins, lockouts (axes) and refused access (our access layer).
        "mentoring_portal.security": {"level": "INFO"},
        "axes": {"level": "INFO"},
        # The worker (manage.py db_worker): each task started and finished, failures with traceback.
        "django_tasks": {"level": "INFO"},
        "django_tasks_db": {"level": "INFO"},
    },
}

# django-filter: an empty choice reads «Все», not «---------».
FILTERS_EMPTY_CHOICE_LABEL = "Все"
FILTERS_NULL_LABEL = "Не указано"
