"""The consent to distribution (ст. 10.1 152-ФЗ) is a document of its own (issue 12, point 10):
printed with what Roskomnadzor's order № 18 requires, registered from paper or given online,
withdrawn apart from the consent to processing — and the one thing the public section reads."""

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from mentoring_portal.russian import FEMALE, gender_of
from participants import services
from participants.models import Consent, MentorProfile, Person, PublicationConsent
from public.tests.factories import open_section
from tests.factories import PersonFactory

NBSP = "\u00a0"
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(page.extract_text() for page in pages)
    return " ".join(text.replace(NBSP, " ").split()).replace("\u2010 ", "")


@pytest.fixture
def requisites(world):
    school = world.school
    school.address = "636840, Томская область, г. Асино, ул. Ленина, д. 12"
    school.website = "https://gimnaziya2-asino.example"
    school.inn = "7002012345"
    school.ogrn = "1027000123456"
    school.save()
    return school


@pytest.fixture
def pupil(world, give_consent):
    mother = PersonFactory(
        organisation=world.school,
        last_name="Соколова",
        first_name="Ольга",
        middle_name="Сергеевна",
        category=Person.Category.PARENT,
        phone="+7 913 444-55-66",
        email="sokolova@example.ru",
    )
    girl = PersonFactory(
        organisation=world.school,
        last_name="Соколова",
        first_name="Мария",
        middle_name="Петровна",
        category=Person.Category.STUDENT,
        school_class="10Б",
        birth_date=timezone.localdate() - timedelta(days=15 * 365),
        legal_representative=mother,
    )
    give_consent(girl, given_by_person=mother)
    return girl


def given(person, *, photo=True, conditions="", by=None):
    return services.publication_record_paper(
        person=person,
        scan="",
        signed_on=timezone.localdate(),
        photo=photo,
        conditions=conditions,
        by=by,
    )


# --- the document ----------------------------------------------------------------------------


def test_the_adults_consent_to_distribution_holds_what_order_18_requires(
    world, client_for, requisites
):
    teacher = world.people["teacher"]
    Person.objects.filter(pk=teacher.pk).update(phone="+7 913 100-20-30", email="t@example.ru")
    response = client_for("curator").get(
        reverse("participants:person_publication_pdf", args=[teacher.pk])
    )
    text = pdf_text(response)
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1
    for needed in [
        "разрешённых субъектом персональных данных для распространения",
        "статья 10.1 Федерального закона от 27.07.2006 № 152-ФЗ",
        teacher.full_name,  # 1: the subject
        "+7 913 100-20-30",  # 1: the subject's contacts
        "t@example.ru",
        requisites.full_name,  # 3: the operator, its address, ИНН and ОГРН
        "г. Асино, ул. Ленина",
        "ИНН 7002012345",
        "ОГРН 1027000123456",
        "https://gimnaziya2-asino.example",  # 4: the information resources
        "Цель обработки: информирование неограниченного круга лиц",  # 5
        "фамилия, имя, отчество; должность",  # 6: the data
        "☐ фотографическое изображение",  # left to tick on paper
        "☐ не устанавливаю",  # 7: conditions and prohibitions
        "Срок действия согласия",  # 9: the term
        "может быть отозвано в любое время требованием",
        "ч. 12 ст. 10.1",
        "Подпись субъекта персональных данных",
    ]:
        assert needed in text, needed
    assert "законным представителем" not in text
    # Not the processing consent: its document says the publication one is separate.
    processing = pdf_text(
        client_for("curator").get(reverse("participants:person_consent_pdf", args=[teacher.pk]))
    )
    assert "☐" not in processing and "отдельным документом" in processing


