"""No form offers, and no view accepts, another school's record by id.

``test_no_form_offers_another_schools_records`` walks EVERY form and filter of the portal that has
a model choice (found by introspection, so a new one cannot be forgotten), builds it as its view
builds it for the main school, and checks that not one object of its choices belongs to the other
school — whose database holds one of every record the permission matrix knows how to make.
``test_post_ids_of_another_school_are_refused`` posts another school's ids to the views that
read ids from POST data or the query string.
"""

import importlib
import pkgutil

import django_filters
import pytest
from django import forms
from django.db import transaction
from django.db.models import ForeignKey, OneToOneField
from django.urls import reverse

from conftest import PERSONA_ROLES, World
from participants.models import Organisation, Person
from tests.factories import make_member
from tests.test_permission_matrix import APPS_WITH_URLS, CASES

pytestmark = pytest.mark.django_db


def _import_everything():
    for app in APPS_WITH_URLS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".tests" in module.name or ".migrations" in module.name:
                continue
            importlib.import_module(module.name)


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def _ours(cls) -> bool:
    return cls.__module__.split(".")[0] in APPS_WITH_URLS


def forms_with_model_choices() -> list[type]:
    _import_everything()
    found = {
        cls
        for cls in _subclasses(forms.BaseForm)
        if _ours(cls)
        and any(isinstance(f, forms.ModelChoiceField) for f in cls.base_fields.values())
    }
    found |= {
        cls
        for cls in _subclasses(django_filters.FilterSet)
        if _ours(cls)
        and any(isinstance(f, django_filters.ModelChoiceFilter) for f in cls.base_filters.values())
    }
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def _factories():
    """Each form as its view builds it for the main school (with the record it edits)."""
    from monitoring.forms import CampaignForm
    from pairs.filters import PairFilter
    from pairs.forms import OrderCreateForm, OrderForm, PairForm
    from pairs.forms_weights import WeightsForm
    from pairs.models import Pair
    from pairs.tests.factories import make_order, world_pair
    from pairs.views.suggestions import ProposalForm
    from participants.filters import MenteeBankFilter, MentorBankFilter
    from participants.forms import MenteeRequestForm, MentorProfileForm, PersonForm
    from participants.models import MenteeRequest, MentorProfile
    from public.forms import PostForm, SectionForm
    from roadmap.filters import ActivityFilter
    from roadmap.forms import ActivityForm, AssignForm
    from roadmap.tests.factories import make_roadmap
    from school_year import staff
    from school_year.forms import LeaveForm, ReassignForm

    return {
        CampaignForm: lambda w: CampaignForm(organisation=w.school),
        PairForm: lambda w: PairForm(organisation=w.school, pair=world_pair(w)),
        OrderCreateForm: lambda w: OrderCreateForm(organisation=w.school),
        OrderForm: lambda w: OrderForm(instance=make_order(w.school), organisation=w.school),
        ProposalForm: lambda w: ProposalForm(),
        WeightsForm: lambda w: WeightsForm(organisation=w.school),
        PersonForm: lambda w: PersonForm(organisation=w.school),
        MenteeRequestForm: lambda w: MenteeRequestForm(),
        MentorProfileForm: lambda w: MentorProfileForm(),
        ActivityForm: lambda w: ActivityForm(organisation=w.school),
        AssignForm: lambda w: AssignForm(roadmap=make_roadmap(w.school)),
        ActivityFilter: lambda w: ActivityFilter(roadmap=make_roadmap(w.school)),
        PairFilter: lambda w: PairFilter(queryset=Pair.objects.none()),
        MenteeBankFilter: lambda w: MenteeBankFilter(queryset=MenteeRequest.objects.none()),
        MentorBankFilter: lambda w: MentorBankFilter(queryset=MentorProfile.objects.none()),
        SectionForm: lambda w: SectionForm(organisation=w.school),
        PostForm: lambda w: PostForm(organisation=w.school),
        LeaveForm: lambda w: LeaveForm(organisation=w.school),
        ReassignForm: lambda w: ReassignForm(
            organisation=w.school, activities=staff.activities_to_reassign(w.school)
        ),
    }


def test_every_form_with_model_choices_has_a_factory():
    missing = [cls.__name__ for cls in forms_with_model_choices() if cls not in _factories()]
    assert missing == [], "add the form to _factories(), built as its view builds it"


