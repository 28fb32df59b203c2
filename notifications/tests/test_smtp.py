"""E-mail through a real SMTP server (aiosmtpd on 127.0.0.1, started by the test): the letters are
read back as a mail client reads them — Russian subject and body, the right recipients, links
that work — and a server that refuses or does not answer does not break the daily job."""

import email
import email.policy
import logging
import re
import socket
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import resolve, reverse

from notifications.models import MailAddressState, Notification
from notifications.tests.smtp_server import controller_class, free_port
from notifications.tests.test_reminders import TODAY, roadmap_due
from pairs import services as pair_services
from pairs.tests.factories import make_order, world_pair

pytestmark = pytest.mark.django_db(transaction=False)


class Inbox:
    """An aiosmtpd handler: keeps each accepted letter; refuses the addresses it is told to,
    permanently (550) or for now (451)."""

    def __init__(self):
        self.letters = []
        self.connections = []  # the client's address and port of each letter's connection
        self.refuse, self.later = set(), set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Mailbox does not exist"
        if address in self.later:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.letters.append((list(envelope.rcpt_tos), message))
        self.connections.append(session.peer)
        return "250 Message accepted for delivery"

    def to(self, address) -> list:
        return [message for rcpt, message in self.letters if address in rcpt]


@pytest.fixture
def smtp():
    Controller = controller_class()
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings = override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_TIMEOUT=5,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        PORTAL_URL="https://nastavnik.example.ru",
    )
    settings.enable()
    try:
        yield inbox
    finally:
        settings.disable()
        controller.stop()


def run(on=TODAY) -> str:
    out = StringIO()
    call_command("send_reminders", date=on.isoformat(), stdout=out)
    return out.getvalue()


def links(message) -> list[str]:
    return re.findall(r"https://nastavnik\.example\.ru(\S+)", message.get_content())


def test_the_daily_digest_arrives_in_russian_with_working_links(world, smtp, client_for):
    member, mentor = world.people["working_group"], world.people["mentor"]
    roadmap_due(world, TODAY + timedelta(days=3), [member, mentor])
    assert "писем отправлено: 2" in run()

    assert sorted(rcpt[0] for rcpt, _ in smtp.letters) == sorted(
        [member.user.email, mentor.user.email]
    )
    (letter,) = smtp.to(member.user.email)
    # A long header is folded onto the next line; a mail client unfolds it without the space.
    assert letter["Subject"].strip() == "Наставничество: сводка на 04.12.2026 — 1 уведомление"
    body = letter.get_content()
    assert body.startswith(f"Здравствуйте, {member.user.first_name}")
    assert "срок через 3 дня, 07.12.2026" in body
    found = links(letter)
    activity_path = next(p for p in found if resolve(p).url_name == "activity_detail")
    assert client_for("working_group").get(activity_path).status_code == 200
    # One click from the letter to its preferences, with no login.
    preferences = next(p for p in found if resolve(p).url_name == "preferences_link")
    assert letter["List-Unsubscribe"].strip() == f"<https://nastavnik.example.ru{preferences}>"
    page = client_for(None).get(preferences)
    assert page.status_code == 200
    assert "Настройки уведомлений" in page.content.decode()
    assert member.user.email in page.content.decode()

    # The same day again: nothing new is sent.
    assert "писем отправлено: 0" in run()
    assert len(smtp.letters) == 2


def test_an_event_is_mailed_at_once(world, smtp, django_capture_on_commit_callbacks):
    order = make_order(world.school, pairs=[world_pair(world)])
    with django_capture_on_commit_callbacks(execute=True):
        pair_services.order_submit(order=order, by=world.user("curator"))
    director = world.user("director")
    (letter,) = smtp.to(director.email)
    assert (
        letter["Subject"].strip()
        == f"Наставничество: Приказ «{order.title}» направлен вам на подпись"
    )
    assert f"{reverse('pairs:order_detail', args=[order.pk])}" in links(letter)


