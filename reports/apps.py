from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Practice reports"

    def ready(self) -> None:
        from reports import navigation

        navigation.register()
