"""Text copied out of a PDF: the six real openings in fixtures_import/samples (one cell per
line, numbers starting wrapped lines, column numbers, stamps before the table) and the seeds
printed by ``pdftotext -layout`` from the PDF LibreOffice makes of their .docx.

What each sample must give was counted by hand from the file (each is only the opening of a
document, so the last activity is cut off where the file ends)."""

from datetime import date
from pathlib import Path

import pytest

from roadmap.importing import RoadmapImportError, read_roadmap
from roadmap.tests.fixtures_import.quality import SEEDS, agreement

SAMPLES = Path(__file__).parent / "fixtures_import" / "samples"
TODAY = date(2024, 1, 10)


def sample(name: str) -> bytes:
    """The copied text without the address on line 1 and the «[… continues]» mark."""
    lines = (SAMPLES / name).read_text(encoding="utf-8").split("\n")[1:]
    return "\n".join(line for line in lines if "only its opening is kept" not in line).encode()


def read(name: str):
    return read_roadmap(sample(name), name, today=TODAY)


def titles(roadmap) -> list[str]:
    return [activity.title for activity in roadmap.activities]


def test_bagaevskaya_number_cells_column_numbers_and_approval():
    roadmap = read("bagaevskaya3_rostov_roadmap.txt")
    assert (roadmap.period_start, roadmap.period_end) == (date(2020, 9, 1), date(2024, 8, 31))
    assert roadmap.approval.kind == "protocol" and roadmap.approval.number == "1"
    [stage] = roadmap.stages
    assert stage.number == "1"
    assert stage.title.startswith("Нормативное правовое регулирование внедрения методологии")
    assert [(a.number, a.title) for a in stage.activities] == [
        ("1.2", "Утверждение состава рабочей гру")
    ]


def test_tambarskaya_numbers_in_the_middle_of_wrapped_cells():
    roadmap = read("tambarskaya_kuzbass_roadmap.txt")
    assert roadmap.approval.heading == "Утверждаю"
    assert roadmap.approval.by == "ДИРЕКТОР ШКОЛЫ Е.В.ТАРАБАНОВА"
    [stage] = roadmap.stages
    assert (stage.number, stage.title) == (
        "1",
        "Нормативное правовое регулирование внедрения методологии (целевой модели) наставничества",
    )
    numbered = [(a.number, a.title) for a in stage.activities[:4]]
    assert numbered == [
        (
            "1.1",
            "Утверждение состава рабочей группы по внедрению целевой модели "
            "наставничества в 2020 г.",
        ),
        ("1.2", "Назначение кураторов внедрения целевой модели наставничества в ОУ"),
        ("1.3", "Разработка дорожной карты внедрения целевой модели наставничества в ОУ"),
        ("1.4", "Разработка положений о программе наставничества в образовательных организациях"),
    ]
    # The fifth item's number lies beyond the opening: its text and its dash list are kept.
    assert stage.activities[4].title.startswith("Разработка и утверждение распорядительных актов")
    assert not any("2 3 4 5" in title or title in "12345" for title in titles(roadmap))


def test_ds22_stamps_are_not_activities_and_the_table_is_found():
    # The opening ends right after the header and «1.»: the table is found (not «не найдена
    # таблица»), the e-signature block and «ПРИНЯТО» stay before it, nothing is invented.
    with pytest.raises(RoadmapImportError) as error:
        read("ds22_irbit_roadmap_2022.txt")
    assert error.value.code == "no_activities"


def test_pogodaevo_an_order_s_points_become_activities():
    roadmap = read("pogodaevo_zabaikalye_order_2022.txt")
    assert roadmap.approval.kind == "order" and roadmap.approval.number == "14-а"
    assert any("пункты приказа" in warning for warning in roadmap.warnings)
    activities = roadmap.activities
    assert [a.number for a in activities] == ["1", "2", "3", "4"]
    assert activities[0].title.startswith("Назначить руководителем проектной группы")
    assert activities[0].title.endswith("Высотину И. Ю. – ЗДУВР")
    assert activities[1].title.startswith("Утвердить состав проектной группы")
    assert "Кузнецова Л. П." in activities[1].title
    third = activities[2]
    assert third.deadline_text == "в срок до 31 марта 2022 года"
    assert third.deadline.due == date(2022, 3, 31)
    assert third.responsible_people_names == ["Высотина И. Ю."]
    assert "Ответственный" not in third.title


@pytest.mark.parametrize(
    "name", ["gavrilovo_lenobl_roadmap_2022.txt", "mbdou18_alyonushka_rostov_roadmap_2022_2024.txt"]
)
def test_interleaved_copies_import_with_rows_to_check(name):
    # A PDF viewer copied these column by column, interleaved: best effort, every row marked.
    roadmap = read(name)
    assert roadmap.activities
    assert roadmap.unsure_count == len(roadmap.activities)
    assert not any(
        title.startswith(("Приложение", "Дорожная карта (план")) for title in titles(roadmap)[:1]
    )


def test_gavrilovo_keeps_the_deadline_line():
    roadmap = read("gavrilovo_lenobl_roadmap_2022.txt")
    assert "Ежегодно" in [a.deadline_text for a in roadmap.activities]


@pytest.mark.parametrize("prefix", SEEDS)
def test_seeds_printed_with_pdftotext_layout(prefix):
    found, total = agreement(prefix, "layout.txt")
    assert total and found / total >= LAYOUT_FLOOR[prefix]


# Measured: activities with their stage, title and derived due date as from the .docx.
LAYOUT_FLOOR = {"000": 0.66, "001": 0.33, "002": 1.0, "003": 1.0, "004": 1.0}
