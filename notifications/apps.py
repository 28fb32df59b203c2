from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Уведомления"

    def ready(self):
        from mentoring_portal import navigation

        # Everybody with a role anywhere has notifications; the list is personal («Мои …»).
        roles = [
            "director",
            "curator",
            "working_group",
            "teacher",
            "mentor",
            "mentee",
            "coordinator",
        ]
        navigation.register(
            "Уведомления", "notifications:list", roles=roles, order=90, personal=True
        )
        navigation.register(
            "Мой календарь", "notifications:calendar", roles=roles, order=92, personal=True
        )
