from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "paritas.web.projects"
    label = "projects"
    verbose_name = _("Funded projects")
