"""The busy curator's journeys, counted: every click and every field typed into is recorded by the
page itself (an init script keeps the counts in sessionStorage across page loads), and each
journey must cost at most half of what it cost before issue 17."""

import re

import pytest
from playwright.sync_api import expect

from pairs.models import Pair
from pairs.tests.factories import duties_consent, mentee_in_bank, mentor_in_bank
from participants.models import Difficulty, Person
from tests.factories import PersonFactory

COUNTER = """
(() => {
  const read = (key) => JSON.parse(sessionStorage.getItem(key) || "null");
  const write = (key, value) => sessionStorage.setItem(key, JSON.stringify(value));
  document.addEventListener("click", (event) => {
    if (event.isTrusted) write("__clicks", (read("__clicks") || 0) + 1);
  }, true);
  document.addEventListener("input", (event) => {
    const field = event.target;
    if (!event.isTrusted || !field.name && !field.id) return;
    if (field.type === "checkbox" || field.type === "radio") return;  // a click, counted above
    const typed = read("__typed") || [];
    const key = location.pathname + "#" + (field.name || field.id);
    if (!typed.includes(key)) { typed.push(key); write("__typed", typed); }
  }, true);
})();
"""


@pytest.fixture
def counted(page):
    page.context.add_init_script(COUNTER)

    def counts():
        return page.evaluate(
            "[JSON.parse(sessionStorage.getItem('__clicks') || '0'),"
            " JSON.parse(sessionStorage.getItem('__typed') || '[]')]"
        )

    def reset():
        page.evaluate("sessionStorage.removeItem('__clicks'); sessionStorage.removeItem('__typed')")

    counts.reset = reset
    return counts


def test_pair_from_a_suggestion_in_two_clicks(world, page, login, counted):
    """Before: 7 clicks and 3 typed fields (and «Обязательное поле» four times if saved at once)."""
    mentor, mentee = world.people["mentor"], world.people["mentee"]
    mentor_in_bank(mentor, subjects="математика")
    duties_consent(mentor)
    difficulties = list(Difficulty.objects.order_by("order")[:2])
    request = mentee_in_bank(mentee, subjects="математика", difficulties=difficulties)
    other = PersonFactory(organisation=world.school, category=Person.Category.TEACHER)
    mentor_in_bank(other, subjects="история")

    login("curator")
    page.goto(f"/pairs/suggest/{request.pk}/")
    counted.reset()
    first = page.locator(".ranking > li").first
    expect(first).to_contain_text(mentor.short_name)
    first.get_by_role("link", name="Создать пару").click()
    expect(page.locator(".ts-control .item")).to_have_count(2)  # both chips are there
    expect(page.get_by_label("Цель")).to_have_value(
        "Преодоление профессиональных затруднений: " + "; ".join(d.name for d in difficulties) + "."
    )
    page.get_by_role("button", name="Создать пару").click()
    expect(page.locator(".alert-success")).to_contain_text("Пара (группа) создана")
    clicks, typed = counted()
    assert (clicks, typed) == (2, [])  # before: 7 clicks and 3 typed fields
    pair = Pair.objects.get()
    assert pair.form.name == "учитель – учитель" and pair.kind.kind_code == "traditional"
    assert [m.person for m in pair.mentors] == [mentor]


def test_five_requests_accepted_in_two_clicks(world, page, login, counted):
    """Before: 15 clicks (open each request, «Принять», back to the bank)."""
    from participants.models import MenteeRequest
    from participants.tests.factories import ConsentFactory, MenteeRequestFactory

    for _ in range(5):
        person = PersonFactory(organisation=world.school)
        ConsentFactory(person=person)
        MenteeRequestFactory(person=person)
    login("curator")
    page.goto("/banks/mentees/?status=submitted")
    counted.reset()
    page.get_by_label("Отметить все поданные на странице").check()
    expect(page.get_by_role("button", name="Принять отмеченные")).to_contain_text("(5)")
    page.get_by_role("button", name="Принять отмеченные").click()
    expect(page.locator(".alert-success")).to_contain_text("Принято в банк: 5 запросов.")
    clicks, typed = counted()
    assert (clicks, typed) == (2, [])  # before: 15
    assert set(MenteeRequest.objects.values_list("status", flat=True)) == {"accepted"}


