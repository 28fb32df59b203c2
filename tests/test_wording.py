"""Issue 17 point 8: Russian that reads as written by a person — numbers agree with their nouns,
names are declined in the genitive, no «Т. В..», verbs agree with the person's gender where the
name tells it (one helper each: mentoring_portal.russian)."""

from datetime import date
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentoring_portal.errors import ServiceError
from mentoring_portal.russian import gendered
from pairs.tests.factories import duties_consent
from participants.models import MenteeRequest, MentorProfile
from participants.tests.factories import (
    ConsentFactory,
    MenteeRequestFactory,
    MentorProfileFactory,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _alekseeva(world, **fields):
    return PersonFactory(
        organisation=world.school,
        last_name="Алексеева",
        first_name="Татьяна",
        middle_name="Викторовна",
        **fields,
    )


def test_gendered_picks_the_word_by_the_name():
    class Named:
        def __init__(self, last, first, middle):
            self.last_name, self.first_name, self.middle_name = last, first, middle

    assert gendered(Named("Алексеева", "Татьяна", "Викторовна"), "выбыл", "выбыла") == "выбыла"
    assert gendered(Named("Седов", "Пётр", "Ильич"), "выбыл", "выбыла") == "выбыл"
    assert gendered(Named("", "", ""), "выбыл", "выбыла") == "выбыл(а)"
    assert gendered(None, "исключён", "исключена") == "исключён / исключена"


def test_portfolio_says_стаж_24_года(world, client_for):
    mentor = world.people["mentor"]
    mentor.experience_years = 24
    mentor.save(update_fields=["experience_years"])
    page = client_for("mentor").get(reverse("school_year:my_portfolio"))
    assert "стаж 24 года" in page.content.decode()
    assert "24 л." not in page.content.decode()


def test_the_duties_consent_names_the_mentor_in_the_genitive(world, client_for):
    person = _alekseeva(world)
    page = client_for("curator").get(reverse("pairs:duties_create", args=[person.pk]))
    assert "Согласие Алексеевой Татьяны Викторовны на возложение" in page.content.decode()
    assert str(duties_consent(person)).startswith(
        "Согласие Алексеевой\u00a0Т.\u00a0В. от 20.08.2026"
    )


def test_the_printed_consent_file_is_named_in_the_genitive(world, client_for):
    person = _alekseeva(world)
    response = client_for("curator").get(
        reverse("participants:person_consent_pdf", args=[person.pk])
    )
    name = unquote(response["Content-Disposition"])
    assert "Согласие Алексеевой Татьяны Викторовны.pdf" in name
    assert "..pdf" not in name


def test_no_double_full_stop_after_initials(world, client_for):
    person = _alekseeva(world)
    response = client_for("curator").post(
        reverse("pairs:duties_create", args=[person.pk]),
        {
            "method": "paper",
            "given_on": "20.08.2026",
            "agreement_number": "7",
            "agreement_date": "25.08.2026",
            "scan": SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n% scan\n", "application/pdf"),
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Согласие Алексеевой\u00a0Т.\u00a0В. записано." in html
    assert "В.." not in html


def test_submitted_is_подан_for_a_request_and_подана_for_a_questionnaire(world, client_for):
    teacher = world.people["teacher"]
    ConsentFactory(person=teacher)
    MenteeRequestFactory(person=teacher)
    MenteeRequest.objects.filter(person=teacher).update(
        status=MenteeRequest.Status.SUBMITTED, submitted_at="2026-11-20T10:00:00+03:00"
    )
    page = client_for("teacher").get(reverse("participants:my_request")).content.decode()
    assert "· подан 20.11.2026" in page and "подан(а)" not in page
    MentorProfileFactory(person=teacher)
    MentorProfile.objects.filter(person=teacher).update(
        status=MentorProfile.Status.RETURNED, submitted_at="2026-11-21T10:00:00+03:00"
    )
    page = client_for("teacher").get(reverse("participants:my_questionnaire")).content.decode()
    assert "· подана 21.11.2026" in page
    documents = client_for("teacher").get(reverse("participants:my_documents")).content.decode()
    assert "Анкета наставника: возвращена куратором" in documents
    assert "(а)" not in documents


def test_leaving_agrees_with_the_person(world, client_for):
    from school_year import staff

    person = _alekseeva(world)
    staff.person_leave(person=person, left_on=date(2026, 12, 1), reason="Переезд", by=None)
    with pytest.raises(ServiceError) as refused:
        staff.person_leave(person=person, left_on=date(2026, 12, 2), reason="x", by=None)
    assert "уже выбыла 01.12.2026." in refused.value.messages[0]


def test_the_withdrawal_page_agrees_with_the_person(world, client_for):
    person = _alekseeva(world)
    consent = ConsentFactory(person=person)
    page = client_for("curator").get(reverse("participants:consent_withdraw", args=[consent.pk]))
    html = page.content.decode()
    assert "будет исключена из банков" in html and "не сможет быть включена в пару" in html


def test_a_stale_edit_says_who_saved_in_agreement(world):
    from mentoring_portal.versioning import _saved_by

    person = _alekseeva(world)
    saver = world.user("curator")
    saver.first_name, saver.last_name = "Елена", "Кравцова"
    saver.save(update_fields=["first_name", "last_name"])
    person._history_user = saver
    person.position = "учитель"
    person.save()
    assert _saved_by(person).startswith("сохранила Елена Кравцова (")
    saver.first_name, saver.last_name = "Пётр", "Седов"
    saver.save(update_fields=["first_name", "last_name"])
    person.save()
    assert _saved_by(person).startswith("сохранил Пётр Седов (")


def test_the_consent_box_agrees_with_who_signs(world, client_for):
    teacher = world.people["teacher"]
    page = client_for("teacher").get(reverse("participants:my_consent")).content.decode()
    read = gendered(teacher, "прочитал", "прочитала")
    assert f"Я {read} текст согласия" in page
    assert "(а)" not in read  # the personas' names tell the gender
