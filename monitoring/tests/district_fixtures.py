"""The small district the district tests count by hand, and a big one for query counts."""

from datetime import date

from monitoring import services
from monitoring.tests.factories import make_pair, make_year
from pairs.tests.factories import mentee_in_bank, mentor_in_bank
from roadmap.models import Activity, Roadmap
from roadmap.tests.factories import make_roadmap
from tests.factories import DepartmentFactory, OrganisationFactory, PersonFactory, UserFactory

YEAR = 2025
PERIOD = (date(2025, 9, 1), date(2026, 8, 31))


def fill_school(school, *, with_roadmap=True):
    """One school's year 2025/2026, counted by hand:
    - roadmap approved 28.09.2026 (the factory's order), 4 activities due 31.10.2025: one done,
      one cancelled, one reported, one planned → 1 of 3 done (33.3 %), 1 overdue (33.3 %);
    - 2 mentors and 3 mentees in the banks (with consents);
    - 2 pairs of the year, one «ученик – ученик»;
    - 2 teachers under 35, one a mentee of a pair → 50 %;
    - 4 pupils aged 10–18, one mentee and one mentor of the pupils' pair → 50 %.
    """
    if with_roadmap:
        roadmap = make_roadmap(
            school,
            status=Roadmap.Status.APPROVED,
            stages=1,
            activities=4,
            period=PERIOD,
            title="Дорожная карта на 2025/2026 учебный год",
        )
        done, cancelled, reported, _planned = Activity.objects.filter(
            stage__roadmap=roadmap
        ).order_by("order")
        Activity.objects.filter(pk=done.pk).update(status=Activity.Status.DONE)
        Activity.objects.filter(pk=cancelled.pk).update(status=Activity.Status.CANCELLED)
        Activity.objects.filter(pk=reported.pk).update(status=Activity.Status.REPORTED)
    for _ in range(2):
        mentor_in_bank(PersonFactory(organisation=school))
    for _ in range(3):
        mentee_in_bank(PersonFactory(organisation=school))
    young = [PersonFactory(organisation=school, birth_date=date(1996, 1, 1)) for _ in range(2)]
    pupils = [
        PersonFactory(organisation=school, category="student", birth_date=date(2011, 1, 1))
        for _ in range(4)
    ]
    make_pair(school, mentees=[young[0]])
    make_pair(school, mentors=[pupils[0]], mentees=[pupils[1]], form_name="ученик – ученик")


def make_district(size: int):
    department = DepartmentFactory()
    curator = UserFactory()
    for number in range(size):
        school = OrganisationFactory(parent=department, short_name=f"Школа № {number:03}")
        fill_school(school, with_roadmap=number % 3 != 2)
        if number % 2:
            services.monitoring_year_approve(monitoring_year=make_year(school, YEAR), by=curator)
        else:
            make_year(school, YEAR)
    return department
