from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "paritas.web.network"
    label = "network"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from paritas.web.network import cached

        cached.connect()
