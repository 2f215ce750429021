"""The admin shows the domain; it never writes around the review workflow.

Results, targets, related-index values, indicator levels and follow-ups are read-only for everyone, superusers
included: a published value changes only through a new revision in /entri/, which is reviewed, supersedes the old
one, takes the version lock and bumps the publication version. The evaluation frameworks (domains, aspects,
indicators, predikat bands) are reference data that only superusers change.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Aspect,
    Domain,
    EvidenceFile,
    FollowUp,
    Framework,
    IndexFamily,
    IndexSeries,
    Indicator,
    IndicatorAssessment,
    NationalReference,
    PredikatBand,
    RelatedIndexValue,
    Result,
    Source,
    Target,
)

THROUGH_ENTRY = _("Nilai hanya berubah lewat revisi baru di ruang entri, yang diperiksa staf provinsi.")


def cited_anywhere(source: Source) -> bool:
    """Whether any row cites the source: a result or target revision, a status flag, an indicator level, a stated
    distribution — every relation to Source, so that one added later is covered too."""
    return any(
        relation.related_model._default_manager.filter(**{relation.field.name: source}).exists()
        for relation in Source._meta.related_objects
    )


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """A source nothing cites yet may be corrected here, under the rules every citation obeys (Source.clean: no
    formula, a date neither in the future nor before the SPBE era). Once cited — by a result or target, a status
    flag, an official indicator level — it is read-only: what a value cites changes through the workflow, with
    history, never silently under a published value."""

    list_display = ["title", "publisher", "kind", "published_on", "reference"]
    list_filter = ["kind", "publisher"]
    search_fields = ["title", "publisher", "reference", "url"]
    date_hierarchy = "published_on"

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and cited_anywhere(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and cited_anywhere(obj):
            return False
        return super().has_delete_permission(request, obj)


class SuperuserEditsMixin:
    """Reference data: everyone with the view permission reads it, only superusers change it."""

    def has_add_permission(self, request, *args) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


class ReadOnlyMixin:
    """Shown, never written: the entry workspace's services are the only way in."""

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class PredikatBandInline(SuperuserEditsMixin, admin.TabularInline):
    model = PredikatBand
    extra = 0


class DomainInline(SuperuserEditsMixin, admin.TabularInline):
    model = Domain
    extra = 0
    show_change_link = True


@admin.register(IndexSeries)
class IndexSeriesAdmin(SuperuserEditsMixin, admin.ModelAdmin):
    list_display = ["code", "name", "short_name", "order"]


@admin.register(Framework)
class FrameworkAdmin(SuperuserEditsMixin, admin.ModelAdmin):
    list_display = ["code", "short_name", "series", "first_year", "last_year", "sourcing", "has_domains"]
    list_filter = ["series"]
    inlines = [PredikatBandInline, DomainInline]


class AspectInline(SuperuserEditsMixin, admin.TabularInline):
    model = Aspect
    extra = 0
    show_change_link = True


@admin.register(Domain)
class DomainAdmin(SuperuserEditsMixin, admin.ModelAdmin):
    list_display = ["number", "name", "weight", "framework"]
    list_filter = ["framework"]
    inlines = [AspectInline]


class IndicatorInline(SuperuserEditsMixin, admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Aspect)
class AspectAdmin(SuperuserEditsMixin, admin.ModelAdmin):
    list_display = ["number", "name", "weight", "framework", "domain"]
    list_filter = ["framework"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(SuperuserEditsMixin, admin.ModelAdmin):
    list_display = ["number", "name", "weight", "entries", "value_places", "aspect"]
    list_filter = ["aspect__framework"]
    search_fields = ["name"]
    list_select_related = ["aspect"]


@admin.register(NationalReference)
class NationalReferenceAdmin(SuperuserEditsMixin, admin.ModelAdmin):
    list_display = ["year", "kind", "value", "framework", "source"]
    list_filter = ["framework", "kind"]
    list_select_related = ["framework", "source"]


class ResultLevelInline(ReadOnlyMixin, admin.TabularInline):
    """The levels a result revision was entered with."""

    model = IndicatorAssessment
    fk_name = "result"
    extra = 0
    fields = ["indicator", "part", "level"]
    readonly_fields = ["indicator", "part", "level"]


class ThroughEntryAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    """A result, target or follow-up, with a link to where it changes. History stays readable."""

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields] + ["where_to_change"]

    @admin.display(description=_("Mengubah nilai"))
    def where_to_change(self, record) -> str:
        return format_html('{} <a href="{}">{}</a>', THROUGH_ENTRY, record.review_url(), _("Buka di ruang entri"))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history's "revert" saves an old row back with a view permission alone, around the workflow.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        raise PermissionDenied

    def delete_model(self, request, obj):
        raise PermissionDenied


@admin.register(Result)
class ResultAdmin(ThroughEntryAdmin):
    list_display = ["regency", "year", "kind", "value", "predikat_name", "evaluated", "state", "source"]
    list_filter = ["state", "kind", "year", "evaluated", "regency__kind"]
    search_fields = ["regency__name", "regency__code", "note", "source__title"]
    list_select_related = ["regency", "source", "framework"]
    inlines = [ResultLevelInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("framework__bands")

    @admin.display(description=_("predikat"))
    def predikat_name(self, result: Result) -> str:
        band = result.predikat
        return band.name if band else "—"


@admin.register(Target)
class TargetAdmin(ThroughEntryAdmin):
    list_display = ["regency", "year", "value", "state", "source"]
    list_filter = ["state", "year"]
    search_fields = ["regency__name", "regency__code", "note"]
    list_select_related = ["regency", "source"]


@admin.register(FollowUp)
class FollowUpAdmin(ThroughEntryAdmin):
    list_display = ["recommendation", "result", "owner", "due_date", "status", "state"]
    list_filter = ["state", "status", "result__year"]
    search_fields = ["recommendation", "action_plan", "follow_up", "owner", "result__regency__name"]
    list_select_related = ["result__regency"]


@admin.register(RelatedIndexValue)
class RelatedIndexValueAdmin(ThroughEntryAdmin):
    """Read-only: a related-index value changes through the workspace's review (/entri/indeks-terkait/)."""

    list_display = ["family", "regency", "year", "value", "category", "is_target", "state", "source_title"]
    list_filter = ["state", "family", "year", "is_target"]
    search_fields = ["regency__name", "regency__code", "category", "source_title", "quote"]
    list_select_related = ["family", "regency"]


@admin.register(IndexFamily)
class IndexFamilyAdmin(SuperuserEditsMixin, admin.ModelAdmin):
    list_display = ["code", "name", "scale", "position"]


@admin.register(EvidenceFile)
class EvidenceFileAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Read-only, for everyone: evidence arrives through the entry forms, which check its type and size, and
    leaves through the workspace's services, which remove the stored file and refuse once a workspace is submitted
    (a delete here left the file on disk under a submitted self-assessment)."""

    list_display = ["original_name", "regency", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["regency"]
    list_select_related = ["regency", "uploaded_by"]
    readonly_fields = ["token", "file", "original_name", "size", "regency", "uploaded_by", "uploaded_at"]
