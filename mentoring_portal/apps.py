from django.apps import AppConfig


class MentoringPortalConfig(AppConfig):
    name = "mentoring_portal"
    verbose_name = "Портал «Наставничество»"

    def ready(self):
        from . import lookups, security  # noqa: F401  (security connects the login/logout log)

        lookups.register()
