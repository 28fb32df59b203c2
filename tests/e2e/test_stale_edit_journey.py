"""Two curators edit the same activity: the second one's inline save is refused in place, and the
row shows what the colleague saved."""

from pathlib import Path

from playwright.sync_api import expect

from roadmap import services
from roadmap.models import Activity
from roadmap.tests.factories import first_activity, make_roadmap

SHOTS = Path(__file__).resolve().parents[2] / "var" / "e2e-screenshots"


def test_a_stale_inline_save_is_refused_and_shows_the_colleagues_title(world, page, login):
    roadmap = make_roadmap(world.school)
    activity = first_activity(roadmap)
    login("curator")
    page.goto(f"/roadmap/{roadmap.pk}/")
    page.get_by_label("Изменить мероприятие 1.1").click()
    form = page.locator("form.js-inline-form")
    form.get_by_label("Мероприятие").fill("Моё название")

    # Meanwhile a colleague saves the same activity.
    colleague = Activity.objects.get(pk=activity.pk)
    colleague.title = "Название коллеги"
    services.activity_save(activity=colleague, roadmap=roadmap)

    form.get_by_role("button", name="Сохранить").click()
    refused = page.locator("form.js-inline-form")
    expect(refused).to_contain_text("Пока вы редактировали")
    expect(refused).to_contain_text("«Название коллеги»")
    assert Activity.objects.get(pk=activity.pk).title == "Название коллеги"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "stale-activity-1280.png", full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    refused.scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / "stale-activity-390.png", full_page=False)

    # Saving again, after the look, is deliberate: it goes through.
    refused.get_by_role("button", name="Сохранить").click()
    expect(page.locator("tr.activity-row", has_text="Моё название")).to_be_visible()
    assert Activity.objects.get(pk=activity.pk).title == "Моё название"
