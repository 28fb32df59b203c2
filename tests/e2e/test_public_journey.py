"""The public section in the browser: the curator opens the section, publishes the approved
roadmap (names replaced) and a news item; a visitor without an account finds the school from the
login page, reads the news and downloads the roadmap PDF; no page sets a cookie and axe-core finds
no serious or critical violation on the visitor's pages."""

import io

from playwright.sync_api import expect
from pypdf import PdfReader

from public.models import Publication, Section
from public.tests.factories import approved_roadmap, distinct_names

SERIOUS = {"serious", "critical"}


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])})"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def test_curator_publishes_visitor_downloads_the_roadmap(world, page, login, browser, live_server):
    distinct_names(world)
    roadmap = approved_roadmap(world)
    login("curator")
    page.get_by_role("link", name="Открытый раздел").first.click()
    page.get_by_role("button", name="Открыть раздел").click()
    expect(page.get_by_test_id("public-link")).to_be_visible()

    # The roadmap names a member of the working group without a consent to distribution.
    page.get_by_role("link", name=f"Опубликовать… {roadmap.title}").click()
    expect(page.get_by_test_id("missing-consent")).to_contain_text("Кравцова Е. А.")
    page.get_by_label("Имена заменены").check()
    page.get_by_role("button", name="Опубликовать").click()
    expect(page.get_by_text("Документ опубликован.")).to_be_visible()
    assert Publication.objects.get().roadmap == roadmap

    page.get_by_role("link", name="Новый материал").click()
    page.get_by_label("Заголовок").fill("Закреплены наставнические пары")
    page.get_by_label("Текст").fill("Опытные педагоги помогают молодым специалистам.")
    page.get_by_label("С именами").check()
    page.get_by_role("button", name="Сохранить").click()
    page.get_by_role("button", name="Опубликовать").click()
    expect(page.get_by_text("Материал опубликован.")).to_be_visible()

    # A visitor: a new browser, no account.
    visitor = browser.new_context(base_url=live_server.url, locale="ru-RU")
    public = visitor.new_page()
    public.goto("/accounts/login/")
    visitor.clear_cookies()  # the login page's CSRF cookie is the portal's, not the section's
    public.get_by_role("link", name="Открытые разделы школ").click()
    assert serious_violations(public) == []
    section = Section.objects.get()
    public.get_by_role("link", name=section.organisation.short_name).click()
    expect(public.get_by_role("heading", name="Наставничество", exact=True)).to_be_visible()
    assert serious_violations(public) == []
    public.get_by_role("link", name="Закреплены наставнические пары").click()
    expect(public.get_by_text("Опытные педагоги помогают")).to_be_visible()
    assert serious_violations(public) == []
    public.goto(f"/s/{section.slug}/")
    public.locator(f'a[href="/s/{section.slug}/roadmap/{roadmap.pk}/"]').click()
    expect(public.get_by_text("Мероприятие 1.1")).to_be_visible()
    assert "Кравцова" not in public.content()
    assert serious_violations(public) == []
    pdf_link = public.get_by_role("link", name="Скачать PDF")
    response = visitor.request.get(pdf_link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert "set-cookie" not in response.headers
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "Мероприятие 1.1" in text and "Кравцова" not in text
    # Not one cookie was set by the public pages.
    assert visitor.cookies() == []
    # On a phone the section is one readable column, no sideways scrolling.
    public.set_viewport_size({"width": 390, "height": 844})
    public.goto(f"/s/{section.slug}/")
    assert public.evaluate("document.documentElement.scrollWidth") <= 390
    visitor.close()
