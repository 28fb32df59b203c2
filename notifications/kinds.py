"""The kinds of notification, with the Russian label a person sees in their preferences.

Plain strings, so that this app imports no domain app: the domain apps pass a kind to
:func:`notifications.services.notify` and the daily reminder builders use the reminder kinds.
An event is e-mailed at once by default; a reminder goes into the day's digest.
"""

INSTANT, DIGEST, OFF = "instant", "digest", "off"
DELIVERY_CHOICES = [
    (INSTANT, "сразу"),
    (DIGEST, "в ежедневной сводке"),
    (OFF, "не присылать"),
]

# kind -> (label, default delivery by e-mail)
KINDS: dict[str, tuple[str, str]] = {
    "roadmap_submitted": ("Дорожная карта направлена на утверждение", INSTANT),
    "roadmap_decided": ("Дорожная карта утверждена или возвращена", INSTANT),
    "activity_assigned": ("Вас назначили ответственным за мероприятие", INSTANT),
    "activity_reported": ("Отчёт о выполнении мероприятия", INSTANT),
    "activity_decided": ("Отчёт принят или возвращён", INSTANT),
    "application_decided": ("Запрос или анкета наставника рассмотрены", INSTANT),
    "order_submitted": ("Приказ направлен на подпись", INSTANT),
    "order_decided": ("Приказ подписан или возвращён", INSTANT),
    "order_acknowledge": ("Ознакомление с приказом", INSTANT),
    "pair_fixed": ("Наставническая пара закреплена", INSTANT),
    "consent_withdrawn": ("Отзыв согласия на обработку персональных данных", INSTANT),
    "campaign_opened": ("Открыто анкетирование", INSTANT),
    "activity_due": ("Срок мероприятия дорожной карты", DIGEST),
    "program_item_due": ("Срок пункта программы наставничества", DIGEST),
    "campaign_closing": ("Анкетирование скоро закроется", DIGEST),
    "pair_no_meeting": ("Пара давно не проводила встреч", DIGEST),
    "overdue_summary": ("Еженедельная сводка просроченного", DIGEST),
}


def label(kind: str) -> str:
    return KINDS.get(kind, (kind, INSTANT))[0]


def default_delivery(kind: str) -> str:
    return KINDS.get(kind, (kind, INSTANT))[1]