def test_one_person_to_five_activities_in_eight_clicks(world, page, login, counted):
    """Before: 17 clicks (open each activity's form, Ctrl-click the name, save)."""
    from roadmap.models import Activity
    from roadmap.tests.factories import make_roadmap

    roadmap = make_roadmap(world.school, stages=3, activities=2)
    person = world.people["working_group"]
    login("curator")
    page.goto(f"/roadmap/{roadmap.pk}/")
    counted.reset()
    for number in ["1.1", "1.2", "2.1", "2.2", "3.1"]:
        page.get_by_label(f"Отметить мероприятие {number}", exact=True).check()
    page.get_by_role("combobox", name="Кого назначить ответственным").click()
    page.locator(".ts-dropdown .option", has_text=person.full_name).click()
    page.get_by_role("button", name="Назначить отмеченным мероприятиям").click()
    expect(page.locator(".alert-success")).to_contain_text(
        f"Ответственные добавлены к 5 мероприятиям: {person.short_name}."
    )
    clicks, typed = counted()
    assert clicks <= 8 and typed == []  # before: 17
    assigned = Activity.objects.filter(stage__roadmap=roadmap, responsible_people=person)
    assert assigned.count() == 5


def test_a_wide_table_scrolls_from_the_keyboard_on_a_phone(world, page, login):
    """Issue 17, point 11: a table too wide for 390 px (the list of roadmaps; the roadmap itself
    is cards on a phone now) takes the focus and scrolls with →."""
    from roadmap.tests.factories import make_roadmap

    make_roadmap(world.school, stages=1, activities=2)
    page.set_viewport_size({"width": 390, "height": 800})
    login("curator")
    page.goto("/roadmap/")
    box = page.locator(".table-responsive[tabindex='0']").first
    expect(box).to_have_attribute("role", "region")
    expect(box).to_have_attribute("aria-label", re.compile("прокрутка стрелками$"))
    box.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # The arrow scrolls smoothly: wait for the scroll to start (fails after the timeout if not).
    page.wait_for_function("element => element.scrollLeft > 0", arg=box.element_handle())
    assert box.evaluate("element => element.scrollLeft") > 0
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.locator(".table-responsive[data-keyboard-scroll]")).to_have_count(0)


def test_a_mentors_whole_plan_marked_done_in_two_clicks(world, page, login, counted):
    """Before: one «Выполнено» button a row, a page load each — 6 clicks for the 6 items of the
    template's plan. Now «Все невыполненные» and «Отметить выполненными»."""
    from pairs import services
    from pairs.models import ProgramItem
    from pairs.tests.factories import world_pair

    pair = world_pair(world)
    program = services.program_create(pair=pair)
    login("mentor")
    page.goto(f"/pairs/{pair.pk}/program/")
    counted.reset()
    page.get_by_label("Все невыполненные").check()
    button = page.get_by_role("button", name="Отметить выполненными")
    expect(button).to_contain_text("(6)")
    button.click()
    expect(page.locator(".alert-success")).to_contain_text("Отмечено выполненными: 6 мероприятий.")
    clicks, typed = counted()
    assert (clicks, typed) == (2, [])  # before: 6
    assert not ProgramItem.objects.filter(program=program, done_on__isnull=True).exists()


def test_five_staff_invited_in_two_clicks(world, page, login, counted):
    """Before: per person open the card, «Дать вход на портал», type a login (the address is
    filled in), save, back to the list — 20 clicks and 5 typed fields for five teachers. Now the
    people page's «Пригласить сотрудников без входа…», which lists the five, and one button."""
    from django.core import mail

    people = [
        PersonFactory(
            organisation=world.school,
            category=Person.Category.TEACHER,
            email=f"teacher{n}@school.example",
        )
        for n in range(5)
    ]
    login("curator")
    page.goto("/people/")
    counted.reset()
    page.get_by_role("link", name="Пригласить сотрудников без входа…").click()
    expect(page.get_by_test_id("invite-ready")).to_contain_text(
        "Получат приглашение: 5 сотрудников."
    )
    page.get_by_role("button", name="Пригласить 5 сотрудников").click()
    expect(page.locator(".alert-success")).to_contain_text("отправлены приглашения: 5 сотрудников.")
    clicks, typed = counted()
    assert (clicks, typed) == (2, [])  # before: 20 clicks and 5 typed fields
    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in people)
