"""A region runs several app servers over one database and one file storage: nothing a request
needs is on a web server's own disk. Two gunicorn processes (production settings), each with its
own empty var/ directory, share the database, the secret key and the storage (the folder stands
for an object store: every upload and download goes through Django's storage API).

A person logs in on the first and goes on on the second; the staff list is uploaded on one,
previewed on the other and imported on the first; a consent's scan is uploaded on the second and
downloaded on the first. The storage is a shared folder, then an S3-compatible object store
(django-storages against a local moto server, with MEDIA_ROOT pointing nowhere). Runs on SQLite
(one file shared by two processes on one machine) and on PostgreSQL (the region's case)."""

import io
import os
import time
from datetime import date

import lxml.html
import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import Workbook

from mentoring_portal.secret_key import ensure_secret_key
from participants.models import Consent, Person
from participants.tests.factories import ConsentTextFactory
from tests.live import LiveUser
from tests.production import (
    VENV_BIN,
    Process,
    collect_static,
    database_url,
    free_ports,
    gunicorn,
    production_environment,
    production_password,
    wait_for,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PORTS = free_ports(2)
PASSWORD = "школа-пароль-2026"
SCAN = b"%PDF-1.4\n% the scan of a paper consent, uploaded on one server\n" * 50


def staff_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Фамилия", "Имя", "Отчество", "Дата рождения", "Должность"])
    sheet.append(["Орлова", "Вера", "Ивановна", "01.04.1990", "Учитель"])
    sheet.append(["Рыбаков", "Олег", "", "15.06.2001", "Учитель"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def form_values(page: str, action: str) -> dict:
    """What the browser would send with the form posting to ``action`` (its fields as filled)."""
    for form in lxml.html.fromstring(page).forms:
        if form.action == action:
            return dict(form.form_values())
    raise AssertionError(f"no form posting to {action}")


@pytest.fixture(params=["folder", "s3"])
def cluster_storage(request, tmp_path):
    """The cluster's one storage: a folder (MEDIA_ROOT), or an S3-compatible object store
    (django-storages against a local moto server): (the servers' variables, read(name))."""
    if request.param == "folder":
        folder = tmp_path / "cluster" / "media"
        yield {"DJANGO_MEDIA_ROOT": str(folder)}, lambda name: (folder / name).read_bytes()
        return
    moto = VENV_BIN / "moto_server"
    if not moto.exists():
        pytest.skip("moto_server is not installed (requirements-dev.txt)")
    import boto3

    (port,) = free_ports()
    endpoint = f"http://127.0.0.1:{port}"
    keys = {"aws_access_key_id": "portal", "aws_secret_access_key": "portal-secret"}
    with Process(
        [str(moto), "-H", "127.0.0.1", "-p", str(port)], dict(os.environ), tmp_path / "s3.log"
    ):
        client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **keys)
        deadline = time.monotonic() + 60
        while True:
            try:
                client.create_bucket(Bucket="nastavnik")
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        variables = {
            "DJANGO_S3_BUCKET": "nastavnik",
            "DJANGO_S3_ENDPOINT_URL": endpoint,
            "DJANGO_S3_REGION": "us-east-1",
            "DJANGO_S3_ACCESS_KEY": keys["aws_access_key_id"],
            "DJANGO_S3_SECRET_KEY": keys["aws_secret_access_key"],
            # No local folder at all: a path that cannot be written.
            "DJANGO_MEDIA_ROOT": "/nonexistent/media",
        }
        yield variables, lambda name: client.get_object(Bucket="nastavnik", Key=name)["Body"].read()


def test_two_app_servers_share_sessions_uploads_and_downloads(world, tmp_path, cluster_storage):
    curator = world.user("curator")
    curator.password = production_password(PASSWORD)
    curator.save(update_fields=["password"])
    ConsentTextFactory(organisation=world.school)
    teacher = world.people["teacher"]

    key = tmp_path / "cluster" / "secret_key"  # one key for the cluster
    ensure_secret_key(str(key))
    storage, read_stored = cluster_storage  # one storage for the cluster
    database = database_url(connection.settings_dict)
    own = [tmp_path / f"server-{port}" for port in PORTS]
    envs = [
        production_environment(var, port, database, DJANGO_SECRET_KEY_FILE=str(key), **storage)
        for var, port in zip(own, PORTS, strict=True)
    ]
    collect_static(envs[0])

    with (
        gunicorn(envs[0], tmp_path / "first.log") as first,
        gunicorn(envs[1], tmp_path / "second.log") as second,
    ):
        for port, server in zip(PORTS, (first, second), strict=True):
            wait_for(f"http://127.0.0.1:{port}/healthz", server.process, server.log)
        on_first = LiveUser(f"http://127.0.0.1:{PORTS[0]}")
        token = on_first.csrf_token("/accounts/login/")
        login = on_first.post(
            "/accounts/login/", {"username": curator.username, "password": PASSWORD}, token=token
        )
        assert login.status_code == 302, login.text[:500]

        # The same browser (its cookies) goes on on the second server.
        on_second = LiveUser(f"http://127.0.0.1:{PORTS[1]}")
        on_second.http.cookies = on_first.http.cookies
        home = on_second.get("/")
        assert home.status_code == 200, home.text[:500]
        assert world.people["curator"].last_name in home.text

        # The staff list: uploaded on the first, previewed on the second, imported on the first.
        upload_url = reverse("participants:people_import")
        uploaded = on_first.http.post(
            on_first.url(upload_url),
            data={"csrfmiddlewaretoken": on_first.csrf_token(upload_url)},
            files={"file": ("Сотрудники.xlsx", staff_workbook())},
            headers={"Referer": on_first.url(upload_url)},
            allow_redirects=False,
            timeout=60,
        )
        assert uploaded.status_code == 302, uploaded.text[:500]
        preview = on_second.get(reverse("participants:people_import_preview"))
        assert preview.status_code == 200, preview.text[:500]
        assert "Орлова" in preview.text and "Рыбаков" in preview.text
        confirm_url = reverse("participants:people_import_confirm")
        data = form_values(preview.text, confirm_url)
        token = data.pop("csrfmiddlewaretoken")
        imported = on_first.post(confirm_url, data, token=token)
        assert imported.status_code == 302, imported.text[:500]
        assert set(
            Person.objects.filter(
                organisation=world.school, last_name__in=["Орлова", "Рыбаков"]
            ).values_list("last_name", flat=True)
        ) == {"Орлова", "Рыбаков"}

        # A consent's scan: uploaded on the second, downloaded on the first.
        consent_url = reverse("participants:person_consent_upload", args=[teacher.pk])
        sent = on_second.http.post(
            on_second.url(consent_url),
            data={
                "csrfmiddlewaretoken": on_second.csrf_token(consent_url),
                "signed_on": date.today().strftime("%d.%m.%Y"),
            },
            files={"scan": ("скан.pdf", SCAN, "application/pdf")},
            headers={"Referer": on_second.url(consent_url)},
            allow_redirects=False,
            timeout=60,
        )
        assert sent.status_code == 302, sent.text[:500]
        consent = Consent.objects.get(person=teacher)
        scan = on_first.get(reverse("participants:consent_scan", args=[consent.pk]))
        assert scan.status_code == 200
        assert scan.content == SCAN
        assert scan.headers["Content-Type"] == "application/pdf"

    # Neither server kept anything on its own disk: all of it is in the database and the storage.
    for var in own:
        assert not var.exists() or not any(var.rglob("*")), sorted(var.rglob("*"))
    assert read_stored(consent.scan.name) == SCAN
