"""The demo school's open section, crawled as a visitor: no name, e-mail or phone of anyone
without a consent to distribution on any page or in any PDF, and a withdrawal takes effect at
once."""

import io
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.utils import timezone

from participants.models import Person
from participants.services import consent_withdraw
from public.models import Section
from public.people import with_publication_consent
from public.tests.test_public_pages import pdf_text

pytestmark = pytest.mark.django_db

LINK = re.compile(r'(?:href|src)="(/s/[^"#]*)"')


def crawl(client) -> dict[str, str]:
    """Every page and PDF reachable from /s/, as plain text (photos are only fetched)."""
    seen, texts, queue = set(), {}, ["/s/"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Set-Cookie" not in response.headers, url
        kind = response["Content-Type"]
        if kind.startswith("text/html"):
            html = response.content.decode()
            queue.extend(LINK.findall(html))
            texts[url] = unescape(re.sub(r"<[^>]+>", " ", html))
        elif kind == "application/pdf":
            texts[url] = pdf_text(response.content)
    return texts


def plain(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u00ad", "")
    text = re.sub(r"-\s*\n\s*", "", text)  # a word hyphenated at a line's end
    return re.sub(r"\s+", " ", text).lower()


def traces(person: Person) -> list[str]:
    first, middle = person.first_name[:1], person.middle_name[:1]
    initials = f"{first}. {middle}." if middle else f"{first}."
    found = [
        person.full_name,
        f"{person.last_name} {initials}",
        f"{initials} {person.last_name}",
        f"{person.last_name} {person.first_name}",
    ]
    if person.email:
        found.append(person.email)
    if person.phone:
        found.append(person.phone)
    return [trace.lower() for trace in found]


def leaks(texts: dict[str, str], people) -> list[tuple[str, str]]:
    plain_texts = {url: plain(text) for url, text in texts.items()}
    digits = {url: re.sub(r"\D", "", text) for url, text in texts.items()}
    found = []
    for person in people:
        phone = re.sub(r"\D", "", person.phone or "")[-10:]
        for url, text in plain_texts.items():
            found += [(url, trace) for trace in traces(person) if trace in text]
            if len(phone) == 10 and phone in digits[url]:
                found.append((url, person.phone))
    return found


def test_no_page_or_pdf_of_the_demo_school_names_anyone_without_consent(client):
    call_command("load_demo", stdout=io.StringIO())
    section = Section.objects.get(slug="gimnaziya-2-asino")
    texts = crawl(client)
    pages = [url for url in texts if not url.endswith(".pdf")]
    pdfs = [url for url in texts if url.endswith(".pdf")]
    # What a visitor finds: the section, the roadmap page and PDF, the order, posts, blanks.
    assert f"/s/{section.slug}/" in pages and len(pages) >= 5, pages
    assert len(pdfs) >= 6, pdfs
    everyone = list(with_publication_consent(Person.objects.all()))
    hidden = [person for person in everyone if not person.may_publish]
    shown = [person for person in everyone if person.may_publish]
    assert hidden and shown
    assert leaks(texts, hidden) == []
    # Not vacuous: the mentors who consented are on the section page by name.
    section_text = plain(texts[f"/s/{section.slug}/"])
    named = [person for person in shown if person.full_name.lower() in section_text]
    assert named

    # Withdrawing the consent takes the person off at once.
    person = named[0]
    consent_withdraw(
        consent=person.valid_consent(), by=None, date=timezone.localdate(), reason="Заявление"
    )
    person.may_publish = False
    assert leaks(crawl(client), [person]) == []
