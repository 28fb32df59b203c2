from django.apps import AppConfig


class MentoringPortalConfig(AppConfig):
    name = "mentoring_portal"
    verbose_name = "Портал «Наставничество»"

    def ready(self):
        # security connects the login/logout log, middleware marks a fresh login's session
        from . import lookups, middleware, security  # noqa: F401

        lookups.register()
