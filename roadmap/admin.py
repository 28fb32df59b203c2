from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from roadmap.models import Activity, Evidence, Roadmap, Stage


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0


@admin.register(Roadmap)
class RoadmapAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "period_start", "period_end", "revision", "status"]
    list_filter = ["status", "organisation"]
    search_fields = ["title"]
    inlines = [StageInline]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "stage", "deadline_text", "deadline_kind", "deadline_due", "status"]
    list_filter = ["status", "deadline_kind", "stage__roadmap__organisation"]
    search_fields = ["title", "deadline_text"]
    autocomplete_fields = ["responsible_people"]
    # The deadline is derived by the roadmap's own forms (services.activity_save): here it is
    # only shown, so that the text and what was derived from it never disagree.
    readonly_fields = [
        "deadline_text",
        "deadline_kind",
        "deadline_start",
        "deadline_due",
        "deadline_note",
        "deadline_understood",
    ]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["title", "activity", "uploaded_by", "uploaded_at"]
