from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from participants.models import Membership, Organisation, Person


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
