"""Names and posts in a case, initials, gender from the patronymic, and the typography of
documents (mentoring_portal.russian)."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.template import Context, Template

from mentoring_portal import russian
from mentoring_portal.russian import NBSP


def person(last, first, middle="", position=""):
    return SimpleNamespace(last_name=last, first_name=first, middle_name=middle, position=position)


KRAVTSOVA = person("Кравцова", "Елена", "Александровна", "заместитель директора по УВР")
PETROV = person("Петров", "Иван", "Сергеевич", "учитель математики")


@pytest.mark.parametrize(
    ("who", "case", "expected"),
    [
        (KRAVTSOVA, "nominative", "Кравцова Елена Александровна"),
        (KRAVTSOVA, "genitive", "Кравцовой Елены Александровны"),
        (KRAVTSOVA, "dative", "Кравцовой Елене Александровне"),
        (KRAVTSOVA, "accusative", "Кравцову Елену Александровну"),
        (KRAVTSOVA, "instrumental", "Кравцовой Еленой Александровной"),
        (PETROV, "accusative", "Петрова Ивана Сергеевича"),
        (PETROV, "dative", "Петрову Ивану Сергеевичу"),
        (PETROV, "вин", "Петрова Ивана Сергеевича"),
        # A woman's «-ук» surname does not decline, a man's does.
        (person("Шевчук", "Анна", "Игоревна"), "accusative", "Шевчук Анну Игоревну"),
        (person("Шевчук", "Олег", "Петрович"), "genitive", "Шевчука Олега Петровича"),
        (
            person("Салтыков-Щедрин", "Михаил", "Евграфович"),
            "dative",
            "Салтыкову-Щедрину Михаилу Евграфовичу",
        ),
        # No patronymic: the first name tells the gender.
        (person("Ким", "Мария"), "accusative", "Ким Марию"),
    ],
)
def test_full_name_in_case(who, case, expected):
    assert russian.full_name(who, case) == expected


def test_an_unknown_case_is_refused():
    with pytest.raises(ValueError, match="Неизвестный падеж"):
        russian.full_name(PETROV, "vocative")


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (KRAVTSOVA, russian.FEMALE),
        (PETROV, russian.MALE),
        # The patronymic decides even when the first name could be either.
        (person("Сидорова", "Женя", "Павловна"), russian.FEMALE),
        (person("Мамедов", "Эльчин", "Рашид оглы"), russian.MALE),
        (person("Алиева", "Арзу", "Лутфияр кызы"), russian.FEMALE),
    ],
)
def test_gender_from_the_name(who, expected):
    assert russian.gender_of(who) == expected


def test_initials_with_non_breaking_spaces():
    assert russian.initials_surname(KRAVTSOVA) == f"Е.{NBSP}А.{NBSP}Кравцова"
    assert russian.surname_initials(KRAVTSOVA) == f"Кравцова{NBSP}Е.{NBSP}А."
    assert russian.initials_surname(KRAVTSOVA, "dative") == f"Е.{NBSP}А.{NBSP}Кравцовой"
    assert russian.initials_surname(person("Ли", "Анна-Мария")) == f"А.-М.{NBSP}Ли"
    assert russian.initials_from_text("Седова Наталья Викторовна") == f"Н.{NBSP}В.{NBSP}Седова"


@pytest.mark.parametrize(
    ("position", "case", "expected"),
    [
        ("заместитель директора по УВР", "accusative", "заместителя директора по УВР"),
        ("заместитель директора по УВР", "dative", "заместителю директора по УВР"),
        ("учитель начальных классов", "instrumental", "учителем начальных классов"),
        ("старший воспитатель", "genitive", "старшего воспитателя"),
        ("молодой специалист", "dative", "молодому специалисту"),
        ("социальный педагог", "accusative", "социального педагога"),
        ("педагог-психолог", "dative", "педагогу-психологу"),
        ("Директор", "instrumental", "Директором"),
        ("", "accusative", ""),
    ],
)
def test_position_in_case(position, case, expected):
    assert russian.position_in_case(position, case) == expected


def test_person_in_case_as_an_order_names_them():
    assert russian.person_in_case(KRAVTSOVA, "accusative") == (
        "заместителя директора по УВР Кравцову Елену Александровну"
    )
    assert russian.person_in_case(person("Ким", "Мария")) == "Ким Мария"


def test_agreement_with_a_girl():
    assert russian.agree("обучающийся", gender=russian.FEMALE) == "обучающаяся"
    assert russian.agree("обучающийся", gender=russian.FEMALE, case="genitive") == "обучающейся"
    assert russian.agree("обучающийся", gender=russian.MALE, case="genitive") == "обучающегося"


def test_date_text():
    assert russian.date_text(date(2021, 11, 12)) == f"12{NBSP}ноября 2021{NBSP}г."
    assert russian.date_text(None) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Приказ № 12-о от 12 ноября 2021 г.", "Приказ №␣12-о от 12␣ноября 2021␣г."),
        ("г. Асино, ул. Ленина", "г.␣Асино, ул.␣Ленина"),
        ("доля 30 % и 5%", "доля 30␣% и 5␣%"),
        ("Е. А. Кравцова и Кравцова Е. А.", "Е.␣А.␣Кравцова и Кравцова␣Е.␣А."),
        ("ст. 10.1 Федерального закона", "ст.␣10.1 Федерального закона"),
        ("10 «Б» класса", "10␣«Б» класса"),
        ("в 2024–2025 гг.", "в 2024–2025␣гг."),
        ("наставник – наставляемый", "наставник␣– наставляемый"),
    ],
)
def test_typograph(text, expected):
    result = russian.typograph(text)
    assert result == expected.replace("␣", NBSP)
    assert russian.typograph(result) == result


def test_template_filters():
    rendered = Template(
        "{% load portal %}{{ p|post_and_name:'вин' }}|{{ p|initials }}|{{ t|typo }}"
    ).render(Context({"p": KRAVTSOVA, "t": "№ 5"}))
    post_and_name, initials, typo = rendered.split("|")
    assert post_and_name == "заместителя директора по УВР Кравцову Елену Александровну"
    assert initials == f"Е.{NBSP}А.{NBSP}Кравцова"
    assert typo == f"№{NBSP}5"


@pytest.mark.parametrize(
    ("given", "expected"),
    [("7А", "7␣«А»"), ("10 б", "10␣«Б»"), ("11-В", "11␣«В»"), ("7 «А»", "7␣«А»"), ("", "")],
)
def test_class_label(given, expected):
    assert russian.class_label(given) == expected.replace("␣", NBSP)


def test_lower_first_keeps_abbreviations():
    assert russian.lower_first("Учитель математики") == "учитель математики"
    assert russian.lower_first("УВР") == "УВР"
    assert russian.lower_first("") == ""


@pytest.mark.parametrize(
    "name, case, expected",
    [
        ("МАОУ гимназия № 2 г. Асино", "genitive", "МАОУ гимназии № 2 г. Асино"),
        ("МБОУ СОШ № 5", "genitive", "МБОУ СОШ № 5"),
        ("МАОУ «Гимназия № 2»", "genitive", "МАОУ «Гимназия № 2»"),
        # A name written out from its first word («УТВЕРЖДЕНА приказом Управления образования …»).
        (
            "Управление образования Асиновского района",
            "genitive",
            "Управления образования Асиновского района",
        ),
        (
            "Муниципальное бюджетное общеобразовательное учреждение «Школа № 1»",
            "genitive",
            "Муниципального бюджетного общеобразовательного учреждения «Школа № 1»",
        ),
    ],
)
def test_organisation_in_case(name, case, expected):
    assert russian.organisation_in_case(name, case) == expected
