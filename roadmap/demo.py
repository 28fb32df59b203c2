"""Demo roadmaps: the main school's approved roadmap for 2026/2027, typed from the seed
``003_ff738ff550747624.txt`` (МБОУ-ООШ № 11, the stages of the target model with deadlines
written «до 31 октября»), with some activities done, some in progress and some overdue against
today; the second school gets a small draft."""

from datetime import date

from mentoring_portal.demo import DemoContext, demo_step
from roadmap import services
from roadmap.models import Activity, Roadmap, Stage

GROUP = "Зам. директора по УВР, рабочая группа"
TEACHERS_GROUP = "Учителя, зам. директора по УВР, рабочая группа"

# stage -> [(activity, form of result, deadline as written, roles, responsible logins, state)]
# state: done (with a link), reported, in_progress, planned; a yearly one may carry done years.
MAIN_ROADMAP = [
    (
        "Подготовка условий для реализации программы наставничества",
        [
            (
                "Подготовить нормативно-правовое обеспечение программы: положение о "
                "наставничестве в ОО, приказ, план мероприятий",
                "Положение о наставничестве, приказ",
                "до 31 октября",
                "Директор, зам. по УВР",
                ["curator"],
                "done",
            ),
            (
                "Информировать коллектив и обучающихся о реализации программы и собрать "
                "предварительные запросы обучающихся, педагогов и молодых специалистов",
                "Протокол педагогического совета",
                "до 31 октября",
                "Зам. по УВР",
                ["curator"],
                "done",
            ),
            (
                "Сформировать рабочую группу и назначить школьного куратора, отвечающего за "
                "реализацию программы",
                "Приказ о составе рабочей группы",
                "до 31 октября",
                "Директор",
                [],
                "done",
            ),
            (
                "Определить задачи, формы наставничества и ожидаемые результаты",
                "Программа наставничества",
                "до 31 октября",
                GROUP,
                ["curator", "group"],
                "done",
            ),
            (
                "Создание и наполнение раздела «Наставничество» на сайте школы",
                "Наличие раздела на сайте с содержательным наполнением",
                "До 01.10.2026 г., далее постоянно",
                "Зам. по УВР",
                ["group"],
                "in_progress",
            ),
        ],
    ),
    (
        "Формирование базы наставляемых",
        [
            (
                "Организовать сбор данных о наставляемых (родители, классные руководители, "
                "педагоги-психологи, профориентационные тесты)",
                "Анкеты, запросы наставляемых",
                "до 6 ноября",
                TEACHERS_GROUP,
                ["group"],
                "done",
            ),
            (
                "Сформировать базу наставляемых и предполагаемые результаты программы "
                "наставничества",
                "База наставляемых",
                "до 6 ноября",
                GROUP,
                ["curator"],
                "reported",
            ),
        ],
    ),
    (
        "Формирование базы наставников",
        [
            (
                "Собрать данные о потенциальных наставниках из числа педагогов и обучающихся "
                "9–11 классов",
                "Анкеты наставников",
                "до 13 ноября",
                TEACHERS_GROUP,
                ["group"],
                "in_progress",
            ),
            (
                "Сформировать базу наставников и определить формы наставничества",
                "База наставников",
                "до 13 ноября",
                GROUP,
                ["curator", "group"],
                "planned",
            ),
        ],
    ),
    (
        "Отбор и обучение наставников",
        [
            (
                "Разработать критерии отбора наставников под собранные запросы",
                "Критерии отбора",
                "до 20 ноября",
                GROUP,
                ["curator"],
                "in_progress",
            ),
            (
                "Организовать отбор и обучение наставников",
                "План обучения, сертификаты",
                "до 31 декабря",
                GROUP,
                ["curator"],
                "planned",
            ),
        ],
    ),
    (
        "Формирование наставнических пар или групп",
        [
            (
                "Сформировать наставнические пары или группы",
                "Приказ о закреплении наставнических пар",
                "до 27 ноября",
                GROUP,
                ["curator", "group"],
                "in_progress",
            ),
        ],
    ),
    (
        "Организация работы наставнических пар и групп",
        [
            (
                "Выбрать форматы взаимодействия для каждой пары или группы и разработать план "
                "мероприятий, определить период взаимодействия",
                "Персонализированные программы наставничества",
                "до 27 ноября",
                GROUP,
                ["group"],
                "planned",
            ),
            (
                "Организовать психологическое сопровождение пар и групп",
                "План сопровождения",
                "по мере необходимости",
                "Педагог-психолог",
                [],
                "planned",
            ),
            (
                "Организовать сбор обратной связи от наставников и наставляемых для оценивания "
                "эффективности программы наставничества",
                "Результаты анкетирования",
                "ежегодно",
                GROUP,
                ["group"],
                "planned",
            ),
            (
                "Разработать систему поощрения наставников",
                "Положение о поощрении",
                "Второе полугодие",
                "Директор, зам. по УВР",
                ["curator"],
                "planned",
            ),
        ],
    ),
    (
        "Завершение наставничества",
        [
            (
                "Проанализировать собранные данные обратной связи, подвести итоги мониторинга "
                "влияния программы на наставляемых",
                "Аналитическая справка",
                "до 25 мая 2027",
                GROUP,
                ["curator"],
                "planned",
            ),
            (
                "Реализовать систему поощрения наставников, организовать мероприятия чествования "
                "лучших наставников и популяризации их опыта",
                "Приказ, публикация на сайте",
                "до 25 мая",
                "Директор, зам. по УВР",
                [],
                "planned",
            ),
            (
                "Разработка критериев оценки эффективности системы наставничества на уровне ОО",
                "Методика оценки эффективности",
                "После утверждения муниципальных критериев",
                "Зам. по УВР",
                ["curator"],
                "planned",
            ),
        ],
    ),
]

