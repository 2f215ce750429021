"""The improvement planner of a regency's year: which indicators move the index most, the fewest level steps to
the next predikat and to the year's target, a "what if" computed on the server, and saving the plan as
follow-ups (rencana aksi)."""

import uuid
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import editable_regencies, entry_required
from assessments import planner, scoring, services
from assessments.formatting import stated_number
from assessments.models import MAX_YEAR, MIN_YEAR, Framework

from ..planner_forms import PlanSaveForm, WhatIfForm, level_field_name, shown_level
from ..selectors.planner import PlanEntry, PlannerData, StartingPoint, planner_data


def workspace_regency(request, slug: str):
    """The regency of a workspace URL, if the user may edit it: another regency's admin gets 404."""
    return get_object_or_404(editable_regencies(request.user), slug=slug)


def workspace_framework(year: int):
    framework = Framework.objects.in_force(year) if MIN_YEAR <= year <= MAX_YEAR else None
    if framework is None:
        raise Http404
    return framework


@dataclass(frozen=True)
class StepRow:
    entry: PlanEntry
    current: scoring.Level | None
    next_level: int
    next_name: str
    gain: str
    criteria: str
    evidence_hint: str

    @property
    def indicator(self):
        return self.entry.indicator


@dataclass(frozen=True)
class GoalRow:
    label: str
    goal: Decimal
    plan: planner.GoalPlan | None  # None: already reached
    raises: list[tuple[PlanEntry, scoring.Level, int]]  # one-level steps of filled entries: (entry, from, to)
    query: str = ""  # the "what if" of this plan
    fill: tuple[PlanEntry, ...] = ()  # the entries to fill first


def _gain(value: Decimal) -> str:
    # What one level adds, to at most four decimals (weight/100 of 59/2020: 0,013 or 0,0125) and without trailing
    # zeros ("0,03", never "+0,0300"): the same way every stated number is written.
    return stated_number(value.quantize(Decimal("0.0001")))


def _step_rows(data: PlannerData) -> list[StepRow]:
    rows = []
    for step in planner.next_steps(levels=data.levels, indicators=data.specs, level_range=data.framework.levels):
        entry = data.entries[step.key]
        criterion = data.criterion(entry.indicator, step.next_level)
        rows.append(
            StepRow(
                entry=entry,
                current=step.current,
                next_level=step.next_level,
                next_name=data.level_names.get(step.number, {}).get(step.next_level, ""),
                gain=_gain(step.gain),
                criteria=criterion.criteria if criterion else "",
                evidence_hint=criterion.evidence_hint if criterion else "",
            )
        )
    return rows


def _steps_html(rows: list[StepRow]) -> str:
    """The list of the indicators that raise the index most, as its items: what one more level adds, from which
    level to which, and the next level's criteria and evidence. Written here, as the indicator review's rows are:
    through the template its 47 items took 9 of the page's 61 ms of CPU at national size. Each phrase is translated
    once for the list, and only text escaped (html.escape, what django.utils.html.escape calls)."""
    indicator_word, level_word = escape(_("Indikator")), escape(_("tingkat"))
    gain_words = escape(_("naik satu tingkat menambah indeks"))
    whole_gain_words = escape(_("naik ke tingkat bulat berikutnya menambah indeks"))
    unfilled_words, at_least_words = escape(_("belum diisi: isi dulu")), escape(_("paling sedikit tingkat"))
    details_words = escape(_("Kriteria dan bukti dukung tingkat berikutnya"))
    criteria_word, evidence_words = escape(_("Kriteria")), escape(_("Bukti dukung yang diharapkan"))
    no_criteria = f'<span class="no-data">{escape(_("teks kriteria tidak tersedia"))}</span>'
    items = []
    for row in rows:
        indicator = row.indicator
        entry = f" · {escape(row.entry.entry_name)}" if row.entry.entry_name else ""
        gain = whole_gain_words if indicator.value_places and row.current is not None else gain_words
        name = escape(row.next_name)
        if row.current is None:
            move = f"{unfilled_words} ({at_least_words} {row.next_level}{f', {name}' if name else ''})"
        else:
            move = f"{level_word} {localize(row.current)} → {level_word} {row.next_level}{f' ({name})' if name else ''}"
        criteria = linebreaksbr(row.criteria) if row.criteria else no_criteria
        evidence = linebreaksbr(row.evidence_hint) if row.evidence_hint else no_criteria
        items.append(
            "  <li>\n"
            f"    <p><strong>{indicator_word} {indicator.number}. {escape(indicator.name)}{entry}</strong>\n"
            f'      · {gain} <span data-testid="step-gain">{escape(row.gain)}</span>\n'
            f"      · {move}</p>\n"
            "    <details>\n"
            f"      <summary>{details_words}</summary>\n"
            "      <dl>\n"
            f"        <dt>{criteria_word}</dt><dd>{criteria}</dd>\n"
            f"        <dt>{evidence_words}</dt><dd>{evidence}</dd>\n"
            "      </dl>\n"
            "    </details>\n"
            "  </li>"
        )
    # Every piece above is escaped text, a number, a level or markup written here.
    return mark_safe("\n".join(items))


def _goal(data: PlannerData, label: str, goal: Decimal, current: Decimal) -> GoalRow:
    if current >= goal:
        return GoalRow(label=label, goal=goal, plan=None, raises=[])
    plan = planner.plan_towards(levels=data.levels, indicators=data.specs, level_range=data.framework.levels, goal=goal)
    first = planner.first_step_level(data.framework.levels)
    # The one-level steps after the fills: a filled entry starts from the level filling gave it.
    starts = {key: first if data.levels.get(key) is None else data.levels[key] for key in plan.raises}
    raises = [(data.entries[key], starts[key], level) for key, level in plan.raises.items() if level > starts[key]]
    query = urlencode({level_field_name(key): level for key, level in plan.raises.items()})
    fill = tuple(data.entries[key] for key in plan.fill)
    return GoalRow(label=label, goal=goal, plan=plan, raises=raises, query=query, fill=fill)


