"""Render time of the consents as PDF: the consent to processing of an adult and of a minor's
representative and, where the code has it, the consent to distribution (ст. 10.1) of each. Run
against a scratch database (the demo is loaded into it when absent):

    DATABASE_URL=sqlite:////tmp/bench_consents.sqlite3 .venv/bin/python bench/consent_render.py

Prints the median of ``ROUNDS`` renders per document, in milliseconds.
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

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from mentoring_portal.documents import render_pdf  # noqa: E402
from participants import services  # noqa: E402
from participants.models import Organisation, Person  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", "7"))
PUBLICATION = "participants/consent/publication_document.html"


def timed(render) -> float:
    render()  # warm: fonts, templates
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        render()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main():
    call_command("migrate", verbosity=0)
    if not get_user_model().objects.filter(username="director").exists():
        call_command("load_demo", verbosity=0)
    try:
        from participants.documents import consent_document_context, publication_document_context
    except ImportError:  # before the consent to distribution was a document of its own
        from participants.views.consents import consent_document_context

        publication_document_context = None
    school = Organisation.objects.get(people__user__username="curator")
    text = services.consent_text_current(organisation=school)
    adult = Person.objects.get(organisation=school, user__username="teacher")
    minor = next(
        p for p in Person.objects.filter(organisation=school, category="student") if p.is_minor()
    )
    for name, person in (("adult", adult), ("minor", minor)):
        context = consent_document_context(person, text)
        ms = timed(lambda c=context: render_pdf("participants/consent/document.html", c))
        print(f"consent {name}: {ms:.0f} ms")
        if publication_document_context is not None:
            context = publication_document_context(person, school)
            ms = timed(lambda c=context: render_pdf(PUBLICATION, c))
            print(f"publication {name}: {ms:.0f} ms")


if __name__ == "__main__":
    main()
