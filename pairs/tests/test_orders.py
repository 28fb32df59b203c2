"""Orders: numbering, the workflow, immutability after signing, the stored PDF, evidence."""

import hashlib
import io
import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pairs import services
from pairs.models import Order, OrderCounter, OrderKind, Pair
from pairs.tests.factories import (
    make_order,
    make_pair,
    ready_mentee,
    ready_mentor,
    signed_order,
    world_order,
)
from participants.models import MenteeRequest, MentorProfile
from tests.factories import PersonFactory


def pdf_text(data: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


# --- numbering --------------------------------------------------------------------------------


def sign(order, *, on=None, by=None):
    return services.order_sign(order=services.order_submit(order=order, by=None), by=by, on=on)


def test_a_draft_has_no_number_the_signature_gives_it(world):
    draft = make_order(world.school, pairs=[make_pair(world.school)])
    assert (draft.number, draft.year, draft.date) == (None, None, None)
    assert draft.number_label == "____" and draft.short_label == "Проект"
    order = sign(draft, on=date(2026, 10, 5))
    assert (order.number, order.year, order.date) == (1, 2026, date(2026, 10, 5))
    assert order.number_label == "1-о"


def test_numbers_follow_the_order_of_signing_with_no_gaps(world):
    """Three drafts made in one order and signed in another, a fourth deleted, a fifth never
    signed: the register reads 1, 2, 3 in the order of the signatures and their dates."""
    first, second, third = (
        make_order(world.school, pairs=[make_pair(world.school)]) for _ in range(3)
    )
    deleted = make_order(world.school, kind=OrderKind.FINAL_EVENT)
    services.order_delete(order=deleted)
    make_order(world.school, kind=OrderKind.FINAL_EVENT)  # stays a draft
    signed = [
        sign(third, on=date(2026, 11, 2)),
        sign(first, on=date(2026, 11, 20)),
        sign(second, on=date(2026, 12, 3)),
    ]
    assert [(o.pk, o.number) for o in signed] == [(third.pk, 1), (first.pk, 2), (second.pk, 3)]
    register = Order.objects.signed().filter(organisation=world.school).order_by("number")
    assert list(register.values_list("number", flat=True)) == [1, 2, 3]
    dates = list(register.values_list("date", flat=True))
    assert dates == sorted(dates)


def test_numbers_run_per_organisation_and_year(world):
    first = sign(make_order(world.school, pairs=[make_pair(world.school)]), on=date(2026, 3, 1))
    other = sign(
        make_order(world.other_school, pairs=[make_pair(world.other_school)]), on=date(2026, 3, 1)
    )
    next_year = sign(
        make_order(world.school, pairs=[make_pair(world.school)]), on=date(2027, 1, 10)
    )
    assert (first.number, other.number, next_year.number) == (1, 1, 1)
    assert (first.year, next_year.year) == (2026, 2027)


def test_a_deleted_draft_leaves_no_gap_and_a_signed_order_is_never_deleted(world):
    draft = make_order(world.school, kind=OrderKind.FINAL_EVENT)
    services.order_delete(order=draft)
    assert not Order.objects.filter(pk=draft.pk).exists()
    order = sign(make_order(world.school, pairs=[make_pair(world.school)]))
    assert order.number == 1
    for refused in (
        order,
        services.order_submit(
            order=make_order(world.school, pairs=[make_pair(world.school)]), by=None
        ),
    ):
        with pytest.raises(ValidationError) as error:
            services.order_delete(order=refused)
        assert error.value.code == "order_not_deletable"
        assert Order.objects.filter(pk=refused.pk).exists()


def signed_row(world, number, *, year=2026, title="Импорт"):
    return Order.objects.create(
        organisation=world.school,
        kind=OrderKind.REGULATION,
        year=year,
        number=number,
        date=date(year, 3, 2),
        title=title,
        preamble="-",
        points="-",
        status=Order.Status.SIGNED,
        pdf=b"%PDF-",
        pdf_sha256="0" * 64,
    )


def test_the_database_refuses_a_duplicate_number_and_a_numbered_draft(world):
    signed_row(world, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        signed_row(world, 1, title="Дубль")
    with pytest.raises(IntegrityError), transaction.atomic():
        Order.objects.create(
            organisation=world.school, kind=OrderKind.PAIRS, year=2026, number=2, title="Т",
            preamble="-", points="-",
        )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        Order.objects.create(
            organisation=world.school, kind=OrderKind.PAIRS, title="Т", preamble="-",
            points="-", status=Order.Status.SIGNED, pdf=b"%PDF-", pdf_sha256="0" * 64,
        )  # fmt: skip
    # Any number of drafts without a number (NULL is distinct in the unique index).
    make_order(world.school)
    make_order(world.school)
    assert Order.objects.filter(number__isnull=True).count() == 2


def test_a_number_taken_outside_the_counter_is_skipped(world):
    sign(make_order(world.school, pairs=[make_pair(world.school)]), on=date(2026, 3, 1))
    signed_row(world, 2)  # somebody inserted № 2 by hand (an import): the counter still says 1
    order = sign(make_order(world.school, pairs=[make_pair(world.school)]), on=date(2026, 3, 3))
    assert order.number == 3


# serialized_rollback: the seeded rows come back from Django's copy and the flush after the test
# does not rebuild the content types, which a later serialized test would meet as duplicates.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_directors_signing_at_once_get_two_numbers():
    """Two threads, two connections, two signatures at the same moment: on PostgreSQL the
    counter row lock queues them, on SQLite the IMMEDIATE transaction does. Both orders are
    signed, with the numbers 1 and 2, and no error."""
    from tests.factories import OrganisationFactory

    options = connection.settings_dict.get("OPTIONS", {})
    if connection.vendor == "sqlite" and options.get("transaction_mode") != "IMMEDIATE":
        pytest.skip("SQLite serialises writers only with IMMEDIATE transactions (settings)")
    school = OrganisationFactory()
    drafts = [make_order(school, pairs=[make_pair(school)]) for _ in range(2)]
    submitted = [services.order_submit(order=order, by=None) for order in drafts]
    barrier = threading.Barrier(2)
    errors = []

    def signing(order):
        try:
            barrier.wait()
            services.order_sign(order=order, by=None, on=date(2026, 2, 1))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=signing, args=(order,)) for order in submitted]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Order.objects.filter(organisation=school).values_list("number", flat=True))
    assert numbers == [1, 2]
    assert OrderCounter.objects.get(organisation=school, year=2026).last_number == 2


