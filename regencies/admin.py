"""Regencies are reference data for superusers; status flags are shown here and set in /entri/.

A flag is a dated judgement with its source, never edited: a newer flag replaces it. The workspace form
(/entri/status/baru/) collects the source and writes through `services.set_status_flag`, so the admin only shows
flags instead of offering a second way to write them (regencies/ may not import the services anyway).
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from .models import Regency, StatusFlag


class StatusFlagInline(admin.TabularInline):
    model = StatusFlag
    extra = 0
    fields = ["as_of", "flag", "source", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


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
    list_select_related = ["regency", "source"]
    date_hierarchy = "as_of"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history's "revert" would save an old flag back with a view permission alone.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