def _organisation_of(obj, depth=4):
    """The school a record belongs to, following its foreign keys; None for shared records
    (forms of mentoring, difficulties)."""
    if isinstance(obj, Organisation):
        return obj
    if depth == 0:
        return None
    for field in obj._meta.concrete_fields:
        if isinstance(field, ForeignKey | OneToOneField):
            target = getattr(obj, field.name)
            if target is not None:
                found = _organisation_of(target, depth - 1)
                if found is not None:
                    return found
    return None


def other_school_world(world) -> World:
    """The other school, filled with one of every record the permission matrix makes: the
    matrix's builders run against a world whose «school» is the other school."""
    people = {
        persona: make_member(
            world.other_school, f"other_{persona}", *roles, last_name=f"Чужая-{persona}"
        )
        for persona, roles in PERSONA_ROLES.items()
    }
    people["coordinator"] = people["outsider"] = people["curator"]
    other = World(world.department, world.other_school, world.school, people)
    for case in CASES:
        if case.kwargs is None:
            continue
        try:
            with transaction.atomic():
                case.kwargs(other)
        except Exception:  # noqa: S112  (a builder that needs the main school's setup)
            continue
    from pairs.tests.factories import signed_order

    signed_order(world.other_school)  # for «amends»
    return other


def _choices(form):
    if isinstance(form, django_filters.FilterSet):
        return {name: f.queryset for name, f in form.filters.items() if hasattr(f, "queryset")}
    return {
        name: f.queryset for name, f in form.fields.items() if isinstance(f, forms.ModelChoiceField)
    }


def test_no_form_offers_another_schools_records(world):
    other = other_school_world(world)
    checked = {}
    for cls, build in _factories().items():
        form = build(world)
        for name, queryset in _choices(form).items():
            model = queryset.model
            leaks = [obj for obj in queryset if _organisation_of(obj) == other.school]
            assert leaks == [], f"{cls.__name__}.{name} offers another school's {leaks}"
            scoped = [o for o in model._default_manager.all() if _organisation_of(o)]
            if scoped:
                # The other school has such records: the check above had something to find.
                assert any(_organisation_of(o) == other.school for o in scoped), (
                    f"{cls.__name__}.{name}: no {model.__name__} of the other school to test with"
                )
            checked[f"{cls.__name__}.{name}"] = model.__name__
    assert set(checked.values()) >= {"Person", "Order", "Pair", "Stage"}


def test_post_ids_of_another_school_are_refused(world, client_for):
    """Ids read from POST data or the query string outside a form."""
    from pairs.models import MentoringForm, Pair
    from pairs.tests.factories import make_pair, ready_mentee, ready_mentor

    other = other_school_world(world)
    their_pair = make_pair(
        other.school,
        ready_mentor(other.school, last_name="Чужая-наставница"),
        ready_mentee(other.school, last_name="Чужая-наставляемая"),
    )
    mentor, mentee = their_pair.mentors[0].person, their_pair.mentees[0].person
    client = client_for("curator")
    names = list(
        Person.objects.filter(organisation=other.school, last_name__startswith="Чужая")
        .values_list("last_name", flat=True)
        .distinct()
    )
    assert len(names) >= 3
    pairs_before = Pair.objects.filter(organisation=world.school).count()

    accept = client.post(
        reverse("pairs:proposal_accept"),
        {
            "form": MentoringForm.objects.filter(group="form").first().pk,
            "period_start": "01.09.2026",
            "period_end": "31.05.2027",
            "choice": [f"{mentor.pk}:{mentee.pk}"],
        },
        follow=True,
    )
    create = client.get(reverse("pairs:pair_create"), {"mentors": mentor.pk, "mentees": mentee.pk})
    consent = client_for("teacher").get(reverse("participants:my_consent"), {"for": mentee.pk})
    switch = client_for("curator").post(
        reverse("participants:switch_organisation"), {"organisation": other.school.pk}
    )
    for response in (accept, create):
        page = response.content.decode()
        assert response.status_code == 200
        assert [name for name in names if name in page] == []
    assert consent.status_code == 404
    assert switch.status_code == 404
    assert Pair.objects.filter(organisation=world.school).count() == pairs_before
