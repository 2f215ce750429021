from django.contrib import admin

from .models import NotificationPreference, ReportingDeadline


@admin.register(ReportingDeadline)
class ReportingDeadlineAdmin(admin.ModelAdmin):
    list_display = ["year", "due_on"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "language", "reminders_enabled"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]
