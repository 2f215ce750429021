from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Aspect,
    Domain,
    EvidenceFile,
    FollowUp,
    Framework,
    Indicator,
    IndicatorScore,
    PredikatBand,
    Result,
    Source,
    Target,
)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "kind", "published_on", "reference"]
    list_filter = ["kind", "publisher"]
    search_fields = ["title", "publisher", "reference", "url"]
    date_hierarchy = "published_on"


class PredikatBandInline(admin.TabularInline):
    model = PredikatBand
    extra = 0


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0
    show_change_link = True


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "first_year", "last_year", "is_provisional"]
    inlines = [PredikatBandInline, DomainInline]


class AspectInline(admin.TabularInline):
    model = Aspect
    extra = 0
    show_change_link = True


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "weight", "framework"]
    list_filter = ["framework"]
    inlines = [AspectInline]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Aspect)
class AspectAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "weight", "domain"]
    list_filter = ["domain__framework"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "weight", "aspect"]
    list_filter = ["aspect__domain__framework", "aspect__domain"]
    search_fields = ["name"]
    list_select_related = ["aspect"]


class IndicatorScoreInline(admin.TabularInline):
    model = IndicatorScore
    extra = 0
    autocomplete_fields = ["indicator"]


@admin.register(Result)
class ResultAdmin(SimpleHistoryAdmin):
    list_display = ["regency", "year", "kind", "value", "predikat_name", "evaluated", "state", "source"]
    list_filter = ["state", "kind", "year", "evaluated", "regency__kind"]
    search_fields = ["regency__name", "regency__code", "note", "source__title"]
    autocomplete_fields = ["regency", "source"]
    list_select_related = ["regency", "source", "framework"]
    readonly_fields = ["created_at", "updated_at", "version"]
    inlines = [IndicatorScoreInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("framework__bands")

    @admin.display(description=_("predikat"))
    def predikat_name(self, result: Result) -> str:
        band = result.predikat
        return band.name if band else "—"


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["regency", "year", "value", "state", "source"]
    list_filter = ["state", "year"]
    search_fields = ["regency__name", "regency__code", "note"]
    autocomplete_fields = ["regency", "source"]
    list_select_related = ["regency", "source"]
    readonly_fields = ["created_at", "updated_at", "version"]


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ["recommendation", "result", "owner", "due_date", "status", "state"]
    list_filter = ["state", "status", "result__year"]
    search_fields = ["recommendation", "action_plan", "follow_up", "owner", "result__regency__name"]
    list_select_related = ["result__regency"]
    raw_id_fields = ["result", "evidence"]
    readonly_fields = ["created_at", "updated_at", "version"]


@admin.register(EvidenceFile)
class EvidenceFileAdmin(admin.ModelAdmin):
    """Read-only: evidence arrives through the entry forms, which check its type and size."""

    list_display = ["original_name", "regency", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["regency"]
    list_select_related = ["regency", "uploaded_by"]
    readonly_fields = ["token", "file", "original_name", "size", "regency", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request) -> bool:
        return False
