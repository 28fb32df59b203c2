"""Who may open each URL of the year change (see tests/access.py)."""

from pairs.tests.factories import world_pair
from tests.access import case

MANAGEMENT = {"curator", "director"}
CURATOR = {"curator"}


def pair_kwargs(world):
    return {"pk": world_pair(world).pk}


def reassign_data(world, kwargs):
    """An activity of the main school whose responsible person left, given to the curator."""
    from datetime import date

    from roadmap.models import Roadmap
    from roadmap.tests.factories import first_activity, make_roadmap
    from tests.factories import PersonFactory

    gone = PersonFactory(organisation=world.school, left_on=date(2026, 11, 1))
    roadmap = make_roadmap(world.school, status=Roadmap.Status.APPROVED, responsible=[gone])
    return {
        "give-activities": [first_activity(roadmap).pk],
        "give-person": world.people["curator"].pk,
    }


def mentor_kwargs(world):
    world_pair(world)
    return {"pk": world.people["mentor"].pk}


CASES = [
    case("school_year:index", MANAGEMENT),
    case("school_year:results", MANAGEMENT, kwargs=lambda world: {"year": 2026}, scoped=False),
    case("school_year:pair_continue", CURATOR, kwargs=pair_kwargs, method="post"),
    case("school_year:pair_complete", CURATOR, kwargs=pair_kwargs, method="post"),
    case("school_year:new_year", CURATOR, kwargs=lambda world: {"year": 2027}, scoped=False),
    case(
        "school_year:step_run",
        CURATOR,
        kwargs=lambda world: {"year": 2027, "step": "monitoring"},
        method="post",
        scoped=False,
    ),
    case(
        "school_year:step_skip",
        CURATOR,
        kwargs=lambda world: {"year": 2027, "step": "banks"},
        method="post",
        scoped=False,
    ),
    case("school_year:staff", CURATOR),
    case(
        "school_year:staff_reassign",
        CURATOR,
        method="post",
        data=reassign_data,
        scoped=True,
    ),
    case("school_year:mentor_list", MANAGEMENT),
    case("school_year:portfolio", MANAGEMENT, kwargs=mentor_kwargs),
    case("school_year:portfolio_pdf", MANAGEMENT, kwargs=mentor_kwargs),
    case("school_year:award_add", MANAGEMENT, kwargs=mentor_kwargs),
    case("school_year:my_portfolio", {"mentor"}),
    case("school_year:my_portfolio_pdf", {"mentor"}),
]
