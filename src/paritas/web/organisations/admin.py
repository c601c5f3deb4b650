from django.contrib import admin

from paritas.web.organisations.models import Membership, Organisation, Region


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "sector", "region", "size"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent"]
