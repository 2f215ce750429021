"""Synthetic data for demonstrations and benchmarks (`manage.py seed_demo`), never mixed up with the real data.

Every row written here has `is_demo = True`; demo regencies get Kemendagri-style codes from 90.01 on and names
that say "Contoh" ("Kabupaten Contoh 001"). Nationally 91–96 are Papua's province codes, but this portal holds
NTT (53) alone, so inside it a demo code never meets a real one; the `is_demo` flag, not the code, is what
`--clear` and the banner go by. The pages show a banner wherever a demo row appears.

Only empty slots are filled: a regency, year and kind that already has any result keeps it untouched. Values are
drawn from a random generator seeded per regency and year, so the same seed gives the same rows whatever else
is in the database, and the index of every result is computed from its indicator levels with scoring.py.
An indicator scored more than once (5/2018's indicator 35, per public service) gets a level for each entry; one
whose value is another agency's index converted to the scale (Pemdi) gets a value with its decimals. A year whose
evaluation cannot have been published yet (the current year: `--years 2018-2026` in 2026) gets self-assessments
only, never an official result.
"""

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from assessments import publication, scoring
from assessments.models import (
    EvidenceFile,
    FollowUp,
    FollowUpCheck,
    FollowUpStatus,
    Framework,
    Indicator,
    IndicatorAssessment,
    MessageKind,
    Result,
    ResultKind,
    ReviewMessage,
    ReviewState,
    Source,
    SourceKind,
    Target,
)
from regencies.models import FlagKind, Regency, RegencyKind, StatusFlag

from .demo_indicators import seed_indicator_assessments

DEMO_PUBLISHER = "Data contoh (manage.py seed_demo)"
FIRST_DEMO_PROVINCE = 90
PER_DEMO_PROVINCE = 99
BATCH = 2000
ZERO = Decimal("0.00")
FIVE = Decimal("5.00")


@dataclass(frozen=True)
class SeedReport:
    regencies: int
    results: int
    result_levels: int
    targets: int
    flags: int
    follow_ups: int
    indicator_assessments: int = 0


def demo_code(number: int) -> str:
    """1 → 90.01, 99 → 90.99, 100 → 91.01: outside every real province code used by this portal."""
    province, seat = divmod(number - 1, PER_DEMO_PROVINCE)
    return f"{FIRST_DEMO_PROVINCE + province:02d}.{seat + 1:02d}"


def _rng(seed: int, *parts) -> random.Random:
    # Seeded per slot, not once for the whole run: a slot's values do not depend on what else was filled.
    return random.Random(":".join(str(part) for part in (seed, *parts)))


def _aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _clamp(value: Decimal) -> Decimal:
    return min(max(value, ZERO), FIVE)


def _ensure_regencies(count: int) -> list[Regency]:
    """Demo kabupaten/kota until `count` ranked regencies exist (the real ones count too)."""
    existing = Regency.objects.ranked().count()
    taken = set(Regency.objects.filter(is_demo=True).values_list("code", flat=True))
    new, number = [], 0
    while existing + len(new) < count:
        number += 1
        code = demo_code(number)
        if code in taken:
            continue
        kind = RegencyKind.KOTA if number % 7 == 0 else RegencyKind.KABUPATEN
        name = f"Contoh {number:03d}"
        new.append(
            Regency(
                code=code,
                bps_code=code.replace(".", ""),
                name=name,
                kind=kind,
                capital=f"Ibu Kota Contoh {number:03d}",
                slug=f"{kind}-contoh-{number:03d}",
                is_demo=True,
            )
        )
    Regency.objects.bulk_create(new, batch_size=BATCH)
    return sorted(Regency.objects.all(), key=lambda regency: regency.code)


def _demo_source(*, title: str, kind: str, published_on: date) -> Source:
    source, _created = Source.objects.get_or_create(
        title=title,
        published_on=published_on,
        defaults={
            "publisher": DEMO_PUBLISHER,
            "kind": kind,
            "note": "Sumber rekaan untuk data contoh; bukan dokumen nyata.",
            "is_demo": True,
        },
    )
    return source


