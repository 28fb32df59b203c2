"""Nobody forgets, in the browser: the curator assigns an activity → the working-group member
sees the bell's count, opens the notification and reports; the director signs an order → a
mentor it names opens it from the bell and confirms «С приказом ознакомлен(а)»."""

import re
from datetime import date

from playwright.sync_api import expect

from notifications.models import Notification
from pairs.models import OrderAcknowledgement
from pairs.tests.factories import make_order, world_pair
from roadmap import services as roadmap_services
from roadmap.models import Activity, Roadmap
from roadmap.tests.factories import make_roadmap


def _log_out(page):
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Выйти").click()


def test_assigned_activity_reaches_the_member_who_reports(world, page, login):
    roadmap = make_roadmap(world.school, stages=1, activities=1)
    activity = Activity.objects.get(stage__roadmap=roadmap)
    member = world.people["working_group"]

    login("curator")
    page.goto(f"/roadmap/activity/{activity.pk}/edit/")
    form = page.locator("main form")
    form.get_by_role("combobox", name="Ответственные").fill(member.last_name[:4])
    page.locator(".ts-dropdown .option", has_text=member.full_name).click()
    form.get_by_role("button", name="Сохранить").click()
    expect(page.locator("body")).to_contain_text(member.short_name)
    _log_out(page)
    # The director approves (the roadmap's own journey clicks through that).
    roadmap_services.roadmap_submit(roadmap=roadmap, by=world.user("curator"))
    roadmap_services.roadmap_approve(
        roadmap=Roadmap.objects.get(pk=roadmap.pk),
        by=world.user("director"),
        document_kind=Roadmap.DocumentKind.choices[0][0],
        number="5",
        date=date(2026, 9, 28),
    )

    login("working_group")
    expect(page.get_by_test_id("bell-count")).to_have_text("1")
    page.get_by_test_id("bell").click()
    item = page.get_by_role(
        "link", name=f"Вы назначены ответственным за мероприятие «{activity.title}»"
    )
    item.click()
    page.wait_for_url(f"**/roadmap/activity/{activity.pk}/")
    expect(page.get_by_test_id("bell-count")).to_have_count(0)  # read by opening it
    page.get_by_role("link", name="Отчитаться о выполнении").click()
    page.get_by_label("Ссылка").fill("https://school.example.ru/otchet")
    page.get_by_role("button", name="Отправить отчёт").click()
    expect(page.locator("body")).to_contain_text("Отчёт отправлен куратору на проверку.")
    assert Notification.objects.get(user=member.user).read_at is not None
    _log_out(page)

    login("curator")
    expect(page.get_by_test_id("bell-count")).to_have_text("2")  # the approval and the report
    page.get_by_test_id("bell").click()
    expect(page.get_by_test_id("notification").first).to_contain_text(
        f"Отчёт о выполнении мероприятия «{activity.title}» ждёт проверки"
    )


def test_director_signs_and_a_named_mentor_confirms(world, page, login, tmp_path):
    order = make_order(world.school, pairs=[world_pair(world)])
    from pairs import services as pair_services

    pair_services.order_submit(order=order, by=world.user("curator"))

    login("director")
    page.goto(f"/pairs/orders/{order.pk}/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Подписать").click()
    expect(page.locator("body")).to_contain_text("Приказ подписан.")
    _log_out(page)

    login("mentor")
    expect(page.get_by_test_id("bell-count")).to_have_text("2")  # the order and the pair
    page.get_by_test_id("bell").click()
    page.get_by_role("link", name="Ознакомьтесь с приказом").click()
    expect(page.locator("h1")).to_contain_text("Приказ от")
    expect(page.locator("main")).to_contain_text(order.title)
    page.screenshot(path=str(tmp_path / "order_acknowledge.png"), full_page=True)
    button = page.get_by_role("button", name=re.compile("^С приказом ознакомлена?$"))
    button.dblclick()
    expect(page.locator("#my-acknowledgement")).to_contain_text("Вы ознакомились с приказом")
    assert OrderAcknowledgement.objects.filter(order=order).count() == 1
    _log_out(page)

    login("curator")
    page.goto(f"/pairs/orders/{order.pk}/")
    section = page.locator("main")
    expect(section).to_contain_text("1 из 2 онлайн")
    expect(section).to_contain_text("не подтвердил")
