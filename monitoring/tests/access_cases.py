"""The monitoring URLs × personas (see tests/access.py for the semantics).

The curator runs questionnaires and the monitoring; the director reads them and downloads the
export and the report; the coordinator reads the monitoring of the district's schools. A
questionnaire is answered by the people it was sent to (here: the mentee); anyone else of the
school gets a 403.
"""

from monitoring.tests.factories import make_year, open_campaign, standard_questionnaire
from tests.access import ALL_SCHOOL_PERSONAS, case

CURATOR = {"curator"}
SURVEY_READERS = {"curator", "director"}
MONITORING_READERS = {"curator", "director", "coordinator"}


def questionnaire(world):
    return {"pk": standard_questionnaire(world.school).pk}


def campaign(world):
    return {"pk": open_campaign(world.school, people=[world.people["mentee"]]).pk}


def year(world):
    return {"pk": make_year(world.school).pk}


CASES = [
    case("monitoring:questionnaire_list", SURVEY_READERS),
    case("monitoring:questionnaire_create", CURATOR),
    case(
        "monitoring:questionnaire_create",
        CURATOR,
        method="post",
        data=lambda world, kwargs: {
            "title": "Анкета",
            "for_role": "mentee",
            "questions-TOTAL_FORMS": "0",
            "questions-INITIAL_FORMS": "0",
        },
    ),
    case(
        "monitoring:questionnaire_copy_standard",
        CURATOR,
        method="post",
        kwargs=lambda world: {"key": "mentor"},
        scoped=False,
    ),
    case("monitoring:questionnaire_detail", SURVEY_READERS, kwargs=questionnaire),
    case("monitoring:questionnaire_edit", CURATOR, kwargs=questionnaire),
    case("monitoring:campaign_create", CURATOR, kwargs=questionnaire),
    case("monitoring:campaign_detail", SURVEY_READERS, kwargs=campaign),
    case("monitoring:campaign_close", CURATOR, kwargs=campaign, method="post"),
    case("monitoring:campaign_answer", {"mentee"}, kwargs=campaign),
    case(
        "monitoring:campaign_answer",
        {"mentee"},
        kwargs=campaign,
        method="post",
        data=lambda world, kwargs: {"save_draft": "1"},
    ),
    case("monitoring:my_campaigns", ALL_SCHOOL_PERSONAS),
    case("monitoring:year_list", MONITORING_READERS),
    case(
        "monitoring:year_create",
        CURATOR,
        method="post",
        data=lambda world, kwargs: {"year": 2025},
    ),
    case("monitoring:year_detail", MONITORING_READERS, kwargs=year),
    case("monitoring:year_edit", CURATOR, kwargs=year),
    case("monitoring:year_approve", CURATOR, kwargs=year, method="post"),
    case("monitoring:year_export", MONITORING_READERS, kwargs=year),
    case("monitoring:year_report_pdf", MONITORING_READERS, kwargs=year),
    # The district is the coordinator's alone: a school's staff (the outsider too, who is no
    # coordinator anywhere) get a 403; another department's school is a 404 (test_district.py).
    case("monitoring:district", {"coordinator"}),
    case("monitoring:district_workbook", {"coordinator"}),
    case(
        "monitoring:district_school",
        {"coordinator"},
        kwargs=lambda world: {"pk": world.school.pk},
        scoped=False,
    ),
]
