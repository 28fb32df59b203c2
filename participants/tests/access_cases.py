from participants.tests.factories import (
    ConsentFactory,
    ConsentTextFactory,
    MenteeRequestFactory,
    MentorProfileFactory,
    PublicationConsentFactory,
)
from tests.access import ALL_SCHOOL_PERSONAS, case
from tests.factories import PersonFactory

CURATOR = {"curator"}
PEOPLE_READERS = {"curator", "director"}
BANK_READERS = {"curator", "director", "working_group"}
OWN = ALL_SCHOOL_PERSONAS - {"coordinator"}


def teacher(world):
    return {"pk": world.people["teacher"].pk}


def new_person(world):
    return {"pk": PersonFactory(organisation=world.school).pk}


def consent(world):
    return {"pk": ConsentFactory(person=world.people["teacher"]).pk}


def paper_consent(world):
    return {"pk": ConsentFactory(person=world.people["teacher"], paper=True).pk}


def publication(world):
    person = world.people["teacher"]
    ConsentFactory(person=person)
    return {"pk": PublicationConsentFactory(person=person).pk}


def consent_text(world):
    return {"pk": ConsentTextFactory(organisation=world.school).pk}


def submitted_request(world):
    person = world.people["teacher"]
    ConsentFactory(person=person)
    return {"pk": MenteeRequestFactory(person=person).pk}


def submitted_profile(world):
    person = world.people["mentor"]
    ConsentFactory(person=person)
    return {"pk": MentorProfileFactory(person=person).pk}


CASES = [
    case(
        "participants:switch_organisation",
        ALL_SCHOOL_PERSONAS,
        method="post",
        data=lambda world, kwargs: {"organisation": world.school.pk},
        scoped=True,
    ),
    case(
        "participants:organisation_pick",
        ALL_SCHOOL_PERSONAS,
        scoped=False,  # answers everyone with their own organisations
    ),
    # People.
    case("participants:person_list", PEOPLE_READERS),
    case("participants:person_create", CURATOR),
    case("participants:staff_invite", CURATOR),
    case(
        "participants:people_pick",
        BANK_READERS,
        kwargs=lambda world: {"kind": "staff"},
        scoped=False,  # answers every school with its own people
    ),
    case("participants:person_detail", PEOPLE_READERS, kwargs=teacher),
    case("participants:person_edit", CURATOR, kwargs=teacher),
    case("participants:person_delete", CURATOR, kwargs=new_person),
    case("participants:person_give_login", CURATOR, kwargs=new_person),
    case("participants:people_import", CURATOR),
    case("participants:people_import_preview", CURATOR),
    case("participants:people_import_confirm", CURATOR, method="post"),
    # Consents.
    case("participants:person_consent_pdf", CURATOR, kwargs=teacher),
    case("participants:person_consent_upload", CURATOR, kwargs=teacher),
    case("participants:consent_text_list", PEOPLE_READERS),
    case("participants:consent_text_publish", CURATOR),
    case("participants:consent_text_detail", PEOPLE_READERS, kwargs=consent_text),
    case("participants:consent_withdraw", CURATOR, kwargs=consent),
    case("participants:consent_scan", PEOPLE_READERS, kwargs=paper_consent),
    # The consent to distribution (ст. 10.1), a document of its own.
    case("participants:person_publication_pdf", CURATOR, kwargs=teacher),
    case("participants:person_publication_upload", CURATOR, kwargs=teacher),
    case("participants:publication_pdf", PEOPLE_READERS, kwargs=publication),
    case("participants:publication_withdraw", CURATOR, kwargs=publication),
    case("participants:publication_scan", PEOPLE_READERS, kwargs=publication),
    # One's own documents (every persona has a Person in the school; the coordinator has not).
    case("participants:my_documents", OWN),
    case("participants:my_consent", OWN),
    case("participants:my_consent_withdraw", OWN),
    case("participants:my_publication", OWN),
    case("participants:my_publication_withdraw", OWN),
    case("participants:my_request", OWN),
    case("participants:my_request_submit", OWN, method="post"),
    case("participants:my_questionnaire", OWN),
    case("participants:my_questionnaire_submit", OWN, method="post"),
    # Banks and review.
    case("participants:mentee_bank", BANK_READERS),
    case("participants:mentee_bank_export", BANK_READERS),
    case("participants:mentor_bank", BANK_READERS),
    case("participants:mentor_bank_export", BANK_READERS),
    case("participants:request_detail", BANK_READERS, kwargs=submitted_request),
    case("participants:request_accept", CURATOR, kwargs=submitted_request, method="post"),
    case(
        "participants:request_return",
        CURATOR,
        kwargs=submitted_request,
        method="post",
        data=lambda world, kwargs: {"comment": "Уточните предметы"},
    ),
    case("participants:profile_detail", BANK_READERS, kwargs=submitted_profile),
    case("participants:profile_accept", CURATOR, kwargs=submitted_profile, method="post"),
    *[
        case(
            f"participants:{bank}_bulk_{action}",
            CURATOR,
            method="post",
            data=lambda world, kwargs: {"chosen": ["1"], "comment": "Уточните предметы"},
        )
        for bank in ("mentee", "mentor")
        for action in ("accept", "return")
    ],
    case(
        "participants:profile_return",
        CURATOR,
        kwargs=submitted_profile,
        method="post",
        data=lambda world, kwargs: {"comment": "Добавьте опыт"},
    ),
    case("participants:profile_training", CURATOR, kwargs=submitted_profile),
]
