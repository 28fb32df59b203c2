"""Erasure is complete: after ``anonymise_withdrawn`` (or a deletion) no table of the database —
history tables, login records and the admin log included — and no file of the media folder holds
any value of the person."""

import io
from datetime import date, timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from monitoring.models import Answer, Response, ResponseDraft
from monitoring.tests.factories import open_campaign
from pairs import services as pair_services
from pairs.models import DutiesConsent, Meeting
from pairs.tests.factories import make_pair, ready_mentee, teacher_form
from participants.models import Consent, MenteeRequest, MentorProfile, MentorTraining, Person
from participants.services import consent_withdraw
from participants.tests.factories import ConsentFactory, PublicationConsentFactory
from roadmap.tests.factories import make_roadmap
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

# A value of every identifying field of the person, none of which occurs anywhere else.
PERSON = {
    "last_name": "Тимирязева",
    "first_name": "Евлампия",
    "middle_name": "Аристарховна",
    "position": "Смотритель обсерватории",
    "school_class": "11Щ",
    "subjects": "астроботаника",
    "birth_date": date(1987, 3, 14),
    "email": "evlampia.t@secret-mail.example",
    "phone": "+7 913 555-12-34",
    "contacts": "Telegram @evlampia_tim",
    "left_reason": "переезд в обсерваторию Кунашира",
}
USERNAME = "evlampia_t"
ADDRESS = "198.51.100.77"
BROWSER = "EvlampiaBrowser/7.7"
TRAINING_DOCUMENT = "Удостоверение ТИМ-8841"
SCAN = b"%PDF-1.4\n% Scan: Timiryazeva Evlampiya, signed\n"
NEEDLES = [
    *[str(value) for value in PERSON.values()],
    "1987-03-14",
    "14.03.1987",
    USERNAME,
    ADDRESS,
    BROWSER,
    "ТИМ-8841",
    "Timiryazeva",
]
# Fields that are not the person's data (kind, state, links) and need no distinctive value.
NOT_PERSONAL = {
    "id",
    "organisation",
    "user",
    "category",
    "experience_years",
    "legal_representative",
    "anonymised_at",
    "left_on",  # when the person left the school: a state, like the consent's dates
    "version",  # the edit counter (optimistic locking): a number, nothing about the person
}


def test_every_field_of_a_person_has_a_distinctive_value_here():
    """A field added to Person later must be added to PERSON (and then to the anonymisation)."""
    fields = {field.name for field in Person._meta.concrete_fields}
    assert fields - NOT_PERSONAL == set(PERSON)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _a_person_with_everything(world, client):
    """The person, a login, and every kind of record and file the portal keeps about someone."""
    school = world.school
    user = UserFactory(username=USERNAME, email=PERSON["email"])
    person = Person.objects.create(organisation=school, user=user, **PERSON)
    curator = world.user("curator")
    # Consents: online (typed name, address) and on paper (scan).
    consents = [
        ConsentFactory(person=person, ip_address=ADDRESS),
        ConsentFactory(person=person, paper=True, scan=ContentFile(SCAN, name="Timiryazeva.pdf")),
    ]
    for consent in consents:
        consent.given_at -= timedelta(days=400)
        consent.save()
    # The consent to distribution (ст. 10.1): its own typed name, address and scan.
    PublicationConsentFactory(
        person=person,
        method=Consent.Method.ONLINE,
        typed_name=person.full_name,
        ip_address=ADDRESS,
        scan=ContentFile(SCAN, name="Timiryazeva-publication.pdf"),
    )
    # Both banks, a training, the duties consents (online and a scan).
    MenteeRequest.objects.create(
        person=person, status=MenteeRequest.Status.ACCEPTED, subjects=person.subjects
    )
    profile = MentorProfile.objects.create(
        person=person,
        status=MentorProfile.Status.IN_BANK,
        subjects=person.subjects,
        experience=f"{person.position}, 20 лет",
        max_mentees=2,
    )
    MentorTraining.objects.create(
        profile=profile, title="Школа наставника", finished_on=date(2026, 5, 1), hours=36,
        document=TRAINING_DOCUMENT,
    )  # fmt: skip
    DutiesConsent.objects.create(
        person=person, method=DutiesConsent.Method.ONLINE, typed_name=person.full_name,
        given_on=date(2026, 8, 20), agreement_number="12", agreement_date=date(2026, 8, 25),
    )  # fmt: skip
    DutiesConsent.objects.create(
        person=person, method=DutiesConsent.Method.PAPER, given_on=date(2026, 8, 21),
        agreement_number="13", agreement_date=date(2026, 8, 25),
        scan=ContentFile(SCAN, name="Timiryazeva-duties.pdf"),
    )  # fmt: skip
    # A pair with its program and a meeting; an activity of the roadmap.
    pair = make_pair(school, person, ready_mentee(school), by=curator, form=teacher_form())
    pair_services.program_create(pair=pair)
    Meeting.objects.create(pair=pair, date=date(2026, 9, 10), topic="Знакомство", done="План")
    make_roadmap(school, stages=1, activities=1, responsible=[person])
    # A questionnaire answered, another one saved as a draft.
    campaign = open_campaign(school, people=[person])
    response = Response.objects.create(campaign=campaign, respondent=person)
    Answer.objects.create(
        response=response, question=campaign.questionnaire.questions.first(), number=7
    )
    ResponseDraft.objects.create(
        campaign=open_campaign(school, people=[person]), person=person, data={"1": person.phone}
    )
    # A login and a failed one (django-axes' access log, attempt and failure log).
    for password in (PASSWORD, "wrong"):
        client.post(
            reverse("login"),
            {"username": USERNAME, "password": password},
            REMOTE_ADDR=ADDRESS,
            HTTP_USER_AGENT=BROWSER,
        )
    # The admin's log of a change to the record.
    LogEntry.objects.create(
        user=curator, content_type=ContentType.objects.get_for_model(Person),
        object_id=str(person.pk), object_repr=person.full_name, action_flag=CHANGE,
    )  # fmt: skip
    person.phone = PERSON["phone"] + " доб. 1"  # a history of edits, not just the creation
    person.save()
    person.phone = PERSON["phone"]
    person.save()
    return person


