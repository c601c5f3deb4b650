from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "paritas.web.awards"
    label = "awards"
    verbose_name = _("Awards")

    def ready(self) -> None:
        from paritas.web.awards.domain import stages  # noqa: F401  (a new round gets its first stage)
