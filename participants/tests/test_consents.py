import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from mentoring_portal.russian import FEMALE, gender_of
from participants import services
from participants.models import Consent, ConsentText, MenteeRequest, Person, PublicationConsent
from participants.tests.factories import MenteeRequestFactory, MentorProfileFactory
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_teacher_gives_consent_online(world, client_for):
    teacher = world.people["teacher"]
    client = client_for("teacher")
    page = client.get(reverse("participants:my_consent"))
    assert world.school.full_name in page.content.decode()
    response = client.post(
        reverse("participants:my_consent"),
        {"typed_name": f"  {teacher.full_name.upper()} ", "agree": "on"},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302
    consent = Consent.objects.get(person=teacher)
    assert consent.method == Consent.Method.ONLINE
    assert consent.text == ConsentText.current_for(world.school)
    assert consent.given_from_user == world.user("teacher")
    assert consent.ip_address == "10.1.2.3"
    assert not PublicationConsent.objects.filter(person=teacher).exists()  # a document apart
    assert teacher.has_valid_consent()


def test_wrong_typed_name_is_refused(world, client_for):
    response = client_for("teacher").post(
        reverse("participants:my_consent"), {"typed_name": "Иванов Иван", "agree": "on"}
    )
    assert "ФИО не совпадает" in response.content.decode()
    assert not Consent.objects.exists()


def test_representative_consents_for_a_minor(world, client_for):
    parent = world.people["teacher"]
    pupil = PersonFactory(
        organisation=world.school,
        category=Person.Category.STUDENT,
        school_class="5А",
        legal_representative=parent,
    )
    client_for("teacher").post(
        reverse("participants:my_consent") + f"?for={pupil.pk}",
        {"typed_name": parent.full_name, "agree": "on"},
    )
    consent = Consent.objects.get(person=pupil)
    assert consent.given_by_person == parent


def test_nobody_consents_for_someone_they_do_not_represent(world, client_for):
    other = world.people["mentee"]
    response = client_for("teacher").get(reverse("participants:my_consent") + f"?for={other.pk}")
    assert response.status_code == 404
    response = client_for("teacher").post(
        reverse("participants:my_consent_withdraw") + f"?for={other.pk}", {"date": "01.01.2026"}
    )
    assert response.status_code == 404


def test_new_text_version_keeps_the_old_consent_text(world, client_for, give_consent):
    first = give_consent(world.people["mentor"])
    client_for("curator").post(
        reverse("participants:consent_text_publish"),
        {"purposes": "новые цели", "data_categories": "ФИО", "body": "Новая редакция текста"},
    )
    latest = ConsentText.current_for(world.school)
    assert latest.version == first.text.version + 1
    first.refresh_from_db()
    assert first.text.version == 1
    assert "Новая редакция" not in first.text.body


def test_consent_pdf_has_every_item_of_article_9(world, client_for):
    response = client_for("curator").get(
        reverse("participants:person_consent_pdf", kwargs={"pk": world.people["teacher"].pk})
    )
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split()).replace("\u2010 ", "")  # words hyphenated at a line end
    teacher = world.people["teacher"]
    for needed in [
        teacher.full_name,  # 1: the subject
        # 1: address, by hand; the participle agrees with the subject's gender (issue 12, p. 11)
        ("проживающая" if gender_of(teacher) == FEMALE else "проживающий") + " по адресу",
        "документ, удостоверяющий личность",  # 1: the document, by hand
        "представитель субъекта",  # 2
        world.school.full_name,  # 3: the operator's name
        world.school.address,  # 3: the operator's address
        "Цель обработки",  # 4
        "Перечень персональных данных",  # 5
        "третьи лица не осуществляют",  # 6
        "Перечень действий",  # 7
        "способов обработки",  # 7
        "Срок действия согласия",  # 8
        "может быть отозвано",  # 8
        "Подпись",  # 9
        "ст. 10.1",
    ]:
        assert needed in text, needed


def test_paper_consent_upload_checks_the_file_content(world, client_for):
    teacher = world.people["teacher"]
    url = reverse("participants:person_consent_upload", kwargs={"pk": teacher.pk})
    client = client_for("curator")
    fake = SimpleUploadedFile("scan.pdf", b"MZ this is not a pdf", content_type="application/pdf")
    response = client.post(url, {"signed_on": "01.09.2025", "scan": fake})
    assert "PDF, JPG или PNG" in response.content.decode()
    assert not Consent.objects.exists()
    scan = SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    client.post(url, {"signed_on": "01.09.2025", "scan": scan})
    consent = Consent.objects.get(person=teacher)
    assert consent.method == Consent.Method.PAPER
    assert consent.scan.read().startswith(b"\x89PNG")


def test_withdrawal_takes_the_person_out_of_both_banks(world, give_consent):
    mentor = world.people["mentor"]
    consent = give_consent(mentor)
    request = MenteeRequestFactory(person=mentor, status=MenteeRequest.Status.ACCEPTED)
    profile = MentorProfileFactory(person=mentor, status="trained")
    assert Person.objects.with_valid_consent().filter(pk=mentor.pk).exists()
    services.consent_withdraw(
        consent=consent,
        by=world.user("curator"),
        date=timezone.localtime(consent.given_at).date(),
        reason="Заявление",
    )
    request.refresh_from_db()
    profile.refresh_from_db()
    assert request.status == "excluded" and profile.status == "excluded"
    assert not mentor.has_valid_consent()
    assert not Person.objects.with_valid_consent().filter(pk=mentor.pk).exists()
    assert Person.objects.consent_withdrawn().filter(pk=mentor.pk).exists()


def test_teacher_withdraws_own_consent(world, client_for, give_consent):
    consent = give_consent(world.people["teacher"])
    client_for("teacher").post(
        reverse("participants:my_consent_withdraw"),
        {"date": timezone.localtime(consent.given_at).strftime("%d.%m.%Y")},
    )
    consent.refresh_from_db()
    assert consent.is_withdrawn
    assert consent.withdrawn_by == world.user("teacher")


def test_withdrawal_date_in_the_future_is_refused(world, client_for, give_consent):
    consent = give_consent(world.people["teacher"])
    response = client_for("curator").post(
        reverse("participants:consent_withdraw", kwargs={"pk": consent.pk}),
        {"date": "01.01.2099", "reason": "Заявление"},
    )
    assert "не может быть в будущем" in response.content.decode()
    consent.refresh_from_db()
    assert not consent.is_withdrawn


def test_a_minor_cannot_consent_for_themself(world, client_for):
    pupil = world.people["mentee"]
    pupil.category = Person.Category.STUDENT
    pupil.birth_date = date(timezone.localdate().year - 15, 1, 1)
    pupil.save()
    client_for("mentee").post(
        reverse("participants:my_consent"), {"typed_name": pupil.full_name, "agree": "on"}
    )
    assert not Consent.objects.exists()


def test_publishing_an_empty_text_is_refused(world, client_for):
    response = client_for("curator").post(
        reverse("participants:consent_text_publish"),
        {"purposes": "", "data_categories": "ФИО", "body": ""},
    )
    assert "Обязательное поле" in response.content.decode()
    assert ConsentText.objects.filter(organisation=world.school).count() == 1  # the default
