from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "regency", "created_at"]
    list_filter = ["regency"]
    search_fields = ["user__username", "user__email", "regency__name", "regency__code"]
    autocomplete_fields = ["user", "regency"]
    list_select_related = ["user", "regency"]
