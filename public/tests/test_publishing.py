"""The curator's side: preview, one-click publish and withdraw, posts, «Пакет для сайта»."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from public.models import Names, Post, Publication, Section
from public.tests.factories import (
    approved_roadmap,
    make_post,
    open_section,
    publish_consent,
    published_order,
)
from public.tests.test_public_pages import pdf_text

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_the_curator_previews_then_publishes_the_roadmap_and_withdraws_it(world, client_for):
    section = open_section(world)
    roadmap = approved_roadmap(world)
    client = client_for("curator")
    page = client.get(reverse("public:manage")).content.decode()
    assert roadmap.title in page
    preview = client.get(reverse("public:preview", args=["roadmap", roadmap.pk]))
    html = preview.content.decode()
    # Who stops the version with names, and the page as a visitor will see it.
    assert "Кравцова Е. А." in html
    assert "Мероприятие 1.1" in html
    assert not Publication.objects.exists()  # nothing public before the click

    refused = client.post(
        reverse("public:publish", args=["roadmap", roadmap.pk]), {"names": Names.FULL}
    )
    assert refused.status_code == 302
    assert not Publication.objects.exists()

    client.post(reverse("public:publish", args=["roadmap", roadmap.pk]), {"names": Names.REPLACED})
    client.post(reverse("public:publish", args=["roadmap", roadmap.pk]), {"names": Names.REPLACED})
    publication = Publication.objects.get()  # a second click publishes nothing twice
    assert publication.names == Names.REPLACED
    anonymous = client_for(None)
    assert (
        anonymous.get(reverse("public:roadmap", args=[section.slug, roadmap.pk])).status_code == 200
    )

    client = client_for("curator")
    client.post(reverse("public:withdraw", args=[publication.pk]))
    assert not Publication.objects.exists()
    anonymous = client_for(None)
    assert (
        anonymous.get(reverse("public:roadmap", args=[section.slug, roadmap.pk])).status_code == 404
    )


def test_publish_without_a_choice_or_of_a_draft_is_refused(world, client_for):
    from roadmap.tests.factories import make_roadmap

    open_section(world)
    roadmap = approved_roadmap(world)
    draft = make_roadmap(world.school)
    client = client_for("curator")
    response = client.post(reverse("public:publish", args=["roadmap", roadmap.pk]), {"names": "x"})
    assert response.status_code == 302
    assert not Publication.objects.exists()
    assert (
        client.post(
            reverse("public:publish", args=["roadmap", draft.pk]), {"names": Names.REPLACED}
        ).status_code
        == 404
    )
    assert client.get(reverse("public:preview", args=["pair", roadmap.pk])).status_code == 404


def test_the_preview_pdf_is_what_the_public_gets(world, client_for):
    section, order = published_order(world)
    curator = client_for("curator")
    preview = curator.get(
        reverse("public:preview_pdf", args=["order", order.pk]) + "?names=replaced"
    )
    public = client_for(None).get(reverse("public:order_pdf", args=[section.slug, order.pk]))
    assert pdf_text(preview.content) == pdf_text(public.content)


def test_settings_bad_address_is_refused_and_nothing_saved(world, client_for):
    section = open_section(world)
    other = Section.objects.create(organisation=world.other_school, slug="school-5")
    client = client_for("curator")
    for slug, message in (
        ("Гимназия 2", "латинские строчные буквы"),
        ("school-5", "уже занят"),
        ("", "Обязательное поле"),
    ):
        response = client.post(reverse("public:settings"), {"slug": slug, "aims": "Новые цели"})
        assert response.status_code == 200
        assert message in response.content.decode()
    section.refresh_from_db()
    assert section.slug == "gimnaziya-2" and section.aims != "Новые цели"
    response = client.post(
        reverse("public:settings"), {"slug": "gym-2", "aims": "Новые цели", "curator": ""}
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.slug == "gym-2"
    del other


def test_switches_open_the_section_and_the_mentors_list(world, client_for):
    section = open_section(world)
    client = client_for("curator")
    client.post(reverse("public:switch", args=["mentors", "on"]))
    client.post(reverse("public:switch", args=["open", "off"]))
    section.refresh_from_db()
    assert section.mentors_published and not section.is_open
    assert client.post(reverse("public:switch", args=["secret", "on"])).status_code == 404
    assert client.get(reverse("public:switch", args=["open", "on"])).status_code == 405


def test_a_post_with_a_photo_is_saved_previewed_published_and_withdrawn(world, client_for):
    section = open_section(world)
    client = client_for("curator")
    data = {
        "kind": Post.Kind.PRACTICE,
        "title": "Урок вдвоём",
        "date": "01.12.2026",
        "body": "Наставник и молодой учитель ведут уроки вместе.",
        "names": Names.FULL,
    }
    # Bad input: a wrong date, a photo that is not one, a photo without its description.
    bad = client.post(
        reverse("public:post_create"),
        {**data, "date": "2026/12/01", "photo": SimpleUploadedFile("a.png", b"not an image")},
    )
    text = bad.content.decode()
    assert "ДД.ММ.ГГГГ" in text and "JPG или PNG" in text
    no_alt = client.post(
        reverse("public:post_create"), {**data, "photo": SimpleUploadedFile("a.png", PNG)}
    )
    assert "Опишите, что на фотографии" in no_alt.content.decode()
    assert not Post.objects.exists()

    created = client.post(
        reverse("public:post_create"),
        {**data, "photo": SimpleUploadedFile("a.png", PNG), "photo_alt": "Урок"},
    )
    post = Post.objects.get()
    assert created["Location"] == reverse("public:post_preview", args=[post.pk])
    assert "Урок вдвоём" in client.get(created["Location"]).content.decode()
    assert client.get(reverse("public:post_photo_private", args=[post.pk])).status_code == 200
    anonymous_url = reverse("public:post", args=[section.slug, post.pk])
    assert client_for(None).get(anonymous_url).status_code == 404

    client = client_for("curator")
    client.post(reverse("public:post_publish", args=[post.pk]))
    anonymous = client_for(None)
    assert anonymous.get(anonymous_url).status_code == 200
    assert (
        anonymous.get(reverse("public:post_photo", args=[section.slug, post.pk])).status_code == 200
    )

    client = client_for("curator")
    client.post(reverse("public:post_withdraw", args=[post.pk]))
    assert client_for(None).get(anonymous_url).status_code == 404


def test_a_photo_of_someone_without_consent_is_not_shown(world, client_for):
    section = open_section(world)
    mentor = world.people["mentor"]
    post = make_post(section, published=False, names=Names.REPLACED, photo_alt="Урок")
    post.photo.save("p.png", io.BytesIO(PNG), save=True)
    post.people.set([mentor])
    client = client_for("curator")
    response = client.post(reverse("public:post_publish", args=[post.pk]))
    assert response.status_code == 302
    post.refresh_from_db()
    assert not post.is_published  # refused: a face cannot be replaced
    publish_consent(mentor)
    client.post(reverse("public:post_publish", args=[post.pk]))
    post.refresh_from_db()
    assert post.is_published


def test_the_site_package_holds_the_pdfs_and_an_index(world, client_for):
    section, order = published_order(world)
    make_post(section, title="Пары закреплены")
    response = client_for("curator").get(reverse("public:package"))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert names == ["01-prikaz.pdf", "index.html"]
    index = archive.read("index.html").decode()
    assert 'href="01-prikaz.pdf"' in index and "Пары закреплены" in index
    assert "Наставник 1" in pdf_text(archive.read("01-prikaz.pdf"))
    assert world.people["mentor"].last_name not in index


def test_the_regulation_in_force_is_published_as_a_page_and_its_stored_pdf(world, client_for):
    from public.tests.factories import regulation_in_force

    section = open_section(world)
    regulation = regulation_in_force(world)
    client = client_for("curator")
    assert regulation.title in client.get(reverse("public:manage")).content.decode()
    preview = client.get(reverse("public:preview", args=["regulation", regulation.pk]))
    assert "1. Общие положения" in preview.content.decode()
    client.post(
        reverse("public:publish", args=["regulation", regulation.pk]), {"names": Names.FULL}
    )
    visitor = client_for(None)
    page = visitor.get(reverse("public:regulation", args=[section.slug, regulation.pk]))
    assert "Общие положения" in page.content.decode()
    pdf = visitor.get(reverse("public:regulation_pdf", args=[section.slug, regulation.pk]))
    assert pdf.content == regulation.pdf_bytes()  # the stored document, not a new print
    listed = visitor.get(reverse("public:section", args=[section.slug])).content.decode()
    assert reverse("public:regulation_pdf", args=[section.slug, regulation.pk]) in listed
