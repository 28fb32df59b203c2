"""«Пакет для сайта» of the demo school: building it (what every download did in the request
before it became a task) against a download of the kept ZIP and its 304. Run against a database
holding the demo (``manage.py load_demo``), with the immediate task backend:

    DJANGO_VAR_DIR=/tmp/bench-var DJANGO_SETTINGS_MODULE=mentoring_portal.settings.dev \\
        DJANGO_TASKS_BACKEND=immediate .venv/bin/python bench/site_package_download.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring_portal.settings.dev")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from participants.models import Membership, Role  # noqa: E402
from public.models import Section, SitePackage  # noqa: E402
from public.package import package_zip  # noqa: E402


def median_ms(function, times: int) -> float:
    spent = []
    for _ in range(times):
        started = time.perf_counter()
        function()
        spent.append(time.perf_counter() - started)
    return statistics.median(spent) * 1000


def main():
    settings.ALLOWED_HOSTS = ["*"]
    section = Section.objects.filter(is_open=True).select_related("organisation").first()
    membership = Membership.objects.filter(
        organisation=section.organisation, role=Role.CURATOR
    ).first()
    client = Client()
    client.force_login(membership.user)
    url = reverse("public:package")

    build = median_ms(lambda: package_zip(section), 3)
    SitePackage.objects.filter(section=section).update(built_for="", requested_for="")
    started = time.perf_counter()
    first = client.get(url)
    first_ms = (time.perf_counter() - started) * 1000
    assert first.status_code == 200, first.status_code
    size = len(b"".join(first.streaming_content))
    etag = first["ETag"]

    def download():
        response = client.get(url)
        assert response.status_code == 200
        b"".join(response.streaming_content)

    def conditional():
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304

    kept = median_ms(download, 30)
    not_modified = median_ms(conditional, 30)
    print(f"{section.organisation.short_name}: ZIP {size // 1024} KiB")
    print(f"  building it (each download before)   {build:8.1f} ms  (median of 3)")
    print(f"  first download (the task builds it)  {first_ms:8.1f} ms")
    print(f"  download of the kept ZIP             {kept:8.1f} ms  (median of 30)")
    print(f"  304 with its ETag                    {not_modified:8.1f} ms  (median of 30)")


if __name__ == "__main__":
    main()
