"""The demo district: the department, two schools and an account for every role (order 10)."""

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
        "head",
        "department",
        [Role.DIRECTOR],
        (
            "Миронова",
            "Татьяна",
            "Андреевна",
            "manager",
            "Начальник управления образования",
            "",
            25,
            1970,
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
