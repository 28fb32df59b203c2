"""axe-core on every role's main pages of the demo school: zero serious or critical violations
(contrast AA, a label on every input, names on buttons and links, keyboard-reachable scroll boxes).

One browser and one login per role. The pages are the role's own menu and personal menu as the
portal draws them (so a new menu item is checked without touching this file), the home page, and
the forms and records each role works in. Where the role can tab through its home page, every
focused element shows a focus ring."""

import os

import pytest
from django.core.management import call_command
from django.urls import reverse

from monitoring.models import Campaign, MonitoringYear
from pairs.models import Order, Pair
from participants.models import MenteeRequest, MentorProfile, Person
from roadmap.models import Activity, Roadmap

DEMO_PASSWORD = "nastavnik-2026"
SERIOUS = {"serious", "critical"}

MENU_LINKS = """
[...document.querySelectorAll("#main-menu a.nav-link, #main-menu a.dropdown-item")]
  .map((link) => link.getAttribute("href"))
  .filter((href) => href.startsWith("/"))
"""

# The element that has the focus after Tab shows it: an outline or Bootstrap's focus shadow.
FOCUS_SHOWN = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  return {shown: outline || shadow, element: element.outerHTML.slice(0, 120)};
}
"""


def _url(name, *args):
    return reverse(name, args=args)


@pytest.fixture
def demo_pages(page):
    """persona -> the pages beyond the menu: records and forms the role works in."""
    call_command("load_demo", password=DEMO_PASSWORD, stdout=open(os.devnull, "w"))  # noqa: SIM115
    school = "гимназия"
    roadmap = Roadmap.objects.filter(
        organisation__short_name__contains=school, status="approved"
    ).latest("period_start")
    activity = Activity.objects.filter(stage__roadmap=roadmap).order_by("pk").first()
    pair = Pair.objects.get(members__person__user__username="mentor", status=Pair.Status.ACTIVE)
    order = Order.objects.filter(organisation=roadmap.organisation, status="signed").first()
    draft_order = Order.objects.filter(organisation=roadmap.organisation, status="draft").first()
    person = Person.objects.filter(organisation=roadmap.organisation).order_by("pk").first()
    profile = MentorProfile.objects.filter(person__organisation=roadmap.organisation).first()
    request = MenteeRequest.objects.filter(person__organisation=roadmap.organisation).first()
    year = MonitoringYear.objects.filter(organisation=roadmap.organisation).first()
    campaign = Campaign.objects.filter(organisation=roadmap.organisation).first()
    draft = Roadmap.objects.get(organisation__short_name__contains="СОШ", status="draft")
    department_roadmap = Roadmap.objects.filter(organisation__kind="department").first()
    pair_pages = [
        _url("pairs:pair_detail", pair.pk),
        _url("pairs:program_detail", pair.pk),
    ]
    return {
        "director": [
            _url("roadmap:detail", roadmap.pk),
            _url("pairs:order_detail", order.pk),
            _url("pairs:order_detail", draft_order.pk),
            *pair_pages,
        ],
        "curator": [
            _url("roadmap:detail", roadmap.pk),
            _url("roadmap:activity_detail", activity.pk),
            _url("roadmap:my"),
            _url("roadmap:municipal_list"),
            _url("pairs:pair_create"),
            _url("pairs:order_detail", draft_order.pk),
            _url("pairs:program_progress"),
            _url("participants:person_create"),
            _url("participants:person_detail", person.pk),
            _url("participants:mentor_bank"),
            _url("participants:profile_detail", profile.pk),
            _url("participants:request_detail", request.pk),
            _url("monitoring:year_detail", year.pk),
            _url("monitoring:campaign_detail", campaign.pk),
            *pair_pages,
        ],
        # The second school's curator: a draft roadmap, edited in its table.
        "curator2": [_url("roadmap:detail", draft.pk)],
        "group": [_url("roadmap:my"), _url("roadmap:activity_detail", activity.pk)],
        "teacher": [_url("participants:my_request"), _url("participants:my_consent")],
        "mentor": [
            *pair_pages,
            _url("pairs:meeting_add", pair.pk),
            _url("pairs:next_meeting", pair.pk),
            _url("participants:my_questionnaire"),
        ],
        "mentee": pair_pages,
        "coordinator": [
            _url("monitoring:district"),
            _url("roadmap:detail", department_roadmap.pk),
            _url("roadmap:schools", department_roadmap.pk),
        ],
        "head": [_url("roadmap:detail", department_roadmap.pk)],
    }


def _log_in(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url("**/")


def test_every_roles_main_pages_pass_axe(page, demo_pages):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found, unfocused, checked = [], [], 0
    for persona, extra in demo_pages.items():
        _log_in(page, persona)
        # Focus is visible: Tab through the start of the home page.
        for _ in range(12):
            page.keyboard.press("Tab")
            focus = page.evaluate(FOCUS_SHOWN)
            if focus is not None and not focus["shown"]:
                unfocused.append(f"{persona}: {focus['element']}")
        urls = ["/", *dict.fromkeys([*page.evaluate(MENU_LINKS), *extra])]
        for url in urls:
            response = page.goto(url)
            assert response.status == 200, f"{persona} {url}: {response.status}"
            checked += 1
            for violation in axe.run(page).response["violations"]:
                if violation["impact"] in SERIOUS:
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    found.append(f"{persona} {url}: {violation['id']} {targets}")
    assert checked >= 60  # the menus did not come out empty
    assert found == []
    assert unfocused == []
