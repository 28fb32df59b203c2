from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from participants.models import (
    Consent,
    ConsentText,
    Difficulty,
    Membership,
    MenteeRequest,
    MentorProfile,
    MentorTraining,
    Organisation,
    Person,
    PublicationConsent,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "kind", "parent", "city", "director_name"]
    list_filter = ["kind", "parent"]
    search_fields = ["short_name", "full_name", "city"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "user__last_name", "organisation__short_name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "organisation", "category", "position", "user"]
    list_filter = ["category", "organisation"]
    search_fields = ["last_name", "first_name", "middle_name", "position", "user__username"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Difficulty)
class DifficultyAdmin(admin.ModelAdmin):
    """The managed list of professional difficulties (and mentors' competencies)."""

    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name"]


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    list_display = ["organisation", "version", "published_at", "published_by"]
    list_filter = ["organisation"]
    # A published text is what people agreed to: it is read-only here.
    readonly_fields = [
        "organisation",
        "version",
        "purposes",
        "data_categories",
        "body",
        "published_at",
        "published_by",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(Consent)
class ConsentAdmin(SimpleHistoryAdmin):
    list_display = ["person", "method", "given_at", "withdrawn_on"]
    list_filter = ["method", "person__organisation"]
    search_fields = ["person__last_name", "person__first_name"]
    raw_id_fields = ["person", "given_by_person", "text", "given_from_user", "withdrawn_by"]


@admin.register(PublicationConsent)
class PublicationConsentAdmin(SimpleHistoryAdmin):
    list_display = ["person", "method", "given_at", "photo", "withdrawn_on"]
    list_filter = ["method", "person__organisation"]
    search_fields = ["person__last_name", "person__first_name"]
    raw_id_fields = ["person", "given_by_person", "given_from_user", "withdrawn_by"]


@admin.register(MenteeRequest)
class MenteeRequestAdmin(SimpleHistoryAdmin):
    list_display = ["person", "status", "submitted_at", "reviewed_at"]
    list_filter = ["status", "person__organisation"]
    search_fields = ["person__last_name", "person__first_name"]
    raw_id_fields = ["person", "reviewed_by"]


class MentorTrainingInline(admin.TabularInline):
    model = MentorTraining
    extra = 0
    raw_id_fields = ["recorded_by"]


@admin.register(MentorProfile)
class MentorProfileAdmin(SimpleHistoryAdmin):
    list_display = ["person", "status", "max_mentees", "submitted_at"]
    list_filter = ["status", "person__organisation"]
    search_fields = ["person__last_name", "person__first_name"]
    raw_id_fields = ["person", "reviewed_by"]
    inlines = [MentorTrainingInline]
