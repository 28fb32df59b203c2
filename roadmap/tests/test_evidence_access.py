"""Evidence files (the signed pairs order naming the children among them) are for the curator,
the director, the working group, the district's coordinator and the activity's responsible
people — not for every mentee, mentor and teacher who reads the approved roadmap."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from roadmap.models import Comment, Evidence
from roadmap.tests.factories import first_activity

pytestmark = pytest.mark.django_db

ALLOWED = ["curator", "director", "working_group", "coordinator"]
REFUSED = ["teacher", "mentor", "mentee"]


@pytest.fixture
def order_evidence(world, approved):
    activity = first_activity(approved)
    director = world.user("director")
    evidence = Evidence(
        activity=activity,
        title="Приказ от 01.09.2026 № 5-о «О закреплении пар»",
        uploaded_by=director,
    )
    evidence.file.save("prikaz.pdf", ContentFile(b"%PDF-1.4 pairs order"), save=True)
    link = Evidence.objects.create(
        activity=activity, title="Отчёт", url="https://example.org/r", uploaded_by=director
    )
    return activity, evidence, link


def _pages(client, activity, evidence):
    detail = client.get(reverse("roadmap:activity_detail", kwargs={"pk": activity.pk}))
    download = client.get(reverse("roadmap:evidence_download", kwargs={"pk": evidence.pk}))
    return detail, download


@pytest.mark.parametrize("persona", ALLOWED)
def test_program_readers_see_and_download_evidence(world, client_for, order_evidence, persona):
    activity, evidence, link = order_evidence
    detail, download = _pages(client_for(persona), activity, evidence)
    html = detail.content.decode()
    assert reverse("roadmap:evidence_download", kwargs={"pk": evidence.pk}) in html
    assert link.url in html
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 pairs order"


@pytest.mark.parametrize("persona", REFUSED)
def test_others_see_titles_without_links_and_get_403(world, client_for, order_evidence, persona):
    activity, evidence, link = order_evidence
    detail, download = _pages(client_for(persona), activity, evidence)
    assert detail.status_code == 200  # the approved roadmap stays readable
    html = detail.content.decode()
    assert "О закреплении пар" in html
    assert reverse("roadmap:evidence_download", kwargs={"pk": evidence.pk}) not in html
    assert link.url not in html
    assert "открыты куратору, директору, рабочей группе и ответственным" in html
    assert download.status_code == 403


def test_a_responsible_teacher_downloads_their_activity_s_evidence(
    world, client_for, order_evidence
):
    activity, evidence, _ = order_evidence
    activity.responsible_people.add(world.people["teacher"])
    detail, download = _pages(client_for("teacher"), activity, evidence)
    assert reverse("roadmap:evidence_download", kwargs={"pk": evidence.pk}) in (
        detail.content.decode()
    )
    assert download.status_code == 200
    # Responsible for another activity only: still refused here.
    assert client_for("mentee").get(download.request["PATH_INFO"]).status_code == 403


def test_another_school_gets_404(world, client_for, order_evidence):
    _, evidence, _ = order_evidence
    response = client_for("outsider").get(
        reverse("roadmap:evidence_download", kwargs={"pk": evidence.pk})
    )
    assert response.status_code == 404


def test_evidence_whose_uploader_left_shows_without_a_name(world, client_for, order_evidence):
    """The uploader's account can be deleted (SET_NULL): the item stays, with its date only."""
    activity, evidence, _link = order_evidence
    Evidence.objects.filter(pk=evidence.pk).update(uploaded_by=None)
    response = client_for("curator").get(
        reverse("roadmap:activity_detail", kwargs={"pk": activity.pk})
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert evidence.title in page
    assert "— ," not in page


def test_a_comment_and_an_evidence_without_their_authors_open(world, client_for, order_evidence):
    """A comment written by the portal itself, and the delete page of evidence whose uploader's
    account is gone: both pages open (a missing user once raised VariableDoesNotExist → 500)."""
    activity, evidence, _link = order_evidence
    Evidence.objects.filter(pk=evidence.pk).update(uploaded_by=None)
    Comment.objects.create(activity=activity, author=None, text="Перенесено из редакции 1")
    client = client_for("curator")
    detail = client.get(reverse("roadmap:activity_detail", kwargs={"pk": activity.pk}))
    assert detail.status_code == 200
    assert "Перенесено из редакции 1" in detail.content.decode()
    delete = client.get(reverse("roadmap:evidence_delete", kwargs={"pk": evidence.pk}))
    assert delete.status_code == 200
    assert evidence.title in delete.content.decode()
