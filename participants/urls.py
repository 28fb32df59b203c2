from django.urls import path

from participants import views
from participants.views import (
    bank_bulk,
    banks,
    consents,
    imports,
    invitations,
    my,
    people,
    pickers,
    publication,
)

app_name = "participants"
urlpatterns = [
    path("organisation/switch/", views.switch_organisation, name="switch_organisation"),
    path("organisation/pick/", pickers.organisation_pick, name="organisation_pick"),
    # The school's people (curator; the director reads).
    path("people/", people.person_list, name="person_list"),
    path("people/new/", people.person_create, name="person_create"),
    path("people/invite/", invitations.staff_invite, name="staff_invite"),
    path("people/import/", imports.people_import, name="people_import"),
    path("people/import/preview/", imports.people_import_preview, name="people_import_preview"),
    path("people/import/confirm/", imports.people_import_confirm, name="people_import_confirm"),
    # The people pickers' search: ?q= → names of this school that fit the field.
    path("people/pick/<slug:kind>/", pickers.people_pick, name="people_pick"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:pk>/delete/", people.person_delete, name="person_delete"),
    path("people/<int:pk>/login/", people.person_give_login, name="person_give_login"),
    path("people/<int:pk>/consent.pdf", consents.person_consent_pdf, name="person_consent_pdf"),
    path(
        "people/<int:pk>/consent/paper/",
        consents.person_consent_upload,
        name="person_consent_upload",
    ),
    # The consent to distribution (ст. 10.1 152-ФЗ), a document of its own.
    path(
        "people/<int:pk>/publication.pdf",
        publication.person_publication_pdf,
        name="person_publication_pdf",
    ),
    path(
        "people/<int:pk>/publication/paper/",
        publication.person_publication_upload,
        name="person_publication_upload",
    ),
    path("publications/<int:pk>.pdf", publication.publication_pdf, name="publication_pdf"),
    path(
        "publications/<int:pk>/withdraw/",
        publication.publication_withdraw,
        name="publication_withdraw",
    ),
    path("publications/<int:pk>/scan/", publication.publication_scan, name="publication_scan"),
    # Consents and the consent text.
    path("consents/texts/", consents.consent_text_list, name="consent_text_list"),
    path("consents/texts/new/", consents.consent_text_publish, name="consent_text_publish"),
    path("consents/texts/<int:pk>/", consents.consent_text_detail, name="consent_text_detail"),
    path("consents/<int:pk>/withdraw/", consents.consent_withdraw, name="consent_withdraw"),
    path("consents/<int:pk>/scan/", consents.consent_scan, name="consent_scan"),
    # The participant's own documents.
    path("my/", my.my_documents, name="my_documents"),
    # ?for=<pk>: for a minor the user legally represents.
    path("my/consent/", my.my_consent, name="my_consent"),
    path("my/consent/withdraw/", my.my_consent_withdraw, name="my_consent_withdraw"),
    path("my/publication/", publication.my_publication, name="my_publication"),
    path(
        "my/publication/withdraw/",
        publication.my_publication_withdraw,
        name="my_publication_withdraw",
    ),
    path("my/request/", my.my_request, name="my_request"),
    path("my/request/submit/", my.my_request_submit, name="my_request_submit"),
    path("my/questionnaire/", my.my_questionnaire, name="my_questionnaire"),
    path("my/questionnaire/submit/", my.my_questionnaire_submit, name="my_questionnaire_submit"),
    # The banks and the review of requests and questionnaires.
    path("banks/mentees/", banks.mentee_bank, name="mentee_bank"),
    path("banks/mentees/export/", banks.mentee_bank_export, name="mentee_bank_export"),
    path("banks/mentors/", banks.mentor_bank, name="mentor_bank"),
    path("banks/mentors/export/", banks.mentor_bank_export, name="mentor_bank_export"),
    # Several at once, from the bank's list (the checked rows).
    path("banks/mentees/accept/", bank_bulk.mentee_bulk_accept, name="mentee_bulk_accept"),
    path("banks/mentees/return/", bank_bulk.mentee_bulk_return, name="mentee_bulk_return"),
    path("banks/mentors/accept/", bank_bulk.mentor_bulk_accept, name="mentor_bulk_accept"),
    path("banks/mentors/return/", bank_bulk.mentor_bulk_return, name="mentor_bulk_return"),
    path("banks/requests/<int:pk>/", banks.request_detail, name="request_detail"),
    path("banks/requests/<int:pk>/accept/", banks.request_accept, name="request_accept"),
    path("banks/requests/<int:pk>/return/", banks.request_return, name="request_return"),
    path("banks/mentors/<int:pk>/", banks.profile_detail, name="profile_detail"),
    path("banks/mentors/<int:pk>/accept/", banks.profile_accept, name="profile_accept"),
    path("banks/mentors/<int:pk>/return/", banks.profile_return, name="profile_return"),
    path("banks/mentors/<int:pk>/training/", banks.profile_training, name="profile_training"),
]
