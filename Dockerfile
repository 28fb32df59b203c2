# Наставничество в контейнере: тот же gunicorn (deploy/gunicorn.conf.py) и тот же фоновый
# обработчик, что в bin/start и deploy/nastavnik-*.service. Запуск всего вместе с PostgreSQL —
# compose.yaml. Сборка: docker build -t nastavnik .
FROM python:3.11-slim-bookworm

# Pango and HarfBuzz for WeasyPrint (PDF), DejaVu for the demo scans, pg_dump/pg_restore for
# manage.py backup/restore on PostgreSQL, LibreOffice for the import of old Word files (.doc;
# build with --build-arg LIBREOFFICE=0 to leave it out: the image is 400 MB smaller).
ARG LIBREOFFICE=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core postgresql-client \
    && if [ "$LIBREOFFICE" = 1 ]; then \
        apt-get install -y --no-install-recommends libreoffice-writer-nogui; fi \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /srv/nastavnik --shell /usr/sbin/nologin nastavnik

WORKDIR /srv/nastavnik
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=mentoring_portal.settings.base \
    DJANGO_VAR_DIR=/srv/nastavnik/var \
    DJANGO_SECRET_KEY_FILE=/srv/nastavnik/var/secret_key \
    DJANGO_STATIC_ROOT=/srv/nastavnik/staticfiles \
    PORTAL_ADDRESS=0.0.0.0:8000 \
    WEB_CONCURRENCY=3

COPY requirements.txt ./
RUN python -m venv .venv && .venv/bin/pip install --no-cache-dir -r requirements.txt

COPY . .
# Static files are part of the image (outside var/, which is a volume); the key is only for
# collectstatic to load the settings, not kept.
RUN DJANGO_SECRET_KEY=build-only-not-kept bin/collect-static \
    && mkdir -p var && chown nastavnik:nastavnik var

USER nastavnik
VOLUME ["/srv/nastavnik/var"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s \
    CMD .venv/bin/python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
# The web server: the key (made once in the volume), the schema, then gunicorn. The worker
# runs `deploy/container-start worker` (compose.yaml).
ENTRYPOINT ["deploy/container-start"]
CMD ["web"]
