"""Demo schools, accounts and their people (the first step of ``manage.py load_demo``)."""

from datetime import date

from django.contrib.auth import get_user_model

from mentoring_portal.demo import DemoContext, demo_step
from participants.models import Membership, Organisation, Person, Role

DEPARTMENT = {
    "kind": Organisation.Kind.DEPARTMENT,
    "full_name": "Управление образования администрации Асиновского района",
    "short_name": "Управление образования Асиновского района",
    "address": "636840, Томская область, г. Асино, ул. имени Ленина, д. 40",
    "city": "г. Асино",
    "director_name": "Миронова Татьяна Андреевна",
    "director_position": "Начальник управления образования",
}
MAIN_SCHOOL = {
    "full_name": (
        "Муниципальное автономное общеобразовательное учреждение "
        "гимназия № 2 города Асино Томской области"
    ),
    "short_name": "МАОУ гимназия № 2 г. Асино",
    "address": "636840, Томская область, г. Асино, ул. Станционная, д. 30",
    "city": "г. Асино",
    "phone": "+7 (38241) 2-00-00",
    "email": "gymnasium2@example.ru",
    "director_name": "Седова Наталья Викторовна",
    "director_position": "Директор",
}
SECOND_SCHOOL = {
    "full_name": (
        "Муниципальное бюджетное общеобразовательное учреждение "
        "«Средняя общеобразовательная школа № 5 города Асино»"
    ),
    "short_name": "МБОУ СОШ № 5 г. Асино",
    "address": "636840, Томская область, г. Асино, ул. Гончарова, д. 7",
    "city": "г. Асино",
    "director_name": "Фомин Алексей Петрович",
    "director_position": "Директор",
}

# login, school, roles, person: (фамилия, имя, отчество, category, position, subjects, стаж, год)
ACCOUNTS = [
    (
        "director",
        "main",
        [Role.DIRECTOR],
        ("Седова", "Наталья", "Викторовна", "manager", "Директор", "", 27, 1968),
    ),
    (
        "curator",
        "main",
        [Role.CURATOR, Role.WORKING_GROUP],
        (
            "Кравцова",
            "Елена",
            "Александровна",
            "manager",
            "Заместитель директора по УВР",
            "русский язык",
            19,
            1979,
        ),
    ),
    (
        "group",
        "main",
        [Role.WORKING_GROUP, Role.TEACHER],
        (
            "Зайцева",
            "Ирина",
            "Николаевна",
            "teacher",
            "Учитель, руководитель ШМО",
            "история",
            15,
            1983,
        ),
    ),
    (
        "teacher",
        "main",
        [Role.TEACHER],
        (
            "Белова",
            "Анна",
            "Сергеевна",
            "young_specialist",
            "Учитель начальных классов",
            "начальные классы",
            1,
            2001,
        ),
    ),
    (
        "mentor",
        "main",
        [Role.MENTOR, Role.TEACHER],
        ("Громов", "Сергей", "Иванович", "teacher", "Учитель математики", "математика", 22, 1975),
    ),
    (
        "mentee",
        "main",
        [Role.MENTEE, Role.TEACHER],
        (
            "Лебедева",
            "Ольга",
            "Дмитриевна",
            "young_specialist",
            "Учитель математики",
            "математика",
            2,
            2000,
        ),
    ),
    (
        "coordinator",
        "department",
        [Role.COORDINATOR],
        (
            "Орлова",
            "Марина",
            "Павловна",
            "manager",
            "Главный специалист управления образования",
            "",
            12,
            1981,
        ),
    ),
    (
        "curator2",
        "second",
        [Role.CURATOR],
        (
            "Никитина",
            "Светлана",
            "Юрьевна",
            "manager",
            "Заместитель директора по УВР",
            "биология",
            14,
            1984,
        ),
    ),
    (
        "teacher2",
        "second",
        [Role.TEACHER],
        ("Соколов", "Дмитрий", "Олегович", "young_specialist", "Учитель физики", "физика", 1, 2002),
    ),
]


