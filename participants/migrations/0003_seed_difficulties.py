from django.db import migrations

# The usual professional difficulties of a teacher (and, the same list, mentors' competencies).
DIFFICULTIES = [
    "Работа с родителями (законными представителями)",
    "Дисциплина на уроке",
    "Требования ФГОС",
    "Проектирование урока",
    "Оценивание образовательных результатов",
    "Ведение документации",
    "Инклюзивное образование, обучающиеся с ОВЗ",
    "Работа с одарёнными детьми",
    "Использование цифровых технологий",
    "Классное руководство",
    "Мотивация обучающихся",
    "Функциональная грамотность",
    "Подготовка к ОГЭ и ЕГЭ",
    "Проектная и исследовательская деятельность",
    "Воспитательная работа",
    "Профессиональное выгорание, тайм-менеджмент",
]


def seed(apps, schema_editor):
    Difficulty = apps.get_model("participants", "Difficulty")
    for order, name in enumerate(DIFFICULTIES, start=1):
        Difficulty.objects.get_or_create(name=name, defaults={"order": order * 10})


def unseed(apps, schema_editor):
    apps.get_model("participants", "Difficulty").objects.filter(name__in=DIFFICULTIES).delete()


class Migration(migrations.Migration):
    dependencies = [("participants", "0002_people_consents_banks")]
    operations = [migrations.RunPython(seed, unseed)]