@dataclass(frozen=True)
class _Spec:
    framework: Framework
    indicators: list[Indicator]
    specs: list[scoring.IndicatorSpec]

    @property
    def entries(self) -> list[tuple[Indicator, int]]:
        """(indicator, part) of every scored entry: one per indicator, three for 5/2018's indicator 35."""
        return [(indicator, part) for indicator in self.indicators for part in range(1, indicator.entries + 1)]


def _frameworks(years: Iterable[int]) -> dict[int, _Spec]:
    by_year = {}
    cache: dict[int, _Spec] = {}
    for year in years:
        framework = Framework.objects.for_year(year).select_related("series").order_by("-first_year").first()
        if framework is None:
            continue  # 2020 had no evaluation: no framework, no result.
        if framework.pk not in cache:
            indicators = list(
                Indicator.objects.filter(aspect__framework=framework)
                .select_related("aspect__domain")
                .order_by("number")
            )
            cache[framework.pk] = _Spec(framework, indicators, [i.spec() for i in indicators])
        by_year[year] = cache[framework.pk]
    return by_year


def _levels(rng: random.Random, *, maturity: float, entries: list[tuple[Indicator, int]]) -> list[int | Decimal]:
    levels: list[int | Decimal] = []
    for indicator, _part in entries:
        drawn = min(5.0, max(1.0, rng.gauss(maturity, 0.7)))
        places = indicator.value_places
        levels.append(Decimal(f"{drawn:.{places}f}") if places else round(drawn))
    return levels


def _state_for(rng: random.Random, *, latest: bool) -> str:
    """Most slots are published; the latest year also has entries at every step of the workflow."""
    draw = rng.random()
    if latest and draw < 0.06:
        return ReviewState.SUBMITTED
    if latest and draw < 0.09:
        return ReviewState.DRAFT
    if latest and draw < 0.11:
        return ReviewState.RETURNED
    if draw > 0.94:
        return ReviewState.SUPERSEDED  # published, then replaced by a verified revision
    return ReviewState.VERIFIED