# --- workflow ---------------------------------------------------------------------------------


def test_draft_from_the_template(world):
    services.order_template(organisation=world.school, kind=OrderKind.PAIRS)
    template = services.order_template(organisation=world.school, kind=OrderKind.PAIRS)
    template.title = "О закреплении наставников"
    template.save()
    order = make_order(world.school)
    assert order.title == "О закреплении наставников"
    assert "Р-145" in order.preamble
    assert order.status == Order.Status.DRAFT


def test_submit_refuses_a_pair_order_without_pairs(world):
    order = make_order(world.school)
    with pytest.raises(ValidationError) as error:
        services.order_submit(order=order, by=None)
    assert "нет ни одной пары" in str(error.value)


def test_an_adult_mentor_without_duties_consent_cannot_be_fixed(world):
    from pairs.tests.factories import mentor_in_bank

    mentor = PersonFactory(organisation=world.school)
    mentor_in_bank(mentor)  # in the bank, but no consent to the additional duties
    pair = make_pair(world.school, mentor, ready_mentee(world.school))
    order = make_order(world.school, pairs=[pair])
    with pytest.raises(ValidationError) as error:
        services.order_submit(order=order, by=None)
    assert "351.8" in str(error.value)
    # The name stands apart from the sentence: no case or gender to agree with.
    assert f"Наставник {mentor.short_name}: нет письменного согласия" in str(error.value)


def test_sign_needs_submission(world):
    order = make_order(world.school, pairs=[make_pair(world.school)])
    with pytest.raises(ValidationError):
        services.order_sign(order=order, by=None)


def test_return_needs_a_comment_and_allows_editing(world):
    order = world_order(world, status="submitted")
    with pytest.raises(ValidationError):
        services.order_return(order=order, by=None, comment=" ")
    services.order_return(order=order, by=None, comment="Уточните срок")
    order.refresh_from_db()
    assert order.status == Order.Status.RETURNED and order.is_editable


def test_signing_fixes_pairs_and_moves_the_banks(world):
    pairs = [make_pair(world.school) for _ in range(2)]
    order = signed_order(world.school, pairs=pairs)
    assert order.status == Order.Status.SIGNED
    assert order.signatory_name == world.school.director_name
    for pair in Pair.objects.filter(pk__in=[p.pk for p in pairs]):
        assert pair.status == Pair.Status.FIXED
        assert pair.fixed_by_order_id == order.pk
        assert hasattr(pair, "program")
    mentees = [m.person for p in pairs for m in p.members.filter(role="mentee")]
    assert {r.status for r in MenteeRequest.objects.filter(person__in=mentees)} == {"paired"}
    mentors = [m.person for p in pairs for m in p.members.filter(role="mentor")]
    assert {r.status for r in MentorProfile.objects.filter(person__in=mentors)} == {"active"}


def test_a_fixed_pair_cannot_be_fixed_again(world):
    pair = make_pair(world.school)
    signed_order(world.school, pairs=[pair])
    order = make_order(world.school, pairs=[pair])
    with pytest.raises(ValidationError) as error:
        services.order_submit(order=order, by=None)
    assert "уже закреплена" in str(error.value)


