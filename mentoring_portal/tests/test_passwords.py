"""Passwords: not the portal's name nor the school's words; the set-password link works once and
expires."""

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.urls import reverse

from participants.services import password_link_validity, password_set_link

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    [
        "nastavnik",
        "Nastavnik2026",
        "наставничество",
        "yfcnfdybr",  # «наставник» typed with the Latin layout on
        "gimnaziya-2026",  # the school: «МАОУ гимназия № 2»
        "Asino2026!",  # its city
    ],
)
def test_the_products_and_schools_words_are_refused(world, password):
    world.school.city = "г. Асино"
    world.school.save()
    with pytest.raises(ValidationError) as error:
        validate_password(password, user=world.user("teacher"))
    assert "Пароль слишком похож на" in " ".join(error.value.messages)
    assert error.value.error_list[0].code == "password_too_similar_to_school"


def test_an_unrelated_password_passes(world):
    validate_password("Sekret-Parol-2026", user=world.user("teacher"))


def test_the_set_password_form_says_it_in_russian(world, client):
    user = world.user("teacher")
    link = client.get(password_set_link(user), follow=True)
    response = client.post(
        link.redirect_chain[-1][0], {"new_password1": "nastavnik", "new_password2": "nastavnik"}
    )
    assert "не используйте в пароле название портала, школы или города" in response.content.decode()
    user.refresh_from_db()
    assert not user.check_password("nastavnik")


def _set_password(client, link, password="Sekret-Parol-2026"):  # noqa: S107
    page = client.get(link, follow=True)
    if not page.context["validlink"]:
        return page
    return client.post(
        page.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
        follow=True,
    )


def test_the_set_password_link_works_once(world, client):
    user = world.user("teacher")
    link = password_set_link(user)
    done = _set_password(client, link)
    assert done.redirect_chain[-1][0] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("Sekret-Parol-2026")
    again = _set_password(client.__class__(), link, "Drugoy-Parol-2027")
    assert again.context["validlink"] is False
    assert "Ссылка недействительна" in again.content.decode()
    user.refresh_from_db()
    assert user.check_password("Sekret-Parol-2026")


def test_the_set_password_link_expires_after_three_days(world, client, monkeypatch):
    user = world.user("teacher")
    link = password_set_link(user)
    issued = default_token_generator._now()
    monkeypatch.setattr(
        default_token_generator, "_now", lambda: issued + timedelta(days=3, minutes=1)
    )
    page = _set_password(client, link)
    assert page.context["validlink"] is False
    user.refresh_from_db()
    assert not user.check_password("Sekret-Parol-2026")
    monkeypatch.setattr(
        default_token_generator, "_now", lambda: issued + timedelta(days=2, hours=23)
    )
    _set_password(client, link)
    user.refresh_from_db()
    assert user.check_password("Sekret-Parol-2026")


def test_the_page_and_the_mail_say_how_long_the_link_lives(settings):
    assert password_link_validity() == "3\u00a0дня"
    settings.PASSWORD_RESET_TIMEOUT = 24 * 3600
    assert password_link_validity() == "1\u00a0день"
    settings.PASSWORD_RESET_TIMEOUT = 5 * 3600
    assert password_link_validity() == "5\u00a0часов"