SECOND_ROADMAP = [
    (
        "Подготовка условий для запуска программы наставничества",
        [
            (
                "Издание приказа о внедрении целевой модели наставничества",
                "Приказ",
                "Сентябрь 2026",
                "Директор",
            ),
            (
                "Разработка и утверждение дорожной карты",
                "Дорожная карта",
                "до 15 октября",
                "Заместитель директора по УВР",
            ),
        ],
    ),
    (
        "Формирование базы наставляемых",
        [
            (
                "Сбор запросов педагогов на наставничество",
                "Запросы наставляемых",
                "ноябрь-декабрь",
                "Заместитель директора по УВР",
            ),
        ],
    ),
]


def _build(roadmap, stages) -> dict:
    activities = {}
    for stage_order, (stage_title, items) in enumerate(stages, start=1):
        stage = Stage.objects.create(roadmap=roadmap, order=stage_order, title=stage_title)
        for order, item in enumerate(items, start=1):
            title, result, deadline, roles = item[:4]
            activity = Activity(
                stage=stage,
                order=order,
                title=title,
                result_form=result,
                deadline_text=deadline,
                responsible_roles=roles,
            )
            services.activity_derive_deadline(activity=activity, roadmap=roadmap)
            activity.save()
            activities[title] = (activity, item)
    return activities


@demo_step(order=30)
def create_roadmaps(context: DemoContext) -> None:
    schools = context.objects["organisations"]
    people = context.objects["people"]
    curator, director = people["curator"].user, people["director"].user

    roadmap = Roadmap.objects.create(
        organisation=schools["main"],
        title=(
            "Дорожная карта по реализации программы наставничества "
            "в МАОУ гимназии № 2 г. Асино на 2026/2027 учебный год"
        ),
        period_start=date(2026, 9, 1),
        period_end=date(2027, 8, 31),
        created_by=curator,
    )
    activities = _build(roadmap, MAIN_ROADMAP)
    for activity, item in activities.values():
        activity.responsible_people.set([people[login] for login in item[4]])
    services.roadmap_submit(roadmap=roadmap, by=curator)
    services.roadmap_approve(
        roadmap=roadmap, by=director, document_kind="order", number="112-о", date=date(2026, 9, 28)
    )
    for activity, item in activities.values():
        state = item[5]
        reporter = people[item[4][0]].user if item[4] else curator
        if state in ("in_progress", "reported", "done"):
            services.activity_start(activity=activity, by=reporter)
        if state in ("reported", "done"):
            services.activity_report(
                activity=activity,
                by=reporter,
                evidence_title=item[1],
                url=f"https://gymnasium2.example.ru/nastavnichestvo/{activity.pk}",
                comment="Выполнено, документ размещён на сайте.",
            )
        if state == "done":
            services.activity_accept(activity=activity, by=curator)
    context.objects["roadmap"] = roadmap

    second = services.roadmap_create(
        organisation=schools["second"],
        title="Дорожная карта внедрения целевой модели наставничества на 2026/2027 учебный год",
        period_start=date(2026, 9, 1),
        period_end=date(2027, 8, 31),
        from_template=False,
        by=people["curator2"].user,
    )
    _build(second, SECOND_ROADMAP)