# --- a signed order is never changed ----------------------------------------------------------


def test_signed_order_refuses_update_through_the_orm(world):
    order = signed_order(world.school)
    with pytest.raises(ValidationError):
        Order.objects.filter(pk=order.pk).update(title="x")
    order.title = "x"
    with pytest.raises(ValidationError):
        order.save()
    with pytest.raises(ValidationError):
        order.delete()
    with pytest.raises(ValidationError):
        Order.objects.filter(pk=order.pk).delete()
    order.refresh_from_db()
    assert order.title != "x"


def test_the_database_itself_refuses_to_change_a_signed_order(world):
    """Past the ORM guard: a raw UPDATE meets the trigger (SQLite and PostgreSQL)."""
    order = signed_order(world.school)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE pairs_order SET title = %s WHERE id = %s", ["x", order.pk])
    # The QuerySet guard bypassed too: Django's base update.
    from django.db.models import QuerySet

    with pytest.raises(IntegrityError), transaction.atomic():
        QuerySet.update(Order.objects.filter(pk=order.pk), pdf_sha256="0" * 64)
    # And no pair can be slipped into it (the ORM refuses first: test_signed_order_guards).
    pair = make_pair(world.school)
    with pytest.raises(ValidationError), transaction.atomic():
        order.pairs.add(pair)
    order.refresh_from_db()
    assert order.title != "x" and order.pdf_is_intact()


def test_drafts_stay_editable_at_the_database_level(world):
    order = make_order(world.school)
    assert Order.objects.filter(pk=order.pk).update(title="Новый заголовок") == 1


# --- the PDF ----------------------------------------------------------------------------------


def test_signed_pdf_reads_back(world):
    pupil = PersonFactory(
        organisation=world.school,
        category="student",
        school_class="7А",
        last_name="Ершова",
        first_name="Дарья",
        middle_name="Ильинична",
    )
    from pairs.tests.factories import mentee_in_bank

    mentee_in_bank(pupil)
    pairs = [
        make_pair(world.school, ready_mentor(world.school, last_name="Громов"), pupil),
        make_pair(world.school),
        make_pair(world.school),
    ]
    order = signed_order(world.school, pairs=pairs)
    data = order.pdf_bytes()
    assert hashlib.sha256(data).hexdigest() == order.pdf_sha256
    text, pages = pdf_text(data)
    flat = " ".join(text.split())
    assert pages == 3  # the order, the appendix, the «ознакомлены» sheet
    assert "ПРИКАЗ" in flat and "ПРИКАЗЫВАЮ:" in flat
    assert f"№ {order.number_label}" in flat
    day = order.date
    months = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
              "сентября", "октября", "ноября", "декабря"]  # fmt: skip
    assert f"{day.day} {months[day.month - 1]} {day.year} г." in flat
    assert world.school.full_name in flat
    assert world.school.city in flat
    assert f"Приложение к приказу от {day:%d.%m.%Y} № {order.number_label}" in flat
    assert "обучающаяся 7 «А» класса" in flat
    sheet = flat[flat.index("С приказом ознакомлены") :]
    for pair in pairs:
        for member in pair.members.all():
            assert member.person.full_name in flat.split("С приказом ознакомлены")[0]
            assert member.person.full_name in sheet
    assert "Н. В. Седова" in flat


