from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "paritas.web.library"
    label = "library"
    verbose_name = _("Library of methods and exercises")

    def ready(self) -> None:
        from paritas.web.library import search

        search.connect()