def test_a_minors_consent_is_worded_for_the_legal_representative(world, client_for, pupil):
    text = pdf_text(
        client_for("curator").get(reverse("participants:person_publication_pdf", args=[pupil.pk]))
    )
    assert "Я, Соколова Ольга Сергеевна" in text
    assert "являясь законным представителем несовершеннолетней — Соколова Мария Петровна" in text
    assert "обучающейся 10 «Б» класса" in text  # agreement with a girl (point 11)
    assert "+7 913 444-55-66" in text  # the representative's contacts
    assert "фамилия, имя, отчество; класс" in text
    assert "Я уведомлена" in text
    assert "О. С. Соколова" in text  # the signature's transcript
    processing = pdf_text(
        client_for("curator").get(reverse("participants:person_consent_pdf", args=[pupil.pk]))
    )
    assert "обучающейся 10 «Б» класса" in processing and "проживающая по адресу" in processing
    assert "я подтверждаю, что ознакомлена" in processing.lower()  # the school's own text agrees


def test_the_documents_keep_their_non_breaking_spaces_and_russian_hyphenation(
    world, client_for, requisites
):
    from pypdf import PdfReader as Reader

    response = client_for("curator").get(
        reverse("participants:person_publication_pdf", args=[world.people["teacher"].pk])
    )
    raw = " ".join(page.extract_text() for page in Reader(io.BytesIO(response.content)).pages)
    assert f"№{NBSP}152-ФЗ" in raw and f"г.{NBSP}Асино" in raw and f"ст.{NBSP}10.1" in raw


def test_the_document_as_given_online_says_so(world, client_for, give_consent):
    teacher = world.people["teacher"]
    give_consent(teacher)
    publication = services.publication_give_online(
        person=teacher,
        typed_name=teacher.full_name,
        photo=False,
        conditions="запрещаю передачу неограниченному кругу лиц",
        user=world.user("teacher"),
        ip_address="10.0.0.5",
    )
    text = pdf_text(
        client_for("director").get(reverse("participants:publication_pdf", args=[publication.pk]))
    )
    assert "Согласие дано на портале" in text and teacher.full_name in text
    assert "запрещаю передачу неограниченному кругу лиц" in text
    assert "☐" not in text and "фотографическое" not in text


# --- access ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["person_publication_pdf", "person_publication_upload"],
)
def test_only_the_curator_prints_and_registers_and_only_in_their_school(world, client_for, name):
    teacher = world.people["teacher"]
    assert (
        client_for("teacher").get(reverse(f"participants:{name}", args=[teacher.pk])).status_code
        == 403
    )
    assert (
        client_for("director").get(reverse(f"participants:{name}", args=[teacher.pk])).status_code
        == 403
    )
    assert (
        client_for("curator").get(reverse(f"participants:{name}", args=[teacher.pk])).status_code
        == 200
    )
    stranger = world.people["outsider"]
    assert (
        client_for("curator").get(reverse(f"participants:{name}", args=[stranger.pk])).status_code
        == 404
    )


def test_a_given_consent_is_read_by_the_management_of_its_school_only(
    world, client_for, give_consent, media_scan
):
    teacher = world.people["teacher"]
    give_consent(teacher)
    publication = services.publication_record_paper(
        person=teacher,
        scan=SimpleUploadedFile("scan.png", PNG),
        signed_on=timezone.localdate(),
        photo=True,
        conditions="",
        by=world.user("curator"),
    )
    for name in ("publication_pdf", "publication_scan"):
        url = reverse(f"participants:{name}", args=[publication.pk])
        assert client_for("director").get(url).status_code == 200
        assert client_for("teacher").get(url).status_code == 403
        assert client_for("outsider").get(url).status_code == 404
    withdraw = reverse("participants:publication_withdraw", args=[publication.pk])
    assert client_for("director").get(withdraw).status_code == 403
    assert client_for("outsider").post(withdraw, {"date": "01.01.2026"}).status_code == 404
    assert PublicationConsent.objects.get(pk=publication.pk).withdrawn_on is None


