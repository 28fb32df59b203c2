"""Demo roadmaps of the main school:

* the roadmap of 2021–2024 typed from the seed ``000_09fcd25847f2e6f8.txt`` (МАОУ гимназия № 2
  г. Асино, approved «12» ноября 2021 г.), with its deadlines as written («Октябрь 2021»,
  «До 01.10.2022 г., далее постоянно», «ежегодно» tracked per school year …): almost all done,
  one yearly activity missing its last year (overdue);
* the current roadmap for 2026/2027 typed from the seed ``003_ff738ff550747624.txt`` (the stages
  of the target model, deadlines «до 31 октября» placed in the period), with some activities
  done, one waiting for the curator, some in progress and some overdue against today.

The second school gets a small draft."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from mentoring_portal.demo import DemoContext, demo_step
from roadmap import services
from roadmap.models import Activity, Roadmap, Stage, YearMark

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

DIRECTOR_DEPUTY = "Директор, зам директора по УВР"
DEPUTY = "Зам директора по УВР"
DEPARTMENT = "Управление образования Асиновского района"

# (activity, form of result, deadline as written, roles, yearly years done or None for «done»)
SEED_2021_2024 = [
    (
        "Подготовительный этап",
        [
            (
                "Изучение и систематизация имеющихся материалов по реализации наставничества",
                "Распоряжение ДОО ТО от 13.04.2020 № 305-р «Об утверждении региональной "
                "программы «Развитие наставничества в системе общего образования Томской "
                "области на 2020-2024 г.г.»",
                "Октябрь 2021",
                "Директор, зам директора по УВР",
                None,
            ),
            (
                "Назначение ответственного лица за реализацию наставничества",
                "Издание приказа о назначении ответственного лица за реализацию программы",
                "До 01.12.2021г.",
                "Директор",
                None,
            ),
        ],
    ),
    (
        "Реализация и актуализация нормативно-правовых и организационно-методических "
        "документов по развитию системы наставничества",
        [
            (
                "Разработка и утверждение дорожной карты и программы по развитию системы "
                "наставничества в МАОУ гимназии № 2",
                "Издание приказа об утверждении дорожной карты и программы по развитию системы "
                "наставничества",
                "До 01.12.2021г.",
                DIRECTOR_DEPUTY,
                None,
            ),
            (
                "Актуализация дорожной карты и программы по развитию системы наставничества "
                "в МАОУ гимназии № 2",
                "Наличие дорожной карты и программы",
                "август-сентябрь 2022 г.",
                DIRECTOR_DEPUTY,
                None,
            ),
            (
                "Создание информационных ресурсов для размещения материалов по реализации "
                "программы наставничества",
                "Наличие раздела на сайте с содержательным наполнением",
                "До 01.10.2022 г., далее постоянно",
                DEPUTY,
                None,
            ),
            (
                "Разработка критериев оценки эффективности системы наставничества на уровне ОО "
                "на основании муниципальных критериев",
                "Наличие методики оценки эффективности системы наставничества",
                "После утверждения муниципальных критериев",
                DEPUTY,
                None,
            ),
            (
                "Разработка пакета локальных актов по развитию системы наставничества на "
                "уровне гимназии",
                "Наличие локальных актов",
                "До 30.09.2022",
                DIRECTOR_DEPUTY,
                None,
            ),
            (
                "Участие в мониторинге наличия пакета локальных актов по развитию системы "
                "наставничества на уровне гимназии",
                "Наличие локальных актов",
                "ежегодно",
                DIRECTOR_DEPUTY,
                [2021, 2022, 2023],
            ),
            (
                "Организация ежегодного мониторинга эффективности по развитию системы "
                "наставничества на уровне гимназии",
                "Аналитическая справка, приказ",
                "ежегодно",
                DIRECTOR_DEPUTY,
                [2021, 2022],
            ),
            (
                "Разработка комплекса мер в МАОУ гимназии № 2 по стимулированию, сопровождению "
                "и поддержке педагогических работников в качестве наставников",
                "Наличие комплекса мер",
                "До 01.12.2022",
                DIRECTOR_DEPUTY,
                None,
            ),
        ],
    ),
    (
        "Создание информационно-коммуникативного пространства для развития системы наставничества",
        [
            (
                "Организация участия в семинарах, вебинарах, совещаниях по содержательным "
                "компонентам реализации программы наставничества, в т.ч. с применением "
                "технологий видеоконференцсвязи",
                "Информирование о проведении мероприятий",
                "ежегодно",
                f"{DEPARTMENT}, ТОИПКРО, зам директора по УВР",
                [2021, 2022, 2023],
            ),
        ],
    ),
    (
        "Формирование комплексного подхода к модернизации системы повышения профессионального "
        "уровня педагогов-наставников и устранению их профессиональных дефицитов",
        [
            (
                "Организация участия в курсах повышения квалификации для педагогических кадров",
                "Наличие участников. Подготовка списка слушателей и оформление заявки.",
                "ежегодно",
                f"{DEPARTMENT}, зам директора по УВР",
                [2021, 2022, 2023],
            ),
            (
                "Организация и проведение профессионального конкурса для педагогов-наставников "
                "на уровне МАОУ гимназии № 2",
                "Наличие профессиональных конкурсов",
                "ежегодно",
                DIRECTOR_DEPUTY,
                [2021, 2022, 2023],
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


def _seed_2021_2024(school, people) -> Roadmap:
    curator, director = people["curator"].user, people["director"].user
    roadmap = Roadmap.objects.create(
        organisation=school,
        title=(
            "Дорожная карта по реализации программы «Развитие наставничества в МАОУ гимназии "
            "№ 2 города Асино на 2020-2024 годы»"
        ),
        period_start=date(2021, 9, 1),
        period_end=date(2024, 8, 31),
        created_by=curator,
    )
    activities = _build(roadmap, SEED_2021_2024)
    for activity, _item in activities.values():
        activity.responsible_people.set([people["curator"]])
    services.roadmap_submit(roadmap=roadmap, by=curator)
    services.roadmap_approve(
        roadmap=roadmap, by=director, document_kind="order", number="215", date=date(2021, 11, 12)
    )
    for activity, item in activities.values():
        years = item[4]
        if activity.deadline_kind == "event":
            continue  # the municipal criteria were never approved: it waits for them
        link = f"https://gymnasium2.example.ru/nastavnichestvo/2021-2024/{activity.pk}"
        if activity.deadline_kind == "permanent":
            # «далее постоянно»: the section exists and is kept up to date, never «closed».
            services.activity_start(activity=activity, by=curator)
            services.evidence_add(activity=activity, by=curator, title=item[1], url=link)
            continue
        for year in years if years is not None else [None]:
            services.activity_report(
                activity=activity, by=curator, year=year, evidence_title=item[1][:300], url=link
            )
            services.activity_accept(activity=activity, by=curator, year=year)
            _accepted_as_then(activity, roadmap, year)
    return roadmap


def _accepted_as_then(activity, roadmap, year=None) -> None:
    """The demo writes a history that happened before today: an accepted activity was accepted
    a few days before its due date, not at the moment the demo was loaded (which would make
    every item «late» and the indicator «выполнено в срок» 0 % with the items done)."""
    if year is None:
        due = activity.deadline_due
    else:
        tracking = {y.key: y for y in roadmap.tracking_years()}
        due = activity.due_for_year(tracking[year]) if year in tracking else None
    if due is None:
        return
    moment = min(
        timezone.now(),
        timezone.make_aware(datetime.combine(due - timedelta(days=3), time(15, 0))),
    )
    Activity.objects.filter(pk=activity.pk).update(accepted_at=moment)
    if year is not None:
        YearMark.objects.filter(activity=activity, year=year).update(accepted_at=moment)


@demo_step(order=30)
def create_roadmaps(context: DemoContext) -> None:
    schools = context.objects["organisations"]
    people = context.objects["people"]
    curator = people["curator"].user
    _seed_2021_2024(schools["main"], people)

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
    # The director approves it by signing the order «Об утверждении дорожной карты» (the pairs
    # app's demo step 35); the work on it is recorded after that, in step 36.
    context.objects["roadmap"] = roadmap
    context.objects["roadmap_activities"] = activities
    _second_school_roadmap(schools, people)
    _department_roadmap(schools, people)


def _department_roadmap(schools, people) -> None:
    """The department's municipal roadmap, from the template, submitted for its head's order
    (the pairs app's demo step 35 signs it)."""
    roadmap = services.roadmap_create(
        organisation=schools["department"],
        title=(
            "Дорожная карта управления образования Асиновского района по реализации целевой "
            "модели наставничества на 2026/2027 учебный год"
        ),
        period_start=date(2026, 9, 1),
        period_end=date(2027, 8, 31),
        from_template=True,
        by=people["coordinator"].user,
    )
    services.roadmap_submit(roadmap=roadmap, by=people["coordinator"].user)


@demo_step(order=37)
def assign_municipal_activities(context: DemoContext) -> None:
    """Three activities of the department's roadmap assigned to the schools: the gymnasium's
    report on the first accepted, the school № 5's on the second waiting, the third to do."""
    from roadmap import municipal

    schools = context.objects["organisations"]
    people = context.objects["people"]
    coordinator = people["coordinator"].user
    roadmap = Roadmap.objects.in_force(schools["department"])
    if roadmap is None:
        return
    everyone = [schools["main"], schools["second"]]
    activities = list(
        Activity.objects.filter(stage__roadmap=roadmap).order_by("stage__order", "order")[:3]
    )
    for activity in activities:
        municipal.school_tasks_assign(activity=activity, schools=everyone, by=coordinator)
    first = activities[0].school_tasks.get(school=schools["main"])
    municipal.school_task_report(
        task=first,
        report="Приказ о внедрении целевой модели издан, размещён на сайте школы.",
        url="https://gymnasium2.example.ru/nastavnichestvo/prikaz",
        by=people["curator"].user,
    )
    municipal.school_task_accept(task=first, by=coordinator)
    second = activities[1].school_tasks.get(school=schools["second"])
    municipal.school_task_report(
        task=second,
        report="Положение о наставничестве утверждено, размещено на сайте.",
        url="https://school5.example.ru/nastavnichestvo",
        by=people["curator2"].user,
    )


@demo_step(order=36)
def track_main_roadmap(context: DemoContext) -> None:
    """The year's work on the main school's roadmap, once it is approved."""
    people = context.objects["people"]
    curator, director = people["curator"].user, people["director"].user
    roadmap = Roadmap.objects.get(pk=context.objects["roadmap"].pk)
    if roadmap.status == Roadmap.Status.ON_APPROVAL:  # no order approved it (no pairs app)
        services.roadmap_approve(
            roadmap=roadmap,
            by=director,
            document_kind="protocol",
            number="1",
            date=date(2026, 9, 28),
        )
    for activity, item in context.objects["roadmap_activities"].values():
        activity.refresh_from_db()
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
            _accepted_as_then(activity, roadmap)
    context.objects["roadmap"] = roadmap


def _second_school_roadmap(schools, people) -> None:
    second = services.roadmap_create(
        organisation=schools["second"],
        title="Дорожная карта внедрения целевой модели наставничества на 2026/2027 учебный год",
        period_start=date(2026, 9, 1),
        period_end=date(2027, 8, 31),
        from_template=False,
        by=people["curator2"].user,
    )
    _build(second, SECOND_ROADMAP)
