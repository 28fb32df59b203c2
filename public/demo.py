"""The demo school's open section: texts, the approved roadmap and the signed order (names
replaced where a person gave no consent to distribution), the mentors who did, a news item, a
best practice and «Наставник года», and the blanks."""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from mentoring_portal.demo import DemoContext, demo_step
from pairs.models import Order, Regulation
from participants.models import Person
from public import services
from public.models import Names, Post
from public.people import public_mentors
from roadmap.models import Roadmap

AIMS = (
    "Максимально полное раскрытие потенциала личности наставляемого, необходимое для успешной "
    "личной и профессиональной самореализации.\n\n"
    "Задачи: адаптация молодых педагогов и новых сотрудников, рост профессионального "
    "мастерства педагогов, поддержка обучающихся в учёбе и выборе профессии, развитие "
    "сотрудничества гимназии с родителями, вузами и предприятиями города."
)
FORMS = (
    "«Учитель – учитель», «ученик – ученик», «студент – ученик», «работодатель – ученик». "
    "Для педагогов — традиционное, групповое, реверсивное и ситуационное наставничество."
)


def demo_photo() -> ContentFile:
    """A drawn picture (no real face in the demo): two figures at a desk with a book."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (960, 540), "#dbe9f6")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 380, 960, 540), fill="#9fb8cf")
    draw.rectangle((250, 330, 710, 360), fill="#6b4f3a")
    for x, colour in ((330, "#0b3d6b"), (630, "#b3541e")):
        draw.ellipse((x - 45, 150, x + 45, 240), fill="#f2c9a0")
        draw.rounded_rectangle((x - 70, 245, x + 70, 380), radius=30, fill=colour)
    draw.rectangle((430, 300, 530, 330), fill="#ffffff", outline="#333333", width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="praktika.png")


@demo_step(order=70)
def create_public_section(context: DemoContext) -> None:
    school = context.objects["organisations"]["main"]
    people = context.objects["people"]
    curator = people["curator"]
    section = services.section_for(school)
    section.slug = "gimnaziya-2-asino"
    section.description = (
        "Программа наставничества МАОУ гимназии № 2 г. Асино: дорожная карта, приказы, "
        "наставники, новости и лучшие практики."
    )
    section.aims = AIMS
    section.forms_text = FORMS
    section.curator = curator
    section.contacts = (
        "Кабинет 204, по будням с 9:00 до 16:00. Телефон приёмной: +7 (38241) 2-15-40."
    )
    section.is_open = section.mentors_published = section.forms_published = True
    services.section_save(section=section)

    regulation = Regulation.objects.in_force(school)
    if regulation is not None:
        services.document_publish(
            section=section, document=regulation, names=Names.FULL, by=curator.user
        )
    roadmap = Roadmap.objects.get(pk=context.objects["roadmap"].pk)  # approved since
    services.document_publish(
        section=section, document=roadmap, names=Names.REPLACED, by=curator.user
    )
    order = Order.objects.get(pk=context.objects["pairs"]["order"].pk)  # signed since
    services.document_publish(
        section=section, document=order, names=Names.REPLACED, by=curator.user
    )

    today = timezone.localdate()
    mentors = public_mentors(school)
    news = Post.objects.create(
        section=section,
        kind=Post.Kind.NEWS,
        title="В гимназии закреплены наставнические пары на 2026/2027 учебный год",
        date=today - timedelta(days=20),
        body="Приказом директора закреплены наставнические пары «учитель – учитель»: опытные "
        "педагоги гимназии помогают молодым специалистам освоиться в профессии.\n\n"
        "Каждая пара работает по персонализированной программе наставничества: посещение "
        "уроков, разбор трудных ситуаций, подготовка к открытым урокам и аттестации.",
        created_by=curator.user,
    )
    practice = Post.objects.create(
        section=section,
        kind=Post.Kind.PRACTICE,
        title="Лучшая практика: «Урок вдвоём» — взаимные посещения уроков",
        date=today - timedelta(days=8),
        body="Наставник и молодой учитель по очереди ведут уроки в одном классе и после каждого "
        "разбирают, что получилось. За полугодие пары провели больше двадцати таких уроков.\n\n"
        "Практика помогает молодому учителю увидеть приёмы работы с дисциплиной и мотивацией "
        "в действии, а наставнику — взглянуть на свой урок со стороны.",
        photo=demo_photo(),
        photo_alt="Рисунок: наставник и молодой учитель за столом с открытой книгой",
        created_by=curator.user,
    )
    posts = [news, practice]
    if mentors:
        best: Person = mentors[0]
        posts.append(
            Post.objects.create(
                section=section,
                kind=Post.Kind.MENTOR_OF_YEAR,
                title=f"Наставник года — {best.full_name}",
                date=today - timedelta(days=3),
                body=f"{best.full_name}{', ' + best.position.lower() if best.position else ''} — "
                "наставник года гимназии по итогам голосования педагогического совета.\n\n"
                "За год молодые педагоги, которых сопровождал наставник, провели открытые уроки "
                "и успешно прошли аттестацию.",
                created_by=curator.user,
            )
        )
        posts[-1].people.set([best])
    for post in posts:
        services.post_publish(post=post)