def test_instant_letters_of_one_run_share_one_connection(world, smtp):
    """Three people told at once get three letters, over one SMTP session, not three."""
    from notifications.mail import send_instant
    from notifications.services import notify

    people = [world.user(role) for role in ("director", "curator", "mentor")]
    notify(users=people, kind="order_submitted", text="Приказ направлен на подпись", url="/")
    assert send_instant() == {"sent": 3, "failed": 0, "bounced": 0}
    assert sorted(rcpt[0] for rcpt, _ in smtp.letters) == sorted(u.email for u in people)
    assert len(set(smtp.connections)) == 1


def test_a_person_without_an_address_gets_the_bell_only(world, smtp):
    teacher = world.people["teacher"]
    teacher.user.email = ""
    teacher.user.save()
    roadmap_due(world, TODAY + timedelta(days=3), [teacher, world.people["mentor"]])
    run()
    assert Notification.objects.filter(user=teacher.user, kind="activity_due").count() == 1
    assert [rcpt for rcpt, _ in smtp.letters] == [[world.user("mentor").email]]


def test_a_refused_address_is_marked_and_the_rest_are_sent(world, smtp, client_for, caplog):
    member, mentor = world.people["working_group"], world.people["mentor"]
    smtp.refuse.add(member.user.email)
    roadmap_due(world, TODAY + timedelta(days=3), [member, mentor])
    with caplog.at_level(logging.WARNING, logger="notifications.mail"):
        out = run()
    assert "адресов не принято: 1" in out
    assert any(member.user.email in r.getMessage() for r in caplog.records)
    assert [rcpt for rcpt, _ in smtp.letters] == [[mentor.user.email]]
    state = MailAddressState.objects.get(user=member.user)
    assert state.address == member.user.email and "550" in state.reason
    # Marked: shown on the preferences and the person's page; the bell goes on, mail stops.
    assert (
        "не принял письмо"
        in client_for("working_group").get(reverse("notifications:preferences")).content.decode()
    )
    page = client_for("curator").get(reverse("participants:person_detail", args=[member.pk]))
    assert "Почта не доставляется" in page.content.decode()
    roadmap_due(world, TODAY + timedelta(days=7), [member])
    run()
    assert Notification.objects.filter(user=member.user).exists()
    assert smtp.to(member.user.email) == []


def test_a_server_that_asks_to_wait_is_retried_next_run(world, smtp):
    member, mentor = world.people["working_group"], world.people["mentor"]
    smtp.later.add(member.user.email)
    roadmap_due(world, TODAY + timedelta(days=3), [member, mentor])
    assert "не отправлено (повтор в следующий раз): 1" in run()
    assert not MailAddressState.objects.exists()  # 451 is not a bounce
    smtp.later.clear()
    assert "писем отправлено: 1" in run(TODAY + timedelta(days=1))
    (letter,) = smtp.to(member.user.email)
    assert "07.12.2026" in letter.get_content()


def test_a_server_that_does_not_answer_does_not_break_the_job(world, smtp, caplog, settings):
    member = world.people["working_group"]
    roadmap_due(world, TODAY + timedelta(days=3), [member])
    # A port that accepts the connection and never says a word: the client times out.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(5)
    try:
        with (
            override_settings(EMAIL_PORT=silent.getsockname()[1], EMAIL_TIMEOUT=1),
            caplog.at_level(logging.ERROR, logger="notifications.mail"),
        ):
            out = run()
    finally:
        silent.close()
    assert "Напоминаний: 1; писем отправлено: 0" in out
    assert "Почтовый сервер недоступен" in caplog.text
    assert Notification.objects.get(user=member.user).email == Notification.Email.PENDING
    # The next run, the server answers: the letter goes, once.
    assert "писем отправлено: 1" in run(TODAY + timedelta(days=1))
    assert len(smtp.to(member.user.email)) == 1
    assert "писем отправлено: 0" in run(TODAY + timedelta(days=1))
