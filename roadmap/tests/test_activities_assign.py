"""One person made responsible for several activities at once, from the roadmap's table."""

from django.urls import reverse

from notifications.models import Notification
from roadmap.models import Activity, Roadmap
from roadmap.tests.factories import make_roadmap
from tests.factories import PersonFactory


def _post(client, roadmap, activities, people):
    return client.post(
        reverse("roadmap:activities_assign", args=[roadmap.pk]),
        {"activities": [a.pk for a in activities], "people": [p.pk for p in people]},
    )


def test_one_person_to_five_activities_in_one_post(world, client_for):
    roadmap = make_roadmap(world.school, stages=3, activities=2)
    five = list(Activity.objects.filter(stage__roadmap=roadmap).order_by("pk")[:5])
    already = world.people["teacher"]
    five[0].responsible_people.add(already)
    person = world.people["working_group"]
    response = _post(client_for("curator"), roadmap, five, [person])
    assert response.status_code == 302
    for activity in five:
        assert person in activity.responsible_people.all()
    assert already in five[0].responsible_people.all()  # the others stay
    assert [str(m) for m in response.wsgi_request._messages] == [
        f"Ответственные добавлены к 5 мероприятиям: {person.short_name}."
    ]
    assert Notification.objects.filter(user=person.user).count() == 5
    # Twice (a double click): nobody is told again, nothing doubles.
    _post(client_for("curator"), roadmap, five, [person])
    assert Notification.objects.filter(user=person.user).count() == 5
    assert five[1].responsible_people.count() == 1


def test_a_form_opened_before_is_stale_after(world, client_for):
    roadmap = make_roadmap(world.school)
    activity = Activity.objects.filter(stage__roadmap=roadmap).first()
    version = activity.version
    _post(client_for("curator"), roadmap, [activity], [world.people["working_group"]])
    activity.refresh_from_db()
    assert activity.version == version + 1


def test_bad_input_changes_nothing(world, client_for):
    roadmap = make_roadmap(world.school)
    activity = Activity.objects.filter(stage__roadmap=roadmap).first()
    client = client_for("curator")
    pupil = PersonFactory(organisation=world.school, category="student")
    for activities, people, message in [
        ([], [world.people["teacher"]], "Отметьте мероприятия в таблице."),
        ([activity], [], "Выберите, кого назначить."),
        ([activity], [pupil], "Этого человека нельзя выбрать в это поле."),
    ]:
        response = _post(client, roadmap, activities, people)
        assert message in [str(m) for m in response.wsgi_request._messages]
    assert not activity.responsible_people.exists()


def test_other_schools_activity_or_person_is_refused(world, client_for):
    roadmap = make_roadmap(world.school)
    foreign = make_roadmap(world.other_school)
    foreign_activity = Activity.objects.filter(stage__roadmap=foreign).first()
    client = client_for("curator")
    _post(client, roadmap, [foreign_activity], [world.people["teacher"]])
    assert not foreign_activity.responsible_people.exists()
    assert _post(client, foreign, [foreign_activity], [world.people["teacher"]]).status_code == 404


def test_approved_roadmap_is_not_edited(world, client_for):
    roadmap = make_roadmap(world.school, status=Roadmap.Status.APPROVED)
    activity = Activity.objects.filter(stage__roadmap=roadmap).first()
    _post(client_for("curator"), roadmap, [activity], [world.people["teacher"]])
    assert not activity.responsible_people.exists()


def test_director_403_and_checkboxes_only_for_the_editor(world, client_for):
    roadmap = make_roadmap(world.school)
    activity = Activity.objects.filter(stage__roadmap=roadmap).first()
    assert _post(client_for("director"), roadmap, [activity], []).status_code == 403
    url = reverse("roadmap:detail", args=[roadmap.pk])
    html = client_for("curator").get(url).content.decode()
    assert html.count('form="bulk-assign"') == 4 and 'id="bulk-assign"' in html
    html = client_for("director").get(url).content.decode()
    assert 'form="bulk-assign"' not in html
