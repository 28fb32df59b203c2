from django.urls import path

from school_year.views import opening, portfolio, results, staff

app_name = "school_year"
urlpatterns = [
    path("", results.index, name="index"),
    path("<int:year>/results/", results.year_results_page, name="results"),
    path("pairs/<int:pk>/continue/", results.pair_continue, name="pair_continue"),
    path("pairs/<int:pk>/complete/", results.pair_complete, name="pair_complete"),
    path("<int:year>/new/", opening.new_year, name="new_year"),
    path("<int:year>/new/<slug:step>/run/", opening.step_run, name="step_run"),
    path("<int:year>/new/<slug:step>/skip/", opening.step_skip, name="step_skip"),
    path("staff/", staff.staff_changes, name="staff"),
    path("staff/reassign/", staff.staff_reassign, name="staff_reassign"),
    path("mentors/", portfolio.mentor_list, name="mentor_list"),
    path("mentors/<int:pk>/", portfolio.portfolio, name="portfolio"),
    path("mentors/<int:pk>/pdf/", portfolio.portfolio_download, name="portfolio_pdf"),
    path("mentors/<int:pk>/award/", portfolio.award_add, name="award_add"),
    path("portfolio/", portfolio.my_portfolio, name="my_portfolio"),
    path("portfolio/pdf/", portfolio.my_portfolio_download, name="my_portfolio_pdf"),
]