@demo_step(order=10)
def create_schools_and_accounts(context: DemoContext) -> None:
    User = get_user_model()
    # --force: start again from a clean demo; only the demo's own records are removed.
    User.objects.filter(username__in=[login for login, *_ in ACCOUNTS]).delete()
    names = [MAIN_SCHOOL["short_name"], SECOND_SCHOOL["short_name"]]
    Organisation.objects.filter(short_name__in=names).delete()
    Organisation.objects.filter(short_name=DEPARTMENT["short_name"]).delete()

    department = Organisation.objects.create(**DEPARTMENT)
    schools = {
        "department": department,
        "main": Organisation.objects.create(parent=department, **MAIN_SCHOOL),
        "second": Organisation.objects.create(parent=department, **SECOND_SCHOOL),
    }
    context.objects["organisations"] = schools
    people = context.objects.setdefault("people", {})
    for login, school_key, roles, person in ACCOUNTS:
        last, first, middle, category, position, subjects, experience, year = person
        organisation = schools[school_key]
        user = User.objects.create_user(
            login,
            email=f"{login}@example.ru",
            password=context.password,
            first_name=first,
            last_name=last,
        )
        for role in roles:
            Membership.objects.create(user=user, organisation=organisation, role=role)
        people[login] = Person.objects.create(
            organisation=organisation,
            user=user,
            last_name=last,
            first_name=first,
            middle_name=middle,
            category=category,
            position=position,
            subjects=subjects,
            experience_years=experience,
            birth_date=date(year, 3, 14),
            email=user.email,
        )
        role_names = ", ".join(Role(role).label for role in roles)
        context.accounts.append((login, role_names, organisation.short_name))


# --- the main school's people, consents, requests and questionnaires (order 20) ---------------