def _named(breakdown, data: PlannerData, current) -> list[tuple[str, Decimal, Decimal]]:
    names = {domain.number: domain.name for domain in data.domains}
    return [
        (f"{number}. {names[number]}", current.domains[number], value) for number, value in breakdown.domains.items()
    ]


def _context(data: PlannerData, form: WhatIfForm, regency, year: int, save_form: PlanSaveForm | None = None) -> dict:
    level_range = data.framework.levels
    now = planner.projected(levels=data.levels, indicators=data.specs, level_range=level_range)
    current = now.index
    goals = []
    if band := planner.next_band(current, data.bands):
        goals.append(_goal(data, _("Predikat %(name)s") % {"name": band.name}, band.lower_bound, current))
    if data.target is not None:
        goals.append(_goal(data, _("Target tahun %(year)s") % {"year": year}, data.target.value, current))
    steps = _step_rows(data)
    what_if = None
    if form.is_bound and form.is_valid():
        intended = form.intended()
        result = planner.projected(levels=intended, indicators=data.specs, level_range=level_range)
        raised = [key for key in form.keys if intended[key] is not None and intended[key] > (data.levels[key] or 0)]
        what_if = {
            "breakdown": result,
            "band": scoring.band_for(result.index, data.bands),
            "difference": result.index - current,
            "domains": _named(result, data, now),
            "raised": len(raised),
            "save_form": save_form
            or PlanSaveForm(
                initial={
                    "submission_key": uuid.uuid4(),
                    **{level_field_name(key): level for key, level in intended.items() if level is not None},
                },
                entries=data.entries,
                levels=data.levels,
                framework=data.framework,
                level_names=data.level_names,
            ),
            # The levels the plan was computed with, posted again with the save.
            "carried": [(level_field_name(key), shown_level(level)) for key, level in intended.items()],
        }
    return {
        "regency": regency,
        "year": year,
        "data": data,
        "shows_demo_data": data.shows_demo_data,
        "form": form,
        "current": now,
        "current_band": scoring.band_for(current, data.bands),
        "steps": steps,
        "steps_html": _steps_html(steps),
        "field_groups": [
            (
                domain,
                [
                    form[level_field_name(key)]
                    for aspect in domain.aspects.all()
                    for indicator in aspect.indicators.all()
                    for key, _part in indicator.scored_entries()
                ],
            )
            for domain in data.domains
        ],
        "goals": goals,
        "what_if": what_if,
        "from_self": data.started_from == StartingPoint.SELF,
        "from_official_rows": data.started_from == StartingPoint.OFFICIAL_ROWS,
        "from_official_result": data.started_from == StartingPoint.OFFICIAL_RESULT,
    }


def _forms_of(data: PlannerData, form_class, payload):
    return form_class(
        payload, entries=data.entries, levels=data.levels, framework=data.framework, level_names=data.level_names
    )


@entry_required
def planner_page(request, slug: str, year: int):
    regency = workspace_regency(request, slug)
    framework = workspace_framework(year)
    data = planner_data(regency=regency, year=year, framework=framework)
    if not data.specs:
        return render(request, "entry/planner/no_indicators.html", {"regency": regency, "year": year, "data": data})
    form = _forms_of(data, WhatIfForm, request.GET or None)
    return render(request, "entry/planner/planner.html", _context(data, form, regency, year))


@require_POST
@entry_required
def planner_save(request, slug: str, year: int):
    regency = workspace_regency(request, slug)
    framework = workspace_framework(year)
    data = planner_data(regency=regency, year=year, framework=framework)
    form = _forms_of(data, PlanSaveForm, request.POST)
    back = reverse("entry:planner", kwargs={"slug": regency.slug, "year": year})
    if not form.is_valid():
        if any(name.startswith("tingkat_") for name in form.errors):
            messages.error(request, _("Tingkat rencana tidak valid; rencana tidak disimpan."))
            return redirect(back)
        # A step without its person in charge or deadline: the page again, the person's entries kept, each
        # missing field named.
        what_if = _forms_of(data, WhatIfForm, request.POST)
        return render(
            request, "entry/planner/planner.html", _context(data, what_if, regency, year, save_form=form), status=400
        )
    intended = form.intended()
    raises = []
    for key in form.raised:
        action, owner, due_date = form.step_details(key)
        entry = data.entries[key]
        raises.append(
            services.PlannedRaise(
                indicator=entry.indicator,
                part=entry.part,
                current=data.levels[key],
                target=intended[key],
                owner=owner,
                due_date=due_date,
                action=action,
            )
        )
    query = urlencode({level_field_name(key): shown_level(level) for key, level in intended.items()})
    try:
        saved = services.save_plan(
            regency=regency,
            year=year,
            framework=framework,
            raises=raises,
            by=request.user,
            submission_key=form.cleaned_data["submission_key"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{back}?{query}")
    messages.success(
        request,
        _(
            "Rencana disimpan sebagai %(count)s tindak lanjut (rencana aksi) evaluasi mandiri %(year)s; tampil untuk "
            "publik setelah diverifikasi staf provinsi."
        )
        % {"count": len(saved), "year": year},
    )
    return redirect(f"{back}?{query}")
