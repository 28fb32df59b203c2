"""The consents as documents: what surrounds the text of the consent to processing (ст. 9) and the
whole consent to distribution (ст. 10.1), for the page, the PDF to sign and the public blank.

The words that agree with a person are chosen here, from the name (``russian.gender_of``):
«проживающая», «обучающейся 10 «Б» класса», «уведомлена»; a blank or a name of unknown gender
keeps both forms («проживающий(ая)»).
"""

import re

from mentoring_portal import russian
from participants import services
from participants.models import ConsentText, Organisation, Person, PublicationConsent
from participants.models.publication import PURPOSE

BOTH_FORMS = {
    "проживающий": "проживающий(ая)",
    "проживающего": "проживающего(ей)",
    "обучающегося": "обучающегося(ейся)",
    "несовершеннолетнего": "несовершеннолетнего(ей)",
    "уведомлённый": "уведомлён(а)",
}
SHORT = {"уведомлённый": "уведомлён", "уведомлённая": "уведомлена"}


def _word(word: str, person: Person | None, case: str = "nominative") -> str:
    gender = russian.gender_of(person) if person is not None else None
    if gender is None:
        declined = russian.agree(word, gender=russian.MALE, case=case)
        return BOTH_FORMS.get(declined, declined)
    declined = russian.agree(word, gender=gender, case=case)
    return SHORT.get(declined, declined)


def consent_words(person: Person | None, representative: Person | None) -> dict[str, str]:
    """The words of the consent that agree with the signer and with the subject."""
    signer = representative or person
    return {
        "signer_living": _word("проживающий", signer),
        "signer_informed": _word("уведомлённый", signer),
        "subject_living": _word("проживающий", person, "genitive"),
        "subject_pupil": _word("обучающийся", person, "genitive"),
        "subject_minor": _word("несовершеннолетний", person, "genitive"),
        "school_class": russian.class_label(person.school_class) if person else "",
    }


_EITHER_GENDER = re.compile(r"\b(\w+)\(а\)")


def agree_text(text: str, signer: Person | None) -> str:
    """The school's own consent text with «ознакомлен(а)» agreeing with the signer when the
    name tells the gender: «ознакомлена», «ознакомлен»; both forms otherwise."""
    gender = russian.gender_of(signer) if signer is not None else None
    if gender is None:
        return text
    return _EITHER_GENDER.sub(r"\1а" if gender == russian.FEMALE else r"\1", text)


def _representative(person: Person | None) -> Person | None:
    if person is not None and person.is_minor():
        return person.legal_representative
    return None


def consent_document_context(person: Person | None, text: ConsentText) -> dict:
    """What the consent shows around the text: the subject and, for a minor, the representative
    (items 1, 2 and 9 of 152-ФЗ ст. 9 ч. 4)."""
    representative = _representative(person)
    return {
        "person": person,
        "representative": representative,
        "text": text,
        "body": agree_text(text.body, representative or person),
        "organisation": text.organisation,
        "words": consent_words(person, representative),
    }


def publication_document_context(
    person: Person | None,
    organisation: Organisation,
    publication: PublicationConsent | None = None,
) -> dict:
    """The consent to distribution (ст. 10.1, RKN order № 18): the subject (for a minor, the
    representative) with contacts, the operator with its requisites, the resources, the purpose,
    the data, the conditions, the term and how to withdraw it.

    With ``publication`` it is that consent as given; without it a form to sign, the photograph
    and the conditions left to tick by hand."""
    representative = (
        publication.given_by_person if publication is not None else _representative(person)
    )
    minor = person is not None and (representative is not None or person.is_minor())
    signer = representative or person
    if publication is not None:
        data_items, resources = publication.data_items, publication.resources
    else:
        data_items = (
            services.publication_data_items(person, photo=False)
            if person is not None
            else "фамилия, имя, отчество; должность (для обучающегося — класс)"
        )
        resources = services.publication_resources(organisation)
    return {
        "person": person,
        "representative": representative,
        "minor": minor,
        "signer": signer,
        "organisation": organisation,
        "publication": publication,
        "purpose": PURPOSE,
        "data_items": data_items,
        "resources": resources,
        "words": consent_words(person, representative),
    }