@transaction.atomic
def seed(*, regencies: int, years: list[int], seed: int, published_through: int | None = None) -> SeedReport:
    """`published_through`: the last year given official results; by default the year before the current one, as
    KemenPAN-RB publishes a year's results the following year. The bench asks for the current year too, to
    measure a year's ranking as it will be once published (issue 26: the first Pemdi ranking)."""
    all_regencies = _ensure_regencies(regencies)
    frameworks = _frameworks(years)
    unpublished_from = timezone.localdate().year if published_through is None else published_through + 1
    latest_year = max((year for year in frameworks if year < unpublished_from), default=None)
    decree = {
        year: _demo_source(
            title=f"Keputusan contoh hasil evaluasi {spec.framework.series.short_name} {year}",
            kind=SourceKind.DECREE,
            # Never a date to come: the current year's self-assessments cite a source dated today at the latest.
            published_on=min(date(year + 1, 3, 1), timezone.localdate()),
        )
        for year, spec in frameworks.items()
    }
    plan = _demo_source(
        title="Dokumen perencanaan contoh (RPJMD)", kind=SourceKind.DECREE, published_on=date(2018, 1, 2)
    )
    flag_source = _demo_source(
        title="Berita contoh status SPBE kabupaten/kota", kind=SourceKind.NEWS, published_on=date(2025, 2, 10)
    )

    taken_results = set(Result.objects.values_list("regency_id", "year", "kind"))
    taken_targets = set(Target.objects.values_list("regency_id", "year"))
    stated_in = {year: Framework.objects.for_target_year(year) for year in years}
    flagged = set(StatusFlag.objects.values_list("regency_id", flat=True))

    results: list[Result] = []
    levels_of: list[list[int]] = []
    revisions: list[tuple[int, Result, list[int]]] = []
    targets: list[Target] = []
    flags: list[StatusFlag] = []
    for regency in all_regencies:
        base = _rng(seed, regency.code)
        maturity = base.uniform(1.2, 3.4)
        growth = base.uniform(-0.05, 0.35)
        for year in years:
            rng = _rng(seed, regency.code, year)
            expected = maturity + growth * (year - years[0])
            if (regency.pk, year) not in taken_targets and stated_in[year] is not None:
                target = Decimal(str(round(expected + rng.uniform(0.1, 0.6), 2)))
                targets.append(
                    Target(
                        regency=regency,
                        year=year,
                        framework=stated_in[year],
                        value=_clamp(target),
                        state=ReviewState.VERIFIED,
                        source=plan,
                        reviewed_at=_aware(date(year, 1, 15)),
                        is_demo=True,
                    )
                )
            spec = frameworks.get(year)
            if spec is None:
                continue
            for kind in (ResultKind.OFFICIAL, ResultKind.SELF_ASSESSMENT):
                if (regency.pk, year, kind) in taken_results:
                    continue
                if kind == ResultKind.SELF_ASSESSMENT and rng.random() > 0.3:
                    continue
                if kind == ResultKind.OFFICIAL and year >= unpublished_from:
                    continue
                state = _state_for(rng, latest=year == latest_year) if kind == ResultKind.OFFICIAL else "verified"
                evaluated = state != ReviewState.VERIFIED or rng.random() > 0.01
                levels = _levels(rng, maturity=expected, entries=spec.entries) if evaluated else []
                result = _result(regency, year, kind, spec, levels, state, decree[year], rng)
                results.append(result)
                levels_of.append(levels)
                if state == ReviewState.SUPERSEDED:
                    better = _levels(rng, maturity=expected + 0.2, entries=spec.entries)
                    revisions.append(
                        (
                            len(results) - 1,
                            _result(regency, year, kind, spec, better, "verified", decree[year], rng),
                            better,
                        )
                    )
        if regency.pk not in flagged and not regency.is_province:
            rng = _rng(seed, regency.code, "flag")
            for as_of, flag in (
                (date(2024, 3, 1), FlagKind.ADJUSTING),
                (date(2025, 2, 10), rng.choice(list(FlagKind))),
            ):
                flags.append(StatusFlag(regency=regency, flag=flag, as_of=as_of, source=flag_source, is_demo=True))

    Result.objects.bulk_create(results, batch_size=BATCH)
    for index, revision, _levels_unused in revisions:
        revision.revises = results[index]
        revision.version = 2
    Result.objects.bulk_create([revision for _i, revision, _l in revisions], batch_size=BATCH)
    result_levels = []
    for result, levels in [*zip(results, levels_of, strict=True), *((r, lv) for _i, r, lv in revisions)]:
        if not levels:
            continue  # not evaluated: no levels, no value
        entries = frameworks[result.year].entries
        result_levels.extend(
            IndicatorAssessment.of_result(result, indicator=indicator, level=level, part=part)
            for (indicator, part), level in zip(entries, levels, strict=True)
        )
    IndicatorAssessment.objects.bulk_create(result_levels, batch_size=BATCH)
    leveled = [*zip(results, levels_of, strict=True), *((r, lv) for _i, r, lv in revisions)]
    stages = seed_indicator_assessments(leveled=leveled, frameworks=frameworks, regencies=all_regencies, seed=seed)
    Target.objects.bulk_create(targets, batch_size=BATCH)
    StatusFlag.objects.bulk_create(flags, batch_size=BATCH)
    follow_ups = _follow_ups([*results, *(r for _i, r, _l in revisions)], seed=seed)
    FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH)
    # A returned demo row's comment opens its conversation, as a return in the workspace would.
    ReviewMessage.objects.bulk_create(
        [
            ReviewMessage(
                result=result,
                kind=MessageKind.RETURN,
                body=result.review_comment,
                author_name="Staf Provinsi (contoh)",
                created_at=result.reviewed_at,
            )
            for result in results
            if result.state == ReviewState.RETURNED and result.review_comment
        ],
        batch_size=BATCH,
    )
    # bulk_create sends no signals: announce the change once, for the cached pages.
    publication.bump_version()
    return SeedReport(
        regencies=len(all_regencies),
        results=len(results) + len(revisions),
        result_levels=len(result_levels),
        targets=len(targets),
        flags=len(flags),
        follow_ups=len(follow_ups),
        indicator_assessments=stages,
    )


