"""Who fits a people field: the scopes behind the searchable pickers and their forms.

One function per kind of field, used both by the form (what it accepts) and by the search endpoint
(what the picker offers), so a name the picker shows is always one the form takes:

- ``mentors`` — the mentor bank (accepted, trained or active, with a valid consent);
- ``mentees`` — the mentee bank (accepted or already paired, with a valid consent);
- ``staff`` — the school's staff with a login (the people an activity may be assigned to);
- ``people`` — everybody of the school whose consent is not withdrawn (a campaign's audience).

Nobody who has left the school (``Person.objects.present()``) is offered.
"""

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse_lazy

from mentoring_portal.widgets import PickerSelectMultiple
from participants.models import MenteeRequest, MentorProfile, Person

STAFF_CATEGORIES = (
    Person.Category.TEACHER,
    Person.Category.YOUNG_SPECIALIST,
    Person.Category.MANAGER,
)
PAGE = 20


def _people(organisation) -> QuerySet:
    return (
        Person.objects.filter(organisation=organisation, anonymised_at__isnull=True)
        .not_withdrawn()
        .present()
        .order_by("last_name", "first_name", "middle_name", "pk")
    )


def mentors(organisation) -> QuerySet:
    bank = MentorProfile.objects.in_bank().filter(person=OuterRef("pk"))
    return _people(organisation).filter(Exists(bank))


def mentees(organisation) -> QuerySet:
    bank = MenteeRequest.objects.in_bank().filter(person=OuterRef("pk"))
    return _people(organisation).filter(Exists(bank))


def staff(organisation) -> QuerySet:
    return (
        Person.objects.filter(
            organisation=organisation, user__isnull=False, category__in=STAFF_CATEGORIES
        )
        .present()
        .order_by("last_name", "first_name", "middle_name", "pk")
    )


def people(organisation) -> QuerySet:
    return _people(organisation)


KINDS = {"mentors": mentors, "mentees": mentees, "staff": staff, "people": people}


def label(person: Person) -> str:
    """«Кравцова Елена Александровна — учитель математики» (the post, or the category)."""
    post = person.position or person.get_category_display()
    if person.category == Person.Category.STUDENT and person.school_class:
        post = f"обучающийся {person.school_class} класса"
    return f"{person.full_name} — {post}" if post else person.full_name


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Every word typed must begin a part of the name: «крав ел» finds Кравцову Елену.

    SQLite folds the case of Latin letters only, so the spellings a person types (кравцова,
    Кравцова, КРАВЦОВА) are asked for as written."""
    for word in text.split()[:4]:
        spellings = {word, word.lower(), word.capitalize(), word.upper()}
        match = Q()
        for spelling in spellings:
            match |= (
                Q(last_name__startswith=spelling)
                | Q(first_name__startswith=spelling)
                | Q(middle_name__startswith=spelling)
            )
        queryset = queryset.filter(match)
    return queryset


def search_organisations(queryset: QuerySet, text: str) -> QuerySet:
    """Every word typed must be in the short or the full name: «сош 5», «гимназия асино».
    Spelled as typed, lower, capitalised and upper case, as :func:`search` (SQLite)."""
    for word in text.split()[:4]:
        match = Q()
        for spelling in {word, word.lower(), word.capitalize(), word.upper()}:
            match |= Q(short_name__contains=spelling) | Q(full_name__contains=spelling)
        queryset = queryset.filter(match)
    return queryset


class PeoplePickerField(forms.ModelMultipleChoiceField):
    """A people field of one kind (see :data:`KINDS`): the form calls :meth:`scope` with its
    organisation, and the picker searches the same scope through ``participants:people_pick``."""

    def __init__(self, kind: str, **kwargs):
        self.kind = kind
        kwargs.setdefault(
            "widget",
            PickerSelectMultiple(url=reverse_lazy("participants:people_pick", args=[kind])),
        )
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": "Этого человека нельзя выбрать в это поле."},
        )
        super().__init__(queryset=Person.objects.none(), **kwargs)

    def scope(self, organisation) -> None:
        self.queryset = KINDS[self.kind](organisation)

    def label_from_instance(self, person):
        return label(person)
