"""Tenants: organisations, their place in a region hierarchy, and who belongs to them in which role."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A node of the region hierarchy: country → state or län → region ("Metropole Ruhr") → city."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("country")
        STATE = "state", _("state or län")
        REGION = "region", _("region")
        CITY = "city", _("city")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        unique_together = [("parent", "name")]
        ordering = ["name"]

    def ancestors(self) -> list[Region]:
        """This region and the ones above it, top first (country … city)."""
        chain, node = [], self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    @staticmethod
    def label(chain: list[Region]) -> str:
        """'Deutschland › Nordrhein-Westfalen › Metropole Ruhr › Herne' for a chain, top first."""
        return " › ".join(r.name for r in chain)

    def __str__(self) -> str:
        return self.label(self.ancestors())


class Organisation(models.Model):
    class Type(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        COMPANY = "company", _("company")
        UNIVERSITY = "university", _("university")
        ASSOCIATION = "association", _("association")

    class Sector(models.TextChoices):
        PUBLIC = "public_administration", _("public administration")
        HEALTH = "health", _("health and care")
        EDUCATION = "education", _("education and research")
        INDUSTRY = "industry", _("industry")
        SERVICES = "services", _("services")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices, default=Sector.PUBLIC)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="organisations", verbose_name=_("region"))
    size = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    language = models.CharField(_("language of reports"), max_length=2, default="de",
                                choices=settings.LANGUAGES)
    keep_raw_rows = models.BooleanField(
        _("keep raw rows, encrypted"), default=False,
        help_text=_("Off (the default): the rows of an upload are discarded once the statistics are computed."))
    min_group_size = models.PositiveSmallIntegerField(_("smallest group shown"), default=5)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    #: Country regions by name (the top of the region hierarchy) → ISO 3166 code.
    COUNTRIES = {"deutschland": "DE", "germany": "DE", "sverige": "SE", "sweden": "SE", "schweiz": "CH",
                 "suisse": "CH", "svizzera": "CH", "switzerland": "CH", "österreich": "AT", "austria": "AT"}

    @property
    def country(self) -> str | None:
        """ISO code of the organisation's country: its region's country, else by its report language."""
        if self.region_id is not None:
            top = self.region.ancestors()[0]
            if top.kind == Region.Kind.COUNTRY and top.name.strip().lower() in self.COUNTRIES:
                return self.COUNTRIES[top.name.strip().lower()]
        return {"de": "DE", "sv": "SE"}.get(self.language)


class Membership(models.Model):
    """A person's role in one organisation. Owners manage members, settings and the audit log; analysts
    upload and analyse; viewers read dashboards and reports."""

    class Role(models.TextChoices):
        OWNER = "owner", _("owner")
        ANALYST = "analyst", _("analyst")
        VIEWER = "viewer", _("viewer")

    RANK = {Role.VIEWER: 1, Role.ANALYST: 2, Role.OWNER: 3}

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        unique_together = [("user", "organisation")]

    def allows(self, role: str) -> bool:
        return self.RANK[self.role] >= self.RANK[role]  # type: ignore[index]
