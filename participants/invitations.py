"""The letter that invites a person to the portal: their login and a one-off link to set a
password. One text for the invitation given on a person's card and for the bulk one of staff."""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from participants.models import Person

SUBJECT = "Наставничество: вход на портал"


def invitation_text(*, person: Person, username: str, url: str, days: str) -> str:
    return (
        f"Здравствуйте, {person.first_name} {person.middle_name}!\n\n"
        f"Для вас создана учётная запись «{username}» на портале "
        f"«Наставничество» ({person.organisation.short_name}).\n"
        f"Задайте пароль по одноразовой ссылке: {url}\n"
        f"Ссылка действует {days} и перестаёт работать, как только пароль задан.\n"
    )


def send_invitations(user_ids: list[int]) -> int:
    """Send each login of ``user_ids`` that has not set a password yet its invitation (the
    link is made now, so it is valid for the full time from the letter). A login that already
    has a password is skipped: a repeated run sends nothing twice. Returns how many were sent."""
    from notifications.mail import absolute
    from participants.services import password_link_validity, password_set_link

    days = password_link_validity()
    people = {
        person.user_id: person
        for person in Person.objects.filter(user_id__in=user_ids).select_related("organisation")
    }
    sent = 0
    for user in get_user_model().objects.filter(pk__in=user_ids, is_active=True):
        person = people.get(user.pk)
        if person is None or not user.email or user.has_usable_password():
            continue
        text = invitation_text(
            person=person,
            username=user.username,
            url=absolute(password_set_link(user)),
            days=days,
        )
        send_mail(SUBJECT, text, None, [user.email])
        sent += 1
    return sent
