"""An already approved roadmap imported to be tracked: the approval found in the file is kept
on the draft («утверждена ранее приказом от … № …») when the curator ticks it in the preview."""

from datetime import date

import pytest
from django.urls import reverse

from roadmap.importing.result import Approval
from roadmap.models import Roadmap
from roadmap.tests.fixtures_import.builders import seed_docx
from roadmap.tests.test_import_views import _post_data, _token, _upload

ORDER_TEXT = "утверждена ранее приказом от 16.04.2021 № 158 (И.о. начальника РУО Н.В. Тарханова)"


def test_prior_text_of_each_kind():
    assert Approval(kind="protocol", number="8", date=date(2020, 9, 28)).prior_text == (
        "утверждена ранее протоколом педагогического совета от 28.09.2020 № 8"
    )
    assert Approval(heading="Утверждаю", by="Директор Т.М. Молокова").prior_text == (
        "утверждена ранее: Директор Т.М. Молокова"
    )
    assert Approval().prior_text == ""


@pytest.mark.parametrize("ticked", [True, False])
def test_the_tick_keeps_the_file_s_approval_on_the_draft(world, client_for, ticked):
    curator = client_for("curator")
    response = _upload(curator, seed_docx("004"), "карта.docx")
    token = _token(response)
    preview = curator.get(response["Location"]).content.decode()
    assert f"«{ORDER_TEXT}»" in preview
    data = _post_data(curator, token)
    if ticked:
        data["head-keep_approval"] = "on"
    response = curator.post(reverse("roadmap:import_confirm", kwargs={"token": token}), data)
    assert response.status_code == 302
    roadmap = Roadmap.objects.get()
    assert roadmap.status == Roadmap.Status.DRAFT
    assert roadmap.prior_approval == (ORDER_TEXT if ticked else "")
    page = curator.get(reverse("roadmap:detail", kwargs={"pk": roadmap.pk})).content.decode()
    assert (f"До портала: {ORDER_TEXT}" in page) is ticked
