from django.contrib import admin

from notifications.models import MailAddressState, Notification, ReminderSent


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "text", "read_at", "email"]
    list_filter = ["kind", "email"]
    search_fields = ["text", "user__username"]
    raw_id_fields = ["user"]


@admin.register(MailAddressState)
class MailAddressStateAdmin(admin.ModelAdmin):
    list_display = ["user", "address", "bounced_at", "reason"]
    raw_id_fields = ["user"]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["sent_on", "user", "key"]
    search_fields = ["key", "user__username"]
    raw_id_fields = ["user"]