@pytest.fixture
def media_scan(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# --- giving it ---------------------------------------------------------------------------------


def test_the_curator_registers_a_signed_paper_consent(world, client_for, give_consent):
    teacher = world.people["teacher"]
    give_consent(teacher)
    url = reverse("participants:person_publication_upload", args=[teacher.pk])
    client = client_for("curator")
    bad = client.post(
        url,
        {
            "signed_on": (timezone.localdate() + timedelta(days=2)).strftime("%d.%m.%Y"),
            "scan": SimpleUploadedFile("scan.pdf", b"MZ not a pdf"),
        },
    )
    html = bad.content.decode()
    assert "PDF, JPG или PNG" in html and "не может быть в будущем" in html
    assert not PublicationConsent.objects.exists()
    response = client.post(
        url,
        {
            "signed_on": timezone.localdate().strftime("%d.%m.%Y"),
            "scan": SimpleUploadedFile("scan.png", PNG),
            "conditions": "  запрещаю передачу неограниченному кругу лиц ",
        },
    )
    assert response.status_code == 302
    publication = PublicationConsent.objects.get(person=teacher)
    assert publication.method == Consent.Method.PAPER and publication.scan
    assert publication.photo is False and "фотограф" not in publication.data_items
    assert publication.conditions == "запрещаю передачу неограниченному кругу лиц"
    page = client.get(reverse("participants:person_detail", args=[teacher.pk])).content.decode()
    assert 'data-testid="publication-row"' in page and "запрещаю передачу" in page
    again = client.post(
        url,
        {
            "signed_on": timezone.localdate().strftime("%d.%m.%Y"),
            "scan": SimpleUploadedFile("s.png", PNG),
        },
    )
    assert "уже есть действующее согласие на распространение" in again.content.decode()
    assert PublicationConsent.objects.count() == 1


def test_no_consent_to_distribution_without_one_to_processing(world, client_for):
    teacher = world.people["teacher"]
    response = client_for("curator").post(
        reverse("participants:person_publication_upload", args=[teacher.pk]),
        {
            "signed_on": timezone.localdate().strftime("%d.%m.%Y"),
            "scan": SimpleUploadedFile("s.png", PNG),
        },
    )
    assert "Сначала нужно согласие на обработку" in response.content.decode()
    assert not PublicationConsent.objects.exists()


def test_the_person_gives_it_online_with_their_choices(world, client_for, give_consent):
    teacher = world.people["teacher"]
    give_consent(teacher)
    client = client_for("teacher")
    url = reverse("participants:my_publication")
    page = client.get(url).content.decode()
    assert "разрешённых субъектом персональных данных для распространения" in page
    read = "прочитала" if gender_of(teacher) == FEMALE else "прочитал"
    assert f"Я {read} текст и даю согласие на распространение" in page  # agrees with the signer
    wrong = client.post(url, {"typed_name": "Иванов Иван", "agree": "on", "photo": "on"})
    assert "ФИО не совпадает" in wrong.content.decode()
    assert not PublicationConsent.objects.exists()
    response = client.post(
        url, {"typed_name": teacher.full_name, "agree": "on", "photo": "on"}, REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 302
    publication = PublicationConsent.objects.get(person=teacher)
    assert publication.method == Consent.Method.ONLINE and publication.photo
    assert publication.ip_address == "10.1.2.3" and publication.typed_name == teacher.full_name
    documents = client.get(reverse("participants:my_documents")).content.decode()
    assert "Отозвать согласие на распространение" in documents


def test_a_legal_representative_gives_it_for_the_minor(world, client_for, pupil):
    mother = pupil.legal_representative
    login = world.user("teacher")
    Person.objects.filter(pk=world.people["teacher"].pk).update(user=None)
    mother.user = login
    mother.save()
    client = client_for(None)
    client.force_login(login)
    url = reverse("participants:my_publication") + f"?for={pupil.pk}"
    assert "являясь законным представителем" in client.get(url).content.decode()
    client.post(url, {"typed_name": mother.full_name, "agree": "on"})
    publication = PublicationConsent.objects.get(person=pupil)
    assert publication.given_by_person == mother
    assert publication.data_items == "фамилия, имя, отчество; класс"
    # Somebody else's child: not found.
    stranger = PersonFactory(organisation=world.school, category=Person.Category.STUDENT)
    response = client.get(reverse("participants:my_publication") + f"?for={stranger.pk}")
    assert response.status_code == 404


# --- withdrawing it, and what the public section shows -----------------------------------------


def _mentor_on_the_public_page(world, client):
    from pairs.tests.factories import mentor_in_bank
    from public import services as public_services

    section = open_section(world)
    public_services.section_set(section=section, field="mentors_published", value=True)
    mentor = Person.objects.get(pk=world.people["mentor"].pk)
    mentor_in_bank(mentor)
    MentorProfile.objects.filter(person=mentor).update(status=MentorProfile.Status.IN_BANK)
    url = reverse("public:section", args=[section.slug])
    assert mentor.full_name not in client.get(url).content.decode()  # processing consent only
    publication = given(mentor)
    assert mentor.full_name in client.get(url).content.decode()
    return mentor, publication, url


def test_withdrawing_it_stops_the_public_page_and_keeps_the_processing_consent(
    world, client_for, client
):
    mentor, publication, url = _mentor_on_the_public_page(world, client)
    curator = client_for("curator")
    withdraw = reverse("participants:publication_withdraw", args=[publication.pk])
    assert "не называет участника" in curator.get(withdraw).content.decode()
    future = curator.post(
        withdraw, {"date": (date.today() + timedelta(days=3)).strftime("%d.%m.%Y")}
    )
    assert "не может быть в будущем" in future.content.decode()
    response = curator.post(
        withdraw, {"date": timezone.localdate().strftime("%d.%m.%Y"), "reason": "Требование"}
    )
    assert response.status_code == 302
    twice = curator.post(withdraw, {"date": timezone.localdate().strftime("%d.%m.%Y")})
    assert "уже отозвано" in twice.content.decode()
    client.logout()
    assert mentor.full_name not in client.get(url).content.decode()
    assert mentor.has_valid_consent()  # the consent to processing is untouched
    assert MentorProfile.objects.get(person=mentor).status == MentorProfile.Status.IN_BANK


def test_the_person_withdraws_only_the_consent_to_distribution(world, client_for, client):
    mentor, publication, url = _mentor_on_the_public_page(world, client)
    own = client_for("mentor")
    response = own.post(
        reverse("participants:my_publication_withdraw"),
        {"date": timezone.localdate().strftime("%d.%m.%Y")},
    )
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.withdrawal_reason == "Отозвано участником на портале."
    client.logout()
    assert mentor.full_name not in client.get(url).content.decode()
    assert mentor.has_valid_consent()


def test_withdrawing_the_processing_consent_withdraws_distribution_too(world, client):
    mentor, publication, url = _mentor_on_the_public_page(world, client)
    services.consent_withdraw(
        consent=mentor.valid_consent(), by=None, date=timezone.localdate(), reason="Заявление"
    )
    publication.refresh_from_db()
    assert publication.is_withdrawn
    assert "вместе с согласием на обработку" in publication.withdrawal_reason
    assert mentor.full_name not in client.get(url).content.decode()


def test_the_one_rule_counts_the_photograph_apart(world, give_consent):
    teacher, mentor = world.people["teacher"], world.people["mentor"]
    give_consent(teacher)
    give_consent(mentor)
    given(teacher, photo=False)
    given(mentor, photo=True)
    people = {
        p.pk: (p.may_publish, p.may_publish_photo)
        for p in Person.objects.filter(organisation=world.school).with_publication_consent()
    }
    assert people[teacher.pk] == (True, False)
    assert people[mentor.pk] == (True, True)
    assert people[world.people["mentee"].pk] == (False, False)
    # An expired consent to processing ends the right to publish too.
    Consent.objects.filter(person=mentor).update(valid_until=timezone.localdate() - timedelta(1))
    again = Person.objects.with_publication_consent().get(pk=mentor.pk)
    assert (again.may_publish, again.may_publish_photo) == (False, False)