# (фамилия, имя, отчество, category, position, subjects, стаж, birth date)
STAFF = [
    (
        "Алексеева",
        "Татьяна",
        "Викторовна",
        "teacher",
        "Учитель русского языка и литературы",
        "русский язык, литература",
        24,
        date(1974, 5, 2),
    ),
    (
        "Борисов",
        "Андрей",
        "Николаевич",
        "teacher",
        "Учитель физики",
        "физика",
        18,
        date(1980, 11, 21),
    ),
    (
        "Васильева",
        "Марина",
        "Юрьевна",
        "teacher",
        "Учитель начальных классов",
        "начальные классы",
        29,
        date(1970, 1, 15),
    ),
    (
        "Григорьева",
        "Ольга",
        "Петровна",
        "teacher",
        "Учитель английского языка",
        "английский язык",
        12,
        date(1986, 7, 9),
    ),
    (
        "Дмитриев",
        "Павел",
        "Сергеевич",
        "young_specialist",
        "Учитель информатики",
        "информатика",
        1,
        date(2002, 4, 30),
    ),
    (
        "Егорова",
        "Светлана",
        "Александровна",
        "teacher",
        "Учитель химии",
        "химия, биология",
        21,
        date(1977, 9, 12),
    ),
    (
        "Жукова",
        "Наталья",
        "Владимировна",
        "teacher",
        "Учитель географии",
        "география",
        16,
        date(1982, 2, 27),
    ),
    (
        "Иванова",
        "Екатерина",
        "Андреевна",
        "young_specialist",
        "Учитель английского языка",
        "английский язык",
        2,
        date(2000, 8, 3),
    ),
    (
        "Калинина",
        "Юлия",
        "Игоревна",
        "young_specialist",
        "Учитель русского языка и литературы",
        "русский язык, литература",
        1,
        date(2001, 12, 19),
    ),
    (
        "Ковалёв",
        "Дмитрий",
        "Александрович",
        "teacher",
        "Учитель физической культуры",
        "физическая культура",
        9,
        date(1990, 6, 6),
    ),
    ("Кузнецова", "Елена", "Михайловна", "teacher", "Педагог-психолог", "", 14, date(1984, 3, 11)),
    (
        "Лаврентьева",
        "Ирина",
        "Сергеевна",
        "teacher",
        "Учитель истории и обществознания",
        "история, обществознание",
        26,
        date(1972, 10, 8),
    ),
    (
        "Макарова",
        "Анастасия",
        "Олеговна",
        "young_specialist",
        "Учитель начальных классов",
        "начальные классы",
        0,
        date(2003, 1, 24),
    ),
    (
        "Никитин",
        "Роман",
        "Владимирович",
        "teacher",
        "Учитель технологии",
        "технология",
        11,
        date(1988, 5, 17),
    ),
    (
        "Орехова",
        "Людмила",
        "Николаевна",
        "teacher",
        "Учитель математики",
        "математика",
        31,
        date(1968, 8, 29),
    ),
    (
        "Павлова",
        "Дарья",
        "Евгеньевна",
        "young_specialist",
        "Учитель биологии",
        "биология",
        2,
        date(1999, 11, 2),
    ),
    (
        "Романова",
        "Вера",
        "Алексеевна",
        "teacher",
        "Учитель музыки",
        "музыка",
        20,
        date(1978, 4, 14),
    ),
    (
        "Семёнов",
        "Игорь",
        "Валентинович",
        "teacher",
        "Преподаватель-организатор ОБЗР",
        "основы безопасности и защиты Родины",
        15,
        date(1975, 12, 1),
    ),
    (
        "Тихонова",
        "Алёна",
        "Викторовна",
        "young_specialist",
        "Учитель математики",
        "математика",
        1,
        date(2001, 6, 22),
    ),
    ("Уварова", "Галина", "Ивановна", "teacher", "Учитель-логопед", "", 27, date(1971, 2, 5)),
    (
        "Фёдорова",
        "Ксения",
        "Дмитриевна",
        "young_specialist",
        "Учитель изобразительного искусства",
        "изобразительное искусство",
        3,
        date(1998, 9, 16),
    ),
    (
        "Харитонова",
        "Лариса",
        "Геннадьевна",
        "teacher",
        "Учитель начальных классов",
        "начальные классы",
        22,
        date(1976, 7, 30),
    ),
    (
        "Цветкова",
        "Полина",
        "Андреевна",
        "young_specialist",
        "Социальный педагог",
        "",
        1,
        date(2000, 3, 8),
    ),
    (
        "Чернов",
        "Виктор",
        "Павлович",
        "teacher",
        "Учитель информатики",
        "информатика",
        17,
        date(1981, 1, 19),
    ),
    (
        "Шестакова",
        "Оксана",
        "Валерьевна",
        "teacher",
        "Учитель немецкого языка",
        "немецкий язык",
        13,
        date(1987, 10, 25),
    ),
    ("Юдина", "Маргарита", "Сергеевна", "teacher", "Учитель химии", "химия", 6, date(1993, 5, 5)),
    (
        "Яковлева",
        "Софья",
        "Николаевна",
        "young_specialist",
        "Учитель истории",
        "история",
        0,
        date(2002, 2, 13),
    ),
    (
        "Петренко",
        "Виталий",
        "Олегович",
        "employer",
        "Инженер-программист ООО «АсиноСофт»",
        "информатика",
        None,
        date(1985, 8, 1),
    ),
    (
        "Сорокина",
        "Анна",
        "Михайловна",
        "external_student",
        "Студентка ТГПУ, 4 курс",
        "математика",
        None,
        date(2004, 4, 4),
    ),
    ("Мельникова", "Оксана", "Павловна", "parent", "", "", None, date(1984, 6, 18)),
    ("Зуев", "Константин", "Игоревич", "parent", "", "", None, date(1982, 9, 9)),
]
# (фамилия, имя, отчество, класс, birth date, representative's surname)
PUPILS = [
    ("Мельников", "Артём", "Сергеевич", "8А", date(2012, 3, 14), "Мельникова"),
    ("Зуева", "Варвара", "Константиновна", "10Б", date(2010, 11, 5), "Зуев"),
]
PAPER_CONSENTS = {"Алексеева", "Уварова", "Романова", "Мельникова", "Зуев", "Петренко"}
NO_CONSENT = {"Калинина", "Макарова", "Ковалёв", "Шестакова", "Сорокина"}
WITHDRAWN = {"Фёдорова": 40, "Никитин": 3}  # days ago
# surname -> (request status, difficulties' indexes)
REQUESTS = {
    "Дмитриев": ("submitted", [2, 3, 8]),
    "Иванова": ("accepted", [0, 1]),
    "Павлова": ("returned", [3, 4]),
    "Тихонова": ("submitted", [1, 4, 5]),
    "Цветкова": ("draft", [0]),
    "Яковлева": ("paired", [2, 3]),
    "Калинина": ("draft", [1, 9]),
    "Юдина": ("finished", [6]),
}
# surname -> (questionnaire status, competencies' indexes, max mentees, trained)
PROFILES = {
    "Алексеева": ("active", [2, 3, 4], 2, True),
    "Борисов": ("in_bank", [3, 8], 1, False),
    "Васильева": ("trained", [0, 1, 9], 2, True),
    "Егорова": ("submitted", [3, 11], 2, False),
    "Лаврентьева": ("returned", [4, 5], 1, False),
    "Орехова": ("trained", [1, 3, 12], 3, True),
    "Чернов": ("submitted", [8, 13], 2, False),
    "Харитонова": ("draft", [0, 9], 1, False),
    "Петренко": ("in_bank", [8, 13], 1, False),
}
SCAN_PLACEHOLDER = b"%PDF-1.4\n% demo: the signed consent would be scanned here\n"


