from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentoring_portal.errors import ServiceError
from roadmap import services
from roadmap.models import Comment, Evidence, Roadmap, YearMark
from roadmap.tests.factories import first_activity, make_roadmap

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def _evidence(world, activity, persona="working_group", name="prikaz.pdf"):
    return services.evidence_add(
        activity=activity,
        by=world.user(persona),
        title="Приказ о наставничестве",
        file=SimpleUploadedFile(name, PDF),
    )


def _url(evidence):
    return reverse("roadmap:evidence_delete", kwargs={"pk": evidence.pk})


@pytest.mark.parametrize("persona", ["working_group", "curator"])
def test_uploader_or_curator_confirms_and_deletes_with_the_file(
    world, client_for, approved, persona, django_capture_on_commit_callbacks
):
    activity = first_activity(approved)
    evidence = _evidence(world, activity)
    storage, name = evidence.file.storage, evidence.file.name
    assert storage.exists(name)
    client = client_for(persona)
    detail = client.get(reverse("roadmap:activity_detail", kwargs={"pk": activity.pk}))
    assert _url(evidence) in detail.content.decode()
    page = client.get(_url(evidence))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Удалить подтверждение?" in text and evidence.filename in text
    assert Evidence.objects.filter(pk=evidence.pk).exists()  # GET deletes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(evidence))
    assert response.status_code == 302
    assert response.url == reverse("roadmap:activity_detail", kwargs={"pk": activity.pk})
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert not storage.exists(name)
    comment = Comment.objects.get(activity=activity)
    assert comment.author == world.user(persona)
    assert comment.text == ("Удалено подтверждение «Приказ о наставничестве» (файл PDF).")
    detail = client.get(response.url).content.decode()
    assert "Удалено подтверждение «Приказ о наставничестве»" in detail


def test_working_group_member_may_not_delete_what_somebody_else_uploaded(
    world, client_for, approved
):
    evidence = _evidence(world, first_activity(approved), persona="curator")
    client = client_for("working_group")
    assert client.get(_url(evidence)).status_code == 403
    assert client.post(_url(evidence)).status_code == 403
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    detail = client.get(reverse("roadmap:activity_detail", kwargs={"pk": evidence.activity_id}))
    assert _url(evidence) not in detail.content.decode()


@pytest.mark.parametrize("persona", ["teacher", "director", "coordinator", "mentor"])
def test_other_roles_are_refused(world, client_for, approved, persona):
    evidence = _evidence(world, first_activity(approved))
    assert client_for(persona).post(_url(evidence)).status_code == 403
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_other_school_gets_404(world, client_for, approved):
    evidence = _evidence(world, first_activity(approved))
    assert client_for("outsider").get(_url(evidence)).status_code == 404
    assert client_for("outsider").post(_url(evidence)).status_code == 404
    assert Evidence.objects.filter(pk=evidence.pk).exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_wrong_method_is_405(world, client_for, approved, method):
    evidence = _evidence(world, first_activity(approved))
    assert getattr(client_for("curator"), method)(_url(evidence)).status_code == 405
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_nobody_deletes_the_evidence_of_an_accepted_activity(world, client_for, approved):
    activity = first_activity(approved)
    evidence = _evidence(world, activity)
    services.activity_report(activity=activity, by=world.user("working_group"))
    services.activity_accept(activity=activity, by=world.user("curator"))
    for persona in ("curator", "working_group"):
        client = client_for(persona)
        detail = client.get(reverse("roadmap:activity_detail", kwargs={"pk": activity.pk}))
        assert _url(evidence) not in detail.content.decode()
        for method in ("get", "post"):
            response = getattr(client, method)(_url(evidence), follow=True)
            assert response.redirect_chain[-1][0].endswith(
                reverse("roadmap:activity_detail", kwargs={"pk": activity.pk})
            )
            assert "Выполнение уже принято: подтверждение хранится как отметка о выполнении" in (
                response.content.decode()
            )
    assert evidence.file.storage.exists(evidence.file.name)
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert not Comment.objects.filter(activity=activity, text__startswith="Удалено").exists()


