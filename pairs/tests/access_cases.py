"""Who may open each URL of the pairs app (see tests/access.py)."""

from datetime import date

from pairs.tests.factories import world_order, world_pair
from tests.access import ALL_SCHOOL_PERSONAS, case

CURATOR = {"curator"}
READERS = {"curator", "director", "working_group", "coordinator"}
PAIR_PEOPLE = READERS | {"mentor", "mentee"}
MANAGEMENT = {"curator", "director"}


def duties_scan_kwargs(world):
    from django.core.files.base import ContentFile

    from pairs.models import DutiesConsent

    consent = DutiesConsent.objects.create(
        person=world.people["mentor"],
        method=DutiesConsent.Method.PAPER,
        given_on=date(2026, 8, 20),
        agreement_number="15",
        agreement_date=date(2026, 8, 25),
        scan=ContentFile(b"%PDF-1.4\n% scan\n", name="scan.pdf"),
    )
    return {"pk": consent.pk}


def pair_kwargs(world):
    return {"pk": world_pair(world).pk}


def order_kwargs(status):
    return lambda world: {"pk": world_order(world, status=status).pk}


CASES = [
    case("pairs:pair_list", READERS),
    case("pairs:my_pairs", {"mentor", "mentee"}),
    case("pairs:pair_create", CURATOR),
    case("pairs:pair_detail", PAIR_PEOPLE, kwargs=pair_kwargs),
    case("pairs:pair_edit", CURATOR, kwargs=pair_kwargs),
    case("pairs:pair_delete", CURATOR, kwargs=pair_kwargs),
    case("pairs:pair_activate", CURATOR, kwargs=pair_kwargs, method="post"),
    case("pairs:pair_complete", CURATOR, kwargs=pair_kwargs, method="post"),
    case("pairs:pair_end_early", CURATOR, kwargs=pair_kwargs),
    case("pairs:form_list", MANAGEMENT),
    case("pairs:duties_list", MANAGEMENT),
    case(
        "pairs:duties_create",
        CURATOR,
        kwargs=lambda world: {"person_pk": world.people["mentor"].pk},
    ),
    case("pairs:duties_give", {"mentor"}),
    case("pairs:duties_scan", MANAGEMENT, kwargs=duties_scan_kwargs),
    case("pairs:order_list", READERS),
    case("pairs:order_create", CURATOR),
    case("pairs:order_detail", READERS, kwargs=order_kwargs("draft")),
    case("pairs:order_edit", CURATOR, kwargs=order_kwargs("draft")),
    case("pairs:order_delete", CURATOR, kwargs=order_kwargs("draft")),
    case("pairs:order_submit", CURATOR, kwargs=order_kwargs("draft"), method="post"),
    case("pairs:order_sign", {"director"}, kwargs=order_kwargs("submitted"), method="post"),
    case("pairs:order_return", {"director"}, kwargs=order_kwargs("submitted")),
    case("pairs:order_download", READERS, kwargs=order_kwargs("signed")),
    # Only the people a signed order names confirm they have read it (world_order names the
    # world's mentor and mentee).
    case(
        "pairs:order_acknowledge",
        {"mentor", "mentee"},
        kwargs=order_kwargs("signed"),
        method="post",
    ),
    case("pairs:order_preview", MANAGEMENT, kwargs=order_kwargs("draft")),
    case("pairs:template_list", CURATOR),
    case("pairs:template_edit", CURATOR, kwargs=lambda world: {"kind": "pairs"}, scoped=False),
]


def bank_request_kwargs(world):
    from participants.models import MenteeRequest

    world_pair(world)
    return {"request_pk": MenteeRequest.objects.get(person=world.people["mentee"]).pk}


CASES += [
    case("pairs:suggest_index", {"curator", "director", "working_group"}),
    case("pairs:suggest_for", {"curator", "director", "working_group"}, kwargs=bank_request_kwargs),
    case("pairs:proposal", CURATOR),
    case(
        "pairs:proposal_accept",
        CURATOR,
        method="post",
        data=lambda world, kwargs: {
            "form": 1,
            "period_start": "01.09.2026",
            "period_end": "31.05.2027",
            "choice": [],
        },
    ),
]


def program_pair_kwargs(world):
    from pairs import services

    pair = world_pair(world)
    services.program_create(pair=pair)
    return {"pk": pair.pk}


def item_kwargs(world):
    from pairs.models import ProgramItem

    program_pair_kwargs(world)
    return {"pk": ProgramItem.objects.filter(program__pair__organisation=world.school).first().pk}


CASES += [
    case("pairs:program_progress", READERS),
    case("pairs:program_detail", PAIR_PEOPLE, kwargs=program_pair_kwargs),
    case("pairs:program_create", CURATOR, kwargs=pair_kwargs, method="post"),
    case("pairs:program_edit", {"curator", "mentor"}, kwargs=program_pair_kwargs),
    case("pairs:item_add", {"curator", "mentor"}, kwargs=program_pair_kwargs),
    case("pairs:program_download", PAIR_PEOPLE, kwargs=program_pair_kwargs),
    case("pairs:meeting_add", {"mentor"}, kwargs=program_pair_kwargs),
    case("pairs:next_meeting", {"mentor"}, kwargs=pair_kwargs),
    case("pairs:program_ics", PAIR_PEOPLE, kwargs=program_pair_kwargs),
    case("pairs:item_done", {"curator", "mentor", "mentee"}, kwargs=item_kwargs, method="post"),
    case("pairs:item_undo", {"curator", "mentor", "mentee"}, kwargs=item_kwargs, method="post"),
    case("pairs:items_done", {"curator", "mentor"}, kwargs=program_pair_kwargs, method="post"),
]


def regulation_kwargs(status):
    def make(world):
        import hashlib

        from pairs.models import Regulation

        pdf = None if status == "draft" else b"%PDF-1.7\n"
        regulation = Regulation.objects.create(
            organisation=world.school,
            revision=Regulation.objects.filter(organisation=world.school).count() + 1,
            title="Положение о системе наставничества",
            text="1. Общие положения\n1.1. Положение определяет порядок наставничества.",
            status=status,
            approval_label="" if pdf is None else "от 01.09.2026 № 1-о",
            pdf=pdf,
            pdf_sha256="" if pdf is None else hashlib.sha256(pdf).hexdigest(),
        )
        return {"pk": regulation.pk}

    return make


CASES += [
    case("pairs:regulation", ALL_SCHOOL_PERSONAS),
    case("pairs:regulation_new", CURATOR, method="post"),
    case("pairs:regulation_version", ALL_SCHOOL_PERSONAS, kwargs=regulation_kwargs("approved")),
    case("pairs:regulation_version", READERS, kwargs=regulation_kwargs("draft")),
    case("pairs:regulation_edit", CURATOR, kwargs=regulation_kwargs("draft")),
    case("pairs:regulation_pdf", ALL_SCHOOL_PERSONAS, kwargs=regulation_kwargs("approved")),
    case("pairs:regulation_pdf", READERS, kwargs=regulation_kwargs("draft")),
]

CASES += [
    case("pairs:matching_weights", CURATOR),
    case(
        "pairs:matching_weights",
        CURATOR,
        method="post",
        data=lambda world, kwargs: {
            "difficulties": 50,
            "experience": 20,
            "subject": 10,
            "kind": 10,
            "format": 5,
            "free_places": 5,
        },
    ),
]
