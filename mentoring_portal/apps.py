from django.apps import AppConfig


class MentoringPortalConfig(AppConfig):
    name = "mentoring_portal"
    verbose_name = "Портал «Наставничество»"

    def ready(self):
        from . import security  # noqa: F401  (connects the login/logout/failure log)