def test_yearly_activity_keeps_the_accepted_years_evidence(world):
    roadmap = make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        period=(date(2025, 9, 1), date(2027, 8, 31)),
        deadline="ежегодно до 31 мая",
    )
    activity = first_activity(roadmap)
    years = [year.key for year in roadmap.tracking_years()]
    assert activity.is_yearly and len(years) == 2
    accepted = Evidence.objects.create(
        activity=activity, title="За первый год", url="https://e.ru/1", for_year=years[0]
    )
    open_year = Evidence.objects.create(
        activity=activity, title="За второй год", url="https://e.ru/2", for_year=years[1]
    )
    YearMark.objects.create(activity=activity, year=years[0], status=YearMark.Status.DONE)
    curator = world.user("curator")
    assert services.evidence_deletable_ids(
        activity=activity, evidence=[accepted, open_year], user=curator, is_curator=True
    ) == {open_year.pk}
    with pytest.raises(ServiceError):
        services.evidence_delete(evidence=accepted, by=curator)
    services.evidence_delete(evidence=open_year, by=curator)
    assert list(activity.evidence.all()) == [accepted]
    assert Comment.objects.get(activity=activity).text == (
        f"Удалено подтверждение «За второй год» (ссылка https://e.ru/2) "
        f"за {years[1]}/{years[1] + 1} учебный год."
    )


def test_comment_does_not_repeat_a_link_used_as_the_title(world, approved):
    activity = first_activity(approved)
    evidence = Evidence.objects.create(
        activity=activity, title="https://e.ru/x", url="https://e.ru/x", uploaded_by=None
    )
    services.evidence_delete(evidence=evidence, by=world.user("curator"))
    assert Comment.objects.get(activity=activity).text == "Удалено подтверждение «https://e.ru/x»."


ADD_BUTTON = "Добавить подтверждение"


def _add_url(activity):
    return reverse("roadmap:evidence_add", kwargs={"pk": activity.pk})


def test_no_evidence_is_added_to_an_accepted_activity(world, client_for, approved):
    activity = first_activity(approved)
    _evidence(world, activity)
    client = client_for("curator")
    detail = client.get(reverse("roadmap:activity_detail", kwargs={"pk": activity.pk}))
    assert _add_url(activity) in detail.content.decode()  # still open: the button is there
    services.activity_report(activity=activity, by=world.user("working_group"))
    services.activity_accept(activity=activity, by=world.user("curator"))
    message = "Выполнение мероприятия уже принято: новые подтверждения не добавляются."
    for persona in ("curator", "working_group"):
        client = client_for(persona)
        detail = client.get(reverse("roadmap:activity_detail", kwargs={"pk": activity.pk}))
        assert _add_url(activity) not in detail.content.decode()
        assert ADD_BUTTON not in detail.content.decode()
        response = client.post(
            _add_url(activity),
            {"title": "Поздно", "file": SimpleUploadedFile("late.pdf", PDF)},
            follow=True,
        )
        assert response.redirect_chain[-1][0] == reverse(
            "roadmap:activity_detail", kwargs={"pk": activity.pk}
        )
        assert message in response.content.decode()
    assert activity.evidence.count() == 1
    with pytest.raises(ServiceError, match="уже принято"):
        services.evidence_add(activity=activity, by=None, title="x", url="https://e.ru/x")
    assert activity.evidence.count() == 1


def test_no_evidence_is_added_for_an_accepted_year(world, client_for):
    roadmap = make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        period=(date(2025, 9, 1), date(2027, 8, 31)),
        deadline="ежегодно до 31 мая",
    )
    activity = first_activity(roadmap)
    years = [year.key for year in roadmap.tracking_years()]
    YearMark.objects.create(activity=activity, year=years[0], status=YearMark.Status.DONE)
    client = client_for("curator")
    detail = client.get(reverse("roadmap:activity_detail", kwargs={"pk": activity.pk}))
    assert _add_url(activity) in detail.content.decode()  # the second year is still open
    response = client.post(
        _add_url(activity), {"title": "За первый год", "url": "https://e.ru/1", "year": years[0]}
    )
    assert response.status_code == 400
    assert "Выполнение за этот год уже принято: новые подтверждения за него не добавляются." in (
        response.content.decode()
    )
    assert not Evidence.objects.exists()
    response = client.post(
        _add_url(activity), {"title": "За второй год", "url": "https://e.ru/2", "year": years[1]}
    )
    assert response.status_code == 302
    assert list(activity.evidence.values_list("for_year", flat=True)) == [years[1]]
    # Every year accepted: the button goes away.
    YearMark.objects.create(activity=activity, year=years[1], status=YearMark.Status.DONE)
    detail = client.get(reverse("roadmap:activity_detail", kwargs={"pk": activity.pk}))
    assert _add_url(activity) not in detail.content.decode()
    assert not services.evidence_may_add(activity)
