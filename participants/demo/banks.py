"""The banks of the main school: mentees' requests and mentors' questionnaires in every status."""

from django.utils import timezone

from participants.models import (
    Difficulty,
    MenteeRequest,
    MentoringKind,
    MentorProfile,
    MentorTraining,
    WorkFormat,
)

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


def create_banks(*, people, accounts, curator) -> None:
    """Requests and questionnaires of ``REQUESTS`` and ``PROFILES``, plus the demo mentee's and
    mentor's own. A withdrawn person's were excluded by the withdrawal (Фёдорова had none)."""
    difficulties = list(Difficulty.objects.filter(is_active=True))
    today = timezone.localdate()
    now = timezone.now()

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
