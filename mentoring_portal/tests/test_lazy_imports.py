"""A web process loads the URLconf without the heavy libraries: WeasyPrint (with Pango and
fontTools), scipy and numpy's solver come in only in the process that renders a PDF or proposes
pairs (156 → 89 MiB of RSS before the first request, bench/http_throughput.py)."""

import subprocess
import sys

from tests.production import ROOT

HEAVY = ("weasyprint", "fontTools", "scipy", "pdfplumber", "pdfminer", "pypdfium2", "docx", "boto3")
PROBE = """
import os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "mentoring_portal.settings.base"
os.environ["DJANGO_SECRET_KEY"] = "x" * 60
from mentoring_portal.wsgi import application
from django.urls import get_resolver
get_resolver().url_patterns
print(" ".join(sorted(name for name in sys.modules if name.split(".")[0] in {heavy})))
"""


def test_the_urlconf_imports_no_heavy_library():
    result = subprocess.run(  # nosec B603 - our own interpreter and code
        [sys.executable, "-c", PROBE.format(heavy=set(HEAVY))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.stdout.split() == []
