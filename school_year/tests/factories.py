"""A school at the end of its 2026/2027 year: an approved roadmap, a working pair fixed by a
signed order, a mentor questionnaire run in the spring, the year's monitoring with targets."""

from datetime import date
from decimal import Decimal

from monitoring import services as monitoring_services
from monitoring.models import IndicatorTarget, ManualIndicator, MonitoringYear
from pairs import services as pair_services
from pairs.tests.factories import signed_order, world_pair
from roadmap.models import Roadmap
from roadmap.tests.factories import make_roadmap

END_OF_YEAR = date(2027, 9, 1)  # the day after the roadmap's period: it may be closed
IN_MAY = date(2027, 5, 15)

DEADLINES = [
    "до 31 октября",
    "ежегодно",
    "Август - сентябрь 2026",
    "До 01.10.2026 г., далее постоянно",
]


def year_world(world):
    school = world.school
    roadmap = make_roadmap(
        school,
        status=Roadmap.Status.APPROVED,
        stages=2,
        activities=2,
        responsible=[world.people["working_group"]],
    )
    pair = world_pair(world)
    order = signed_order(school, pairs=[pair])
    pair.refresh_from_db()
    pair = pair_services.pair_activate(pair=pair)
    questionnaire = monitoring_services.questionnaire_copy_standard(
        organisation=school, key="mentor", by=None
    )
    campaign = monitoring_services.campaign_start(
        questionnaire=questionnaire,
        starts_on=date(2027, 4, 10),
        ends_on=date(2027, 4, 24),
        audience="mentors",
        anonymous=False,
        by=None,
    )
    monitoring = MonitoringYear.objects.create(organisation=school, year=2026)
    IndicatorTarget.objects.create(monitoring_year=monitoring, code="pairs", target=Decimal("5"))
    ManualIndicator.objects.create(
        monitoring_year=monitoring,
        title="Доля молодых специалистов, оставшихся в школе",
        target=Decimal("90"),
    )
    return {
        "roadmap": roadmap,
        "pair": pair,
        "order": order,
        "questionnaire": questionnaire,
        "campaign": campaign,
        "monitoring": monitoring,
    }
