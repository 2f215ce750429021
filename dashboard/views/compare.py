"""Two to four regencies side by side `/bandingkan/?wilayah=a&wilayah=b`: one chart, one table, a permalink.
One regency (arriving from its profile) is shown alone, and the page asks for the others."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from regencies.models import Regency

from .. import charts, selectors, share_images, sharing, svg_charts
from ..cache import public_page

MIN_COMPARED, MAX_COMPARED = 2, 4
# The page shows one regency while the person picks the others; the share picture needs two.
MIN_SHOWN = 1


class CompareForm(forms.Form):
    wilayah = forms.MultipleChoiceField(
        label=_("Pilih dua sampai empat wilayah"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Pilih dua sampai empat wilayah."),
            "invalid_choice": _("Wilayah %(value)s tidak dikenal."),
        },
    )

    def __init__(self, *args, regencies: list[Regency], least: int = MIN_COMPARED, **kwargs):
        super().__init__(*args, **kwargs)
        self.least = least
        self.fields["wilayah"].choices = [(regency.slug, regency.display_name) for regency in regencies]

    def clean_wilayah(self) -> list[str]:
        chosen = list(dict.fromkeys(self.cleaned_data["wilayah"]))
        if not self.least <= len(chosen) <= MAX_COMPARED:
            raise forms.ValidationError(_("Pilih dua sampai empat wilayah."))
        return chosen


def _form(data, *, least: int = MIN_COMPARED) -> CompareForm:
    regencies = sorted(Regency.objects.all(), key=lambda regency: (regency.is_province, regency.code))
    return CompareForm(data, regencies=regencies, least=least)


@public_page(parameters=("wilayah",))
def compare(request):
    form = _form(request.GET if "wilayah" in request.GET else None, least=MIN_SHOWN)
    profiles = selectors.regency_profiles(slugs=form.cleaned_data["wilayah"]) if form.is_valid() else []
    years = sorted({line.year for profile in profiles for line in profile.years})
    segments = profiles[0].frameworks.segments(years) if profiles else []
    lines = [(profile.regency.display_name, profile.official, profile.targets) for profile in profiles]
    bands = next((profile.bands for profile in profiles if profile.bands), [])
    rows = []
    for year in years:
        year_lines = [next((line for line in profile.years if line.year == year), None) for profile in profiles]
        known = next(line for line in year_lines if line is not None)
        rows.append((year, known.framework, known.national, year_lines))
    sub_index_groups = _sub_index_groups(profiles)
    context = {
        "form": form,
        "profiles": profiles,
        "asks_for_more": len(profiles) == 1,
        "years": years,
        # Each year with the index it was evaluated with and the national references of that index.
        "rows": rows,
        "several_series": len(segments) > 1,
        "sub_index_groups": sub_index_groups,
        "sub_index_heading": _sub_index_heading(sub_index_groups),
        "other_framework": OTHER_FRAMEWORK,
        "shows_demo_data": any(profile.shows_demo_data for profile in profiles),
        "share": sharing.for_comparison(request, profiles) if len(profiles) >= MIN_COMPARED else None,
        "chart": charts.comparison_figure(lines=lines, bands=bands, segments=segments) if years else None,
        "chart_svg": svg_charts.comparison_svg(lines=lines, bands=bands, segments=segments),
    }
    return render(
        request, "dashboard/compare.html", context, status=200 if form.is_valid() or not form.is_bound else 400
    )


# A compared regency whose newest complete levels are of another framework than a row's: its cell names no number.
OTHER_FRAMEWORK = "other-framework"


@dataclass(frozen=True)
class SubIndexGroup:
    """One framework's rows of the comparison's sub-indices: its domains, or its aspects where it has no domains
    (Pemdi), each with a value per compared regency (None: no complete public levels; OTHER_FRAMEWORK: its newest
    levels are of another framework)."""

    framework: str
    by_domain: bool
    rows: list[tuple[str, list]]


def _sub_index_groups(profiles) -> list[SubIndexGroup]:
    """The compared regencies' sub-indices, a group of rows per framework (the newest year's first): two indices'
    numbers never share a row."""
    subs = sorted(
        (profile.sub_indices for profile in profiles if profile.sub_indices and profile.sub_indices.groups),
        key=lambda sub: -sub.year,
    )
    groups = []
    for framework in dict.fromkeys(sub.framework for sub in subs):
        names = list(dict.fromkeys(name for sub in subs if sub.framework == framework for name, _value in sub.groups))
        by_domain = any(sub.domains for sub in subs if sub.framework == framework)
        rows = [(name, [_cell(profile.sub_indices, framework, name) for profile in profiles]) for name in names]
        groups.append(SubIndexGroup(framework, by_domain, rows))
    return groups


def _sub_index_heading(groups: list[SubIndexGroup]) -> str:
    kinds = {group.by_domain for group in groups}
    if kinds == {False}:
        return _("Indeks per aspek")
    if kinds == {True, False}:
        return _("Indeks per domain atau aspek")
    return _("Indeks per domain")


def _cell(sub, framework: str, name: str):
    """One compared regency's value in a framework's row."""
    if sub is None or not sub.groups:
        return None
    if sub.framework != framework:
        return OTHER_FRAMEWORK
    return dict(sub.groups).get(name)


@public_page
def share_image(request, slugs: str):
    """The picture a shared comparison shows (Open Graph), cached by publication version: its regencies' latest
    official indices, with the comparison's address."""
    form = _form({"wilayah": slugs.split(sharing.SLUG_JOIN)})
    if not form.is_valid():
        raise Http404(_("Pilih dua sampai empat wilayah."))
    chosen = form.cleaned_data["wilayah"]
    page_url = request.build_absolute_uri(
        f"{reverse('dashboard:compare')}?{urlencode([('wilayah', s) for s in chosen])}"
    )
    profiles = selectors.regency_profiles(slugs=chosen)
    return HttpResponse(share_images.comparison_card(profiles, page_url=page_url), content_type="image/png")
