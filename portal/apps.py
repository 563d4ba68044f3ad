from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The patients' surface over intake, scheduling and evaluations; no models of its own."""

    name = "portal"
    verbose_name = "Patient portal"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from portal import access, navigation

        user_logged_in.connect(access.remember_language_on_login, dispatch_uid="portal-language-on-login")
        navigation.register()
