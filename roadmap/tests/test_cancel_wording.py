"""Issue 17, point 8: the red button that cancels an activity says so, and asks first."""

from django.urls import reverse

from roadmap.models import Activity, Roadmap
from roadmap.tests.factories import make_roadmap


def test_cancel_button_names_the_activity_and_leads_to_a_confirmation(world, client_for):
    roadmap = make_roadmap(world.school, status=Roadmap.Status.APPROVED)
    activity = Activity.objects.filter(stage__roadmap=roadmap).first()
    client = client_for("curator")
    html = client.get(reverse("roadmap:activity_detail", args=[activity.pk])).content.decode()
    cancel = reverse("roadmap:activity_cancel", args=[activity.pk])
    assert f'href="{cancel}">Отменить мероприятие…</a>' in html
    page = client.get(cancel)  # the confirmation, with the reason asked: nothing changes yet
    assert page.status_code == 200
    activity.refresh_from_db()
    assert activity.status != Activity.Status.CANCELLED
