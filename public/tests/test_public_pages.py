"""The visitor's side: what an open section serves, to whom, and what it never sends."""

import pytest
from django.urls import reverse

from public import services
from public.models import Names
from public.tests.factories import (
    make_post,
    open_section,
    publish_consent,
    published_order,
    published_roadmap,
)


def pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def assert_cookie_free(response, *, cached=True):
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    if cached:  # (the portal's 404 page is the shared one: it sets no cookie, but may vary)
        assert "Cookie" not in response.get("Vary", "")


def test_the_section_page_is_served_without_login_session_or_cookie(world, client):
    section = open_section(world)
    response = client.get(reverse("public:section", args=[section.slug]))
    assert response.status_code == 200
    assert_cookie_free(response)
    assert response.wsgi_request.session.accessed is False
    html = response.content.decode()
    assert "<title>Наставничество — МАОУ гимназия № 2</title>" in html
    assert '<meta name="description"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "Раскрытие потенциала наставляемого." in html


def test_a_closed_section_unpublished_items_and_wrong_names_are_404(world, client):
    section = open_section(world)
    draft = make_post(section, published=False, title="Черновик новости")
    withdrawn = make_post(section, title="Снятая новость")
    services.post_withdraw(post=withdrawn)
    for url in (
        reverse("public:post", args=[section.slug, draft.pk]),
        reverse("public:post", args=[section.slug, withdrawn.pk]),
        reverse("public:roadmap_pdf", args=[section.slug, 999]),
        reverse("public:order_pdf", args=[section.slug, 999]),
        reverse("public:form", args=[section.slug, "consent"]),  # blanks not published
        reverse("public:section", args=["no-such-school"]),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert_cookie_free(response, cached=False)
    services.section_set(section=section, field="is_open", value=False)
    assert client.get(reverse("public:section", args=[section.slug])).status_code == 404
    # Anything outside the section asks for a login.
    assert client.get(reverse("public:manage")).status_code == 302
    assert client.get(reverse("roadmap:list")).status_code == 302


def test_another_schools_document_is_not_served_under_this_address(world, client):
    section, roadmap = published_roadmap(world)
    other = services.section_for(world.other_school)
    other.slug = "school-5"
    services.section_save(section=other)
    services.section_set(section=other, field="is_open", value=True)
    assert client.get(reverse("public:roadmap", args=["school-5", roadmap.pk])).status_code == 404
    assert client.get(reverse("public:roadmap", args=[section.slug, roadmap.pk])).status_code == 200


def test_a_post_with_names_replaced_and_a_photo_without_consent_is_refused(world):
    section = open_section(world)
    mentor = world.people["mentor"]
    post = make_post(section, published=False, title=f"Урок {mentor.full_name}", names="full")
    post.people.set([mentor])
    with pytest.raises(Exception, match="Без согласия на распространение"):
        services.post_publish(post=post)
    post.names = Names.REPLACED
    post.save()
    services.post_publish(post=post)


def test_withdrawing_the_consent_to_publish_takes_the_mentor_off_at_once(world, client):
    from pairs.tests.factories import mentor_in_bank

    section = open_section(world)
    services.section_set(section=section, field="mentors_published", value=True)
    mentor = world.people["mentor"]
    mentor_in_bank(mentor)
    profile = mentor.mentor_profile if hasattr(mentor, "mentor_profile") else None
    from participants.models import MentorProfile

    MentorProfile.objects.filter(person=mentor).update(status=MentorProfile.Status.IN_BANK)
    consent = publish_consent(mentor)
    url = reverse("public:section", args=[section.slug])
    first = client.get(url)
    assert mentor.full_name in first.content.decode()
    # A second request is served from the cache with the same ETag.
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    from django.utils import timezone

    from participants.services import consent_withdraw

    consent_withdraw(consent=consent, by=None, date=timezone.localdate(), reason="Заявление")
    after = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200
    assert mentor.full_name not in after.content.decode()
    assert mentor.short_name not in after.content.decode()
    del profile


def test_a_consent_without_publication_is_not_enough(world, client):
    from pairs.tests.factories import mentor_in_bank
    from participants.models import MentorProfile

    section = open_section(world)
    services.section_set(section=section, field="mentors_published", value=True)
    mentor = world.people["mentor"]
    mentor_in_bank(mentor)
    MentorProfile.objects.filter(person=mentor).update(status=MentorProfile.Status.ACTIVE)
    publish_consent(mentor, publication=False)
    html = client.get(reverse("public:section", args=[section.slug])).content.decode()
    assert mentor.full_name not in html
    publish_consent(mentor)
    html = client.get(reverse("public:section", args=[section.slug])).content.decode()
    assert mentor.full_name in html
    assert mentor.email not in html  # the consent names ФИО and должность only


def test_the_roadmap_page_and_pdf_replace_the_responsible_people(world, client):
    section, roadmap = published_roadmap(world, names=Names.REPLACED)
    group = world.people["working_group"]
    page = client.get(reverse("public:roadmap", args=[section.slug, roadmap.pk]))
    assert page.status_code == 200
    assert_cookie_free(page)
    html = page.content.decode()
    assert "Мероприятие 1.1" in html
    assert group.last_name not in html
    pdf = client.get(reverse("public:roadmap_pdf", args=[section.slug, roadmap.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert_cookie_free(pdf)
    text = pdf_text(pdf.content)
    assert "Мероприятие 1.1" in text
    assert group.last_name not in text


def test_the_order_pdf_names_mentors_by_number(world, client):
    section, order = published_order(world, names=Names.REPLACED)
    response = client.get(reverse("public:order_pdf", args=[section.slug, order.pk]))
    text = pdf_text(response.content)
    assert "ПРИКАЗ" in text.upper()
    assert "Наставник 1" in text
    assert "Наставляемый 1" in text
    for persona in ("mentor", "mentee"):
        assert world.people[persona].last_name not in text


def test_publishing_with_names_needs_everyones_consent(world):
    section = open_section(world)
    from public.tests.factories import approved_roadmap

    roadmap = approved_roadmap(world)
    with pytest.raises(Exception, match="Без согласия на распространение"):
        services.document_publish(section=section, document=roadmap, names=Names.FULL, by=None)
    publish_consent(world.people["working_group"])
    services.document_publish(section=section, document=roadmap, names=Names.FULL, by=None)


def test_the_index_lists_open_sections_and_the_login_page_links_it(world, client):
    section = open_section(world)
    login = client.get(reverse("login")).content.decode()
    assert reverse("public:index") in login
    assert "Открытые разделы школ" in login
    response = client.get(reverse("public:index"))
    assert_cookie_free(response)
    assert reverse("public:section", args=[section.slug]) in response.content.decode()
    assert "МБОУ СОШ № 5" not in response.content.decode()


def test_blanks_download_as_pdf(world, client):
    from participants.services import consent_text_current

    section = open_section(world)
    services.section_set(section=section, field="forms_published", value=True)
    consent_text_current(organisation=world.school)
    expected = {
        "consent": "Согласие",
        "request": "Запрос наставляемого",
        "questionnaire": "Анкета наставника",
        "program": "Персонализированная программа наставничества",
    }
    for name, heading in expected.items():
        response = client.get(reverse("public:form", args=[section.slug, name]))
        assert response.status_code == 200, name
        assert heading.lower() in pdf_text(response.content).lower().replace("\n", " "), name
    assert client.get(reverse("public:form", args=[section.slug, "other"])).status_code == 404


def test_the_section_page_costs_one_query_from_the_cache(world, client, django_assert_num_queries):
    section = open_section(world)
    for number in range(5):
        make_post(section, title=f"Новость {number}")
    url = reverse("public:section", args=[section.slug])
    client.get(url)
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
def test_building_the_section_page_costs_the_same_for_5_or_50_posts(
    world, client, django_assert_num_queries, rows
):
    from public.views.pages import cache

    section = open_section(world)
    for number in range(rows):
        make_post(section, title=f"Новость {number}")
    cache.clear()
    with django_assert_num_queries(6):
        assert client.get(reverse("public:section", args=[section.slug])).status_code == 200