@demo_step(order=20)
def create_people_consents_and_banks(context: DemoContext) -> None:
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from participants import services
    from participants.models import (
        Consent,
        Difficulty,
        MenteeRequest,
        MentoringKind,
        MentorProfile,
        MentorTraining,
        WorkFormat,
    )

    school = context.objects["organisations"]["main"]
    accounts = context.objects["people"]
    curator = accounts["curator"].user
    text = services.consent_text_current(organisation=school)
    difficulties = list(Difficulty.objects.filter(is_active=True))
    today = timezone.localdate()
    now = timezone.now()

    people = {}
    for last, first, middle, category, position, subjects, experience, born in STAFF:
        people[last] = Person.objects.create(
            organisation=school,
            last_name=last,
            first_name=first,
            middle_name=middle,
            category=category,
            position=position,
            subjects=subjects,
            experience_years=experience,
            birth_date=born,
            phone=f"+7 (913) 8{len(people):02d}-{born.month:02d}-{born.day:02d}",
        )
    for last, first, middle, school_class, born, parent in PUPILS:
        people[last] = Person.objects.create(
            organisation=school,
            last_name=last,
            first_name=first,
            middle_name=middle,
            category=Person.Category.STUDENT,
            school_class=school_class,
            birth_date=born,
            legal_representative=people[parent],
        )

    def consent(person, *, days_ago, paper=False, by=None):
        return Consent.objects.create(
            person=person,
            given_by_person=by,
            text=text,
            purposes=text.purposes,
            data_categories=text.data_categories,
            method=Consent.Method.PAPER if paper else Consent.Method.ONLINE,
            typed_name="" if paper else (by or person).full_name,
            given_at=now - timezone.timedelta(days=days_ago),
            given_from_user=curator if paper else (by or person).user,
            ip_address=None if paper else "192.168.10.23",
            scan=ContentFile(SCAN_PLACEHOLDER, name="soglasie.pdf") if paper else "",
            publication_consent=days_ago % 3 == 0,
        )

    for index, (last, person) in enumerate(people.items()):
        if last in NO_CONSENT:
            continue
        representative = person.legal_representative if person.is_minor() else None
        given = consent(
            person,
            days_ago=60 + index,
            paper=last in PAPER_CONSENTS or bool(representative),
            by=representative,
        )
        if last in WITHDRAWN:
            services.consent_withdraw(
                consent=given,
                by=curator,
                date=today - timezone.timedelta(days=WITHDRAWN[last]),
                reason="Письменное заявление участника",
            )
    # The demo accounts: the teacher starts with no consent (the journey begins there).
    for login in ("director", "curator", "group", "mentor", "mentee"):
        consent(accounts[login], days_ago=50)

    def request(person, status, picks):
        item = MenteeRequest.objects.create(
            person=person,
            subjects=person.subjects,
            preferred_kind=MentoringKind.TRADITIONAL,
            preferred_format=WorkFormat.MIXED,
            expected_result="Уверенно проектировать уроки и выстраивать дисциплину в классе",
            status=status,
            submitted_at=None if status == "draft" else now - timezone.timedelta(days=10),
            curator_comment="Уточните, по каким классам нужна помощь."
            if status == "returned"
            else "",
        )
        item.difficulties.set([difficulties[i] for i in picks])

    for last, (status, picks) in REQUESTS.items():
        request(people[last], status, picks)
    request(accounts["mentee"], "accepted", [1, 3, 4])

    def profile(person, status, picks, capacity, trained):
        item = MentorProfile.objects.create(
            person=person,
            subjects=person.subjects,
            experience=f"Стаж {person.experience_years or 10} лет, руководитель ШМО.",
            kinds_offered=[MentoringKind.TRADITIONAL, MentoringKind.SITUATIONAL],
            work_format=WorkFormat.IN_PERSON,
            max_mentees=capacity,
            availability="вторник, четверг после 15:00",
            status=status,
            submitted_at=None if status == "draft" else now - timezone.timedelta(days=20),
            curator_comment="Добавьте сведения об опыте наставничества."
            if status == "returned"
            else "",
        )
        item.competencies.set([difficulties[i] for i in picks])
        if trained:
            MentorTraining.objects.create(
                profile=item,
                title="Школа наставника: сопровождение молодых педагогов",
                organiser="ТОИПКРО",
                finished_on=today - timezone.timedelta(days=90),
                hours=36,
                document="Удостоверение о повышении квалификации № 7024-112",
                recorded_by=curator,
            )

    for last, args in PROFILES.items():
        profile(people[last], *args)
    profile(accounts["mentor"], "trained", [1, 3, 4, 12], 2, True)
    # A withdrawn person's forms were excluded by the withdrawal above (Фёдорова had none).
    context.objects["participants"] = people
