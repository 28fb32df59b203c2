from django.urls import path

from monitoring.views import answers, district, questionnaires, years

app_name = "monitoring"
urlpatterns = [
    path("", years.year_list, name="year_list"),
    path("years/new/", years.year_create, name="year_create"),
    path("years/<int:pk>/", years.year_detail, name="year_detail"),
    path("years/<int:pk>/edit/", years.year_edit, name="year_edit"),
    path("years/<int:pk>/approve/", years.year_approve, name="year_approve"),
    path("years/<int:pk>/export.xlsx", years.year_export, name="year_export"),
    path("years/<int:pk>/report.pdf", years.year_report_pdf, name="year_report_pdf"),
    path("questionnaires/", questionnaires.questionnaire_list, name="questionnaire_list"),
    path("questionnaires/new/", questionnaires.questionnaire_create, name="questionnaire_create"),
    path(
        "questionnaires/standard/<slug:key>/",
        questionnaires.questionnaire_copy_standard,
        name="questionnaire_copy_standard",
    ),
    path(
        "questionnaires/<int:pk>/", questionnaires.questionnaire_detail, name="questionnaire_detail"
    ),
    path(
        "questionnaires/<int:pk>/edit/",
        questionnaires.questionnaire_edit,
        name="questionnaire_edit",
    ),
    path(
        "questionnaires/<int:pk>/campaign/",
        questionnaires.campaign_create,
        name="campaign_create",
    ),
    path("campaigns/<int:pk>/", questionnaires.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/close/", questionnaires.campaign_close, name="campaign_close"),
    path("campaigns/<int:pk>/answer/", answers.campaign_answer, name="campaign_answer"),
    path("my/", answers.my_campaigns, name="my_campaigns"),
    path("district/", district.district, name="district"),
    path("district/workbook.xlsx", district.district_workbook_view, name="district_workbook"),
    path("district/schools/<int:pk>/", district.district_school, name="district_school"),
]