def _result(regency, year, kind, spec: _Spec, levels, state, source, rng) -> Result:
    value = (
        scoring.compute_scores(
            levels=dict(zip(((i.number, part) for i, part in spec.entries), levels, strict=True)),
            indicators=spec.specs,
            level_range=spec.framework.levels,
        ).index
        if levels
        else None
    )
    submitted = _aware(date(year + 1, 2, 1) + timedelta(days=rng.randrange(60)))
    published = state in (ReviewState.VERIFIED, ReviewState.SUPERSEDED)
    return Result(
        regency=regency,
        year=year,
        kind=kind,
        framework=spec.framework,
        value=value,
        evaluated=value is not None,
        state=state,
        source=source if published or state == ReviewState.SUBMITTED else None,
        submitted_at=submitted if state != ReviewState.DRAFT else None,
        reviewed_at=submitted + timedelta(days=14) if published or state == ReviewState.RETURNED else None,
        review_comment="Lampirkan bukti dukung indikator 1–10 (contoh)." if state == ReviewState.RETURNED else "",
        is_demo=True,
    )


def _follow_ups(results: list[Result], *, seed: int) -> list[FollowUp]:
    """Two recommendations on each regency's newest published official result: one verified, one still a draft."""
    newest: dict[int, Result] = {}
    published = [
        result
        for result in results
        if result.kind == ResultKind.OFFICIAL and result.state == ReviewState.VERIFIED and result.evaluated
    ]
    for result in sorted(published, key=lambda result: result.year):
        newest[result.regency_id] = result
    follow_ups = []
    for result in newest.values():
        rng = _rng(seed, result.regency.code, "follow-up")
        for number, state in ((1, FollowUpCheck.CHECKED), (2, FollowUpCheck.UNCHECKED)):
            follow_ups.append(
                FollowUp(
                    result=result,
                    recommendation=f"Rekomendasi contoh {number}: tingkatkan tata kelola data (contoh).",
                    action_plan="Rencana aksi contoh.",
                    follow_up="Tindak lanjut contoh." if number == 1 else "",
                    owner="Diskominfo (contoh)",
                    due_date=date(result.year + 2, 6, 30),
                    status=rng.choice(list(FollowUpStatus)),
                    state=state,
                    is_demo=True,
                )
            )
    return follow_ups


def _delete(model, where: str, params: Iterable = ()) -> int:
    """Raw DELETE: no per-row signals, no history rows written for rows that were never real."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)} WHERE {where}", list(params))
        return cursor.rowcount


@transaction.atomic
def clear() -> int:
    """Deletes every demo row and everything hanging on a demo regency, dependants first; real rows stay as
    they are. Returns the number of rows deleted."""
    q = connection.ops.quote_name
    table = lambda model: q(model._meta.db_table)  # noqa: E731
    demo_regencies = f"SELECT id FROM {table(Regency)} WHERE is_demo"
    demo_results = f"SELECT id FROM {table(Result)} WHERE is_demo OR regency_id IN ({demo_regencies})"
    history = lambda model: model.history.model  # noqa: E731
    deleted = 0
    deleted += _delete(history(FollowUp), f"is_demo OR result_id IN ({demo_results})")
    deleted += _delete(FollowUp, f"is_demo OR result_id IN ({demo_results})")
    # The review conversation hangs on the results (its CASCADE is Django's, not the database's).
    deleted += _delete(ReviewMessage, f"result_id IN ({demo_results})")
    # Every indicator level of a demo regency or result: the results' own and the workspace's (demo_indicators.py),
    # before the results and the sources they cite.
    demo_levels = f"is_demo OR regency_id IN ({demo_regencies}) OR result_id IN ({demo_results})"
    deleted += _delete(history(IndicatorAssessment), demo_levels)
    deleted += _delete(IndicatorAssessment, demo_levels)
    for model in (Result, Target):
        deleted += _delete(history(model), f"is_demo OR regency_id IN ({demo_regencies})")
    # One statement each: a revision and the row it revises go together (foreign keys are checked at commit).
    deleted += _delete(Result, f"id IN ({demo_results})")
    deleted += _delete(Target, f"is_demo OR regency_id IN ({demo_regencies})")
    deleted += _delete(history(StatusFlag), f"is_demo OR regency_id IN ({demo_regencies})")
    deleted += _delete(StatusFlag, f"is_demo OR regency_id IN ({demo_regencies})")
    deleted += _delete(EvidenceFile, f"regency_id IN ({demo_regencies})")
    deleted += _delete(Source, "is_demo")
    deleted += _delete(Regency, "is_demo")
    publication.bump_version()
    return deleted
