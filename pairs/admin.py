from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from pairs.models import DutiesConsent, MentoringForm, Order, OrderTemplate, Pair


@admin.register(MentoringForm)
class MentoringFormAdmin(admin.ModelAdmin):
    """The forms of mentoring are one list for every school: the portal's administrator keeps it."""

    list_display = ["name", "group", "kind_code", "order", "is_active"]
    list_filter = ["group", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(Pair)
class PairAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "organisation", "form", "status", "period_start", "period_end"]
    list_filter = ["status", "form"]


@admin.register(Order)
class OrderAdmin(SimpleHistoryAdmin):
    list_display = ["number_label", "year", "date", "title", "organisation", "status"]
    list_filter = ["status", "kind", "year"]
    readonly_fields = ["pdf_sha256"]

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.is_signed

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_signed


admin.site.register(OrderTemplate)
admin.site.register(DutiesConsent)