def test_download_serves_exactly_the_signed_bytes(world, client_for):
    order = world_order(world, status="signed")
    stored = order.pdf_bytes()
    # The organisation is renamed later: the signed document does not change.
    world.school.full_name = "Новое наименование"
    world.school.save()
    client = client_for("director")
    url = reverse("pairs:order_download", kwargs={"pk": order.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == stored
    assert response["X-Content-SHA256"] == hashlib.sha256(stored).hexdigest()


def test_unsigned_order_has_no_download(world, client_for):
    order = world_order(world, status="submitted")
    response = client_for("director").get(reverse("pairs:order_download", kwargs={"pk": order.pk}))
    assert response.status_code == 404


def test_preview_is_marked_as_a_draft_on_every_page_and_the_signed_pdf_is_not(world, client_for):
    order = world_order(world, status="submitted")
    url = reverse("pairs:order_preview", kwargs={"pk": order.pk})
    response = client_for("director").get(url)
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 3
    assert all("ПРОЕКТ" in page for page in pages)
    assert "Подписан в портале" not in " ".join(pages)

    first = " ".join(pages[0].split())
    assert "№ ____" in first and "«___» ____________ 20__ г." in first  # not registered

    order = services.order_sign(order=order, by=None)
    signed, _pages = pdf_text(order.pdf_bytes())
    assert "ПРОЕКТ" not in signed and "____" not in signed
    assert f"№ {order.number_label}" in " ".join(signed.split())


def test_the_signed_pdf_tells_its_signing_in_its_properties_not_on_the_page(world, client_for):
    """The paper original is signed by hand: no «Подписан в портале» line on it; the stored
    file's properties and the register say when the portal signed it."""
    order = world_order(world, status="signed")
    text, _pages = pdf_text(order.pdf_bytes())
    assert "Подписан в портале" not in " ".join(text.split())
    metadata = PdfReader(io.BytesIO(order.pdf_bytes())).metadata
    signed_at = timezone.localtime(order.signed_at)
    note = f"Подписан в портале «Наставничество» {signed_at:%d.%m.%Y %H:%M}"
    assert metadata.subject.startswith(note) and "Н. В. Седова" in metadata.subject
    assert metadata.author == world.school.full_name
    assert metadata.creation_date.replace(microsecond=0) == signed_at.replace(microsecond=0)
    register = client_for("director").get(reverse("pairs:order_list")).content.decode()
    assert f"подписан в портале {signed_at:%d.%m.%Y %H:%M}" in register


# --- evidence on the roadmap ------------------------------------------------------------------


def test_signing_attaches_the_pdf_to_the_roadmap_activity(world):
    from roadmap.models import Activity, Roadmap, Stage

    roadmap = Roadmap.objects.create(
        organisation=world.school,
        title="Дорожная карта",
        period_start=date(2026, 8, 1),
        period_end=date(2027, 8, 31),
        status=Roadmap.Status.APPROVED,
    )
    stage = Stage.objects.create(roadmap=roadmap, order=1, title="Формирование пар")
    Activity.objects.create(stage=stage, order=1, title="Формирование наставнических пар")
    target = Activity.objects.create(
        stage=stage, order=2, title="Издание приказа «О закреплении наставнических пар»"
    )
    order = signed_order(world.school)
    evidence = target.evidence.get()
    assert str(order.number_label) in evidence.title
    with evidence.file.open("rb") as handle:
        assert handle.read() == order.pdf_bytes()


def test_signing_adds_nothing_to_an_accepted_activity(world):
    """Evidence of an accepted activity is its record: signing leaves it as it was."""
    from roadmap.models import Activity, Roadmap, Stage

    roadmap = Roadmap.objects.create(
        organisation=world.school,
        title="Дорожная карта",
        period_start=date(2026, 8, 1),
        period_end=date(2027, 8, 31),
        status=Roadmap.Status.APPROVED,
    )
    stage = Stage.objects.create(roadmap=roadmap, order=1, title="Формирование пар")
    target = Activity.objects.create(
        stage=stage,
        order=1,
        title="Издание приказа «О закреплении наставнических пар»",
        status=Activity.Status.DONE,
    )
    order = signed_order(world.school)
    assert order.is_signed
    assert not target.evidence.exists()


def test_no_activity_no_evidence(world):
    order = signed_order(world.school)
    assert order.is_signed  # nothing to attach to, and signing still works


def test_removing_the_signer_or_the_school_is_not_an_edit(world):
    """SET NULL of a deleted account and the removal of a whole school pass the trigger."""
    director = world.user("director")
    order = services.order_sign(
        order=services.order_submit(order=world_order(world), by=None), by=director
    )
    director.delete()
    order.refresh_from_db()
    assert order.signed_by is None and order.pdf_is_intact()
    world.school.delete()
    assert not Order.objects.filter(pk=order.pk).exists()


def test_order_create_chooses_the_proposed_pairs_for_a_pairs_order(world):
    """Without ``pairs`` the service lists every proposal of the school, nothing else."""
    proposed = make_pair(world.school)
    make_pair(world.other_school)  # another school's proposal
    fixed = make_pair(world.school)
    signed_order(world.school, pairs=[fixed])
    order = services.order_create(organisation=world.school, kind=OrderKind.PAIRS, by=None)
    assert list(order.pairs.all()) == [proposed]
    final = services.order_create(organisation=world.school, kind="final_event", by=None)
    assert not final.pairs.exists()
    chosen = services.order_create(
        organisation=world.school, kind=OrderKind.PAIRS, by=None, pairs=[]
    )
    assert not chosen.pairs.exists()


def test_a_signed_order_is_not_editable_with_one_message(world, client_for):
    order = world_order(world, status="signed")
    with pytest.raises(ValidationError) as error:
        order.check_editable()
    assert error.value.messages == ["Приказ в статусе «Подписан» не редактируется."]
    with pytest.raises(ValidationError):
        services.order_update(order=order, data={"title": "Другое"})
    client = client_for("curator")
    response = client.get(reverse("pairs:order_edit", kwargs={"pk": order.pk}), follow=True)
    assert response.redirect_chain[-1][0] == reverse("pairs:order_detail", kwargs={"pk": order.pk})
    assert "Приказ в статусе «Подписан» не редактируется." in [
        str(m) for m in response.context["messages"]
    ]
