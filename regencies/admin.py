from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Regency, StatusFlag


class StatusFlagInline(admin.TabularInline):
    model = StatusFlag
    extra = 0
    fields = ["as_of", "flag", "source", "note"]
    autocomplete_fields = ["source"]


@admin.register(Regency)
class RegencyAdmin(admin.ModelAdmin):
    list_display = ["code", "display_name", "kind", "capital", "bps_code"]
    list_filter = ["kind"]
    search_fields = ["code", "bps_code", "name", "capital"]
    prepopulated_fields = {"slug": ["kind", "name"]}
    inlines = [StatusFlagInline]


@admin.register(StatusFlag)
class StatusFlagAdmin(SimpleHistoryAdmin):
    list_display = ["regency", "flag", "as_of", "source"]
    list_filter = ["flag", "as_of"]
    search_fields = ["regency__name", "regency__code", "note"]
    autocomplete_fields = ["regency", "source"]
    list_select_related = ["regency", "source"]
    date_hierarchy = "as_of"