def _database_leftovers() -> list[str]:
    """Every table, every column: ``table.column: value`` wherever a needle occurs."""
    found = []
    needles = [needle.lower() for needle in NEEDLES]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, memoryview | bytes):  # binary columns
                        value = bytes(value).decode("utf-8", errors="replace")
                    text = str(value).lower()
                    if value is not None and any(needle in text for needle in needles):
                        found.append(f"{table}.{column}: {value}")
    return found


def _media_leftovers(root) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            if b"Timiryazeva" in content or "Timiryazeva" in path.name:
                found.append(str(path.relative_to(root)))
    return found


def test_the_prepared_person_is_everywhere(world, client, media):
    """The scan finds what it looks for (so an empty result below means something)."""
    _a_person_with_everything(world, client)
    found = " ".join(_database_leftovers())
    for table in (
        "participants_person.",
        "participants_historicalperson.",
        "participants_consent.typed_name",
        "participants_publicationconsent.typed_name",
        "pairs_dutiesconsent.typed_name",
        "pairs_historicaldutiesconsent.typed_name",
        "participants_historicalmentortraining.document",
        "axes_accesslog.user_agent",
        "axes_accessattempt.",
        "django_admin_log.object_repr",
        "auth_user.username",
    ):
        assert table in found
    assert len(_media_leftovers(media)) == 3
    assert AccessLog.objects.filter(username=USERNAME).exists()
    assert AccessAttempt.objects.filter(username=USERNAME).exists()


def test_anonymisation_leaves_nothing_of_the_person(world, client, media):
    person = _a_person_with_everything(world, client)
    for consent in Consent.objects.filter(person=person):
        consent_withdraw(
            consent=consent,
            by=world.user("curator"),
            date=timezone.localdate() - timedelta(days=31),
            reason="Заявление об отзыве",
        )
    call_command("anonymise_withdrawn", stdout=io.StringIO())

    assert Person.objects.get(pk=person.pk).anonymised_at is not None
    assert _database_leftovers() == []
    assert _media_leftovers(media) == []
    # What stays is the record that a consent was given and withdrawn.
    assert (
        Consent.objects.filter(person=person, withdrawal_reason="Заявление об отзыве").count() == 2
    )


def test_deleting_a_person_leaves_nothing_of_them(world, client_for, media):
    person = Person.objects.create(organisation=world.school, **PERSON)
    person.phone = "+7 913 555-12-35"
    person.save()
    response = client_for("curator").post(
        reverse("participants:person_delete", kwargs={"pk": person.pk})
    )
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
    assert _database_leftovers() == []


def test_login_records_expire_after_the_configured_period(world, settings):
    from axes.models import AccessFailureLog

    common = {
        "username": "curator",
        "user_agent": "Firefox",
        "http_accept": "*/*",
        "path_info": "/",
    }
    now = timezone.now()
    for model, extra in (
        (AccessLog, {}),
        (AccessFailureLog, {}),
        (AccessAttempt, {"get_data": "", "post_data": "", "failures_since_start": 1}),
    ):
        for days, address in ((91, "10.0.0.1"), (89, "10.0.0.2")):
            row = model.objects.create(ip_address=address, **common, **extra)
            model.objects.filter(pk=row.pk).update(attempt_time=now - timedelta(days=days))

    call_command("expire_login_records", stdout=io.StringIO())

    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        assert list(model.objects.values_list("ip_address", flat=True)) == ["10.0.0.2"]
    settings.LOGIN_RECORDS_DAYS = 30
    call_command("expire_login_records", stdout=io.StringIO())
    assert not AccessLog.objects.exists() and not AccessAttempt.objects.exists()
