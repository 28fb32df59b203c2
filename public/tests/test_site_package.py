"""«Пакет для сайта» is built by a task and kept in storage: downloads serve the kept ZIP (with
its ETag) until something is published, withdrawn or a consent changes; while the worker builds
it the curator sees «Пакет готовится…» (issue 16)."""

import io
import zipfile
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

import public.package
from mentoring_portal.settings.base import TASK_BACKENDS
from public import services
from public.models import SitePackage
from public.tasks import build_site_package
from public.tests.factories import make_post, published_order

DATABASE_QUEUE = {"default": {"BACKEND": TASK_BACKENDS["database"], "QUEUES": ["default"]}}
BUILD_TASK = "public.tasks.build_site_package"
URL = "/public/package.zip"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def builds(monkeypatch):
    """Counts the packages built (package_zip renders every PDF of the section)."""
    calls = []
    real = public.package.package_zip

    def counting(section):
        calls.append(section.pk)
        return real(section)

    monkeypatch.setattr(public.package, "package_zip", counting)
    return calls


def kept(media: Path) -> list[Path]:
    return sorted(path for path in (media / "packages").rglob("*") if path.is_file())


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_package_is_built_once_and_served_again_with_its_etag(world, client_for, media, builds):
    assert reverse("public:package") == URL
    section, _ = published_order(world)
    curator = client_for("curator")
    first = curator.get(URL)
    assert first.status_code == 200
    assert first["Content-Type"] == "application/zip"
    assert "attachment" in first["Content-Disposition"]
    zipped = body(first)
    assert zipfile.ZipFile(io.BytesIO(zipped)).namelist() == ["01-prikaz.pdf", "index.html"]
    assert [path.read_bytes() for path in kept(media)] == [zipped]
    again = curator.get(URL)
    assert body(again) == zipped
    assert builds == [section.pk]  # built once
    etag = first["ETag"]
    assert etag and again["ETag"] == etag
    assert curator.get(URL, headers={"If-None-Match": etag}).status_code == 304
    assert builds == [section.pk]


def test_a_publication_makes_the_next_download_build_a_new_package(
    world, client_for, media, builds, django_capture_on_commit_callbacks
):
    section, _ = published_order(world)
    curator = client_for("curator")
    first = curator.get(URL)
    old = kept(media)
    make_post(section, title="Пары закреплены")  # published through the service: stamp moves on
    with django_capture_on_commit_callbacks(execute=True):
        second = curator.get(URL)
    assert second["ETag"] != first["ETag"]
    index = zipfile.ZipFile(io.BytesIO(body(second))).read("index.html").decode()
    assert "Пары закреплены" in index
    assert builds == [section.pk, section.pk]
    # The previous archive is removed once the new one is recorded: one file per section.
    assert len(kept(media)) == 1 and kept(media) != old


def test_while_the_worker_builds_it_the_curator_sees_it_being_prepared(
    world, client_for, media, builds
):
    section, _ = published_order(world)
    curator = client_for("curator")
    with override_settings(TASKS=DATABASE_QUEUE):
        waiting = curator.get(URL)
        assert waiting.status_code == 202
        page = waiting.content.decode()
        assert "Пакет для сайта готовится…" in page
        assert f'<meta http-equiv="refresh" content="3; url={URL}?wait=1">' in page
        assert reverse("public:manage") in page
        # The page asking again, or a second click, does not enqueue a second build.
        assert curator.get(URL + "?wait=1").status_code == 202
        curator.get(URL)
        queued = DBTaskResult.objects.filter(task_path=BUILD_TASK)
        assert queued.count() == 1
        assert builds == [] and kept(media) == []

    task = queued.get()
    name = build_site_package.call(*task.args_kwargs["args"], **task.args_kwargs["kwargs"])
    # The same task run twice (enqueued again by a download) keeps the one package.
    assert build_site_package.call(section.pk) == name
    assert builds == [section.pk]
    # The waiting page's next look offers the file by a button (downloading it in place, its
    # refresh would download it again and again); the button downloads it.
    offered = curator.get(URL + "?wait=1")
    assert offered.status_code == 200
    page = offered.content.decode()
    assert "Пакет для сайта готов" in page and "http-equiv" not in page
    assert f'href="{URL}">Скачать архив (ZIP,' in page
    ready = curator.get(URL)
    assert ready.status_code == 200
    assert body(ready) == kept(media)[0].read_bytes()


def test_only_the_curator_downloads_it_and_only_by_get(world, client_for, media):
    published_order(world)
    for persona in ("director", "teacher", "mentor", "working_group", "coordinator"):
        assert client_for(persona).get(URL).status_code == 403, persona
    assert client_for(None).get(URL).status_code == 302  # to the login page
    assert client_for("curator").post(URL).status_code == 405
    assert not SitePackage.objects.exclude(file="").exists()
    assert not (media / "packages").exists()


def test_another_schools_curator_gets_their_own_schools_package(world, client_for, media):
    section, _ = published_order(world)
    client_for("curator").get(URL)
    theirs = client_for("outsider").get(URL)
    assert theirs.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(body(theirs))).namelist()
    assert names == ["index.html"]  # nothing of the main school's section
    other = services.section_for(world.other_school)
    assert SitePackage.objects.get(section=other).file.name != section.site_package.file.name
