from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PayTransparencyConfig(AppConfig):
    name = "paritas.web.paytransparency"
    label = "paytransparency"
    verbose_name = _("Pay transparency")
