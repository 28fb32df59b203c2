from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Анкеты и мониторинг"

    def ready(self):
        from mentoring_portal import navigation
        from monitoring import anonymisation, dashboard  # noqa: F401  (register hooks and panels)
        from monitoring.views.common import MONITORING_READERS, PARTICIPANT_ROLES, SURVEY_READERS

        navigation.register(
            "Мониторинг", "monitoring:year_list", roles=MONITORING_READERS, order=50
        )
        navigation.register(
            "Анкеты", "monitoring:questionnaire_list", roles=SURVEY_READERS, order=55
        )
        navigation.register(
            "Мои анкеты", "monitoring:my_campaigns", roles=PARTICIPANT_ROLES, order=56
        )
