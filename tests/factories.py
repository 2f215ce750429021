from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from assessments.models import (
    Aspect,
    Domain,
    Framework,
    IndexSeries,
    Indicator,
    IndicatorAssessment,
    PredikatBand,
    Result,
    ResultKind,
    ReviewState,
    Source,
    SourceKind,
    Target,
    stage_of_result,
)
from regencies.models import FlagKind, Regency, RegencyKind, StatusFlag

STANDARD_BANDS = [
    ("Kurang", "0.00", "#f4a6a6"),
    ("Cukup", "1.80", "#f9d38c"),
    ("Baik", "2.60", "#d4e79e"),
    ("Sangat Baik", "3.50", "#8fd19e"),
    ("Memuaskan", "4.20", "#4fb286"),
]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class RegencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regency

    # The sequence runs over the whole session (thousands of regencies across the suite), while the columns hold
    # five and four characters and PostgreSQL enforces that: the numbers cycle, staying clear of NTT's real codes
    # (53.xx, 53xx). One test never makes 4,000 regencies, so they stay unique within a test.
    code = factory.Sequence(lambda n: f"{60 + (n % 4000) // 100:02d}.{n % 100:02d}")
    bps_code = factory.Sequence(lambda n: f"{6000 + n % 4000}")
    name = factory.Sequence(lambda n: f"Wilayah Uji {n}")
    kind = RegencyKind.KABUPATEN
    capital = "Ibu Kota Uji"
    slug = factory.LazyAttribute(lambda regency: f"{regency.kind}-{regency.code.replace('.', '-')}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Keputusan Uji {n}")
    publisher = "Kementerian PANRB"
    kind = SourceKind.DECREE
    published_on = date(2024, 2, 1)


class IndexSeriesFactory(factory.django.DjangoModelFactory):
    """The SPBE series unless told otherwise (one row per code, shared by the frameworks of a test)."""

    class Meta:
        model = IndexSeries
        django_get_or_create = ("code",)

    code = "spbe"
    name = factory.LazyAttribute(lambda series: f"Indeks {series.code.upper()}")
    name_en = factory.LazyAttribute(lambda series: f"{series.code.upper()} index")
    short_name = factory.LazyAttribute(lambda series: series.code.upper())


class FrameworkFactory(factory.django.DjangoModelFactory):
    """A framework with the standard five predikat bands."""

    class Meta:
        model = Framework
        skip_postgeneration_save = True

    series = factory.SubFactory(IndexSeriesFactory)
    code = factory.Sequence(lambda n: f"TEST-FRAMEWORK-{n}")
    name = factory.LazyAttribute(lambda framework: f"Kerangka {framework.code}")
    short_name = factory.SelfAttribute("code")
    first_year = 2018
    last_year = None

    @factory.post_generation
    def bands(framework, create, extracted, **kwargs):
        if create and extracted is not False:
            for name, lower_bound, color in STANDARD_BANDS:
                PredikatBand.objects.create(
                    framework=framework, name=name, lower_bound=Decimal(lower_bound), color=color
                )


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain

    framework = factory.SubFactory(FrameworkFactory)
    number = factory.Sequence(lambda n: n % 30000 + 1)  # a smallint column: cycle over a long run
    name = factory.Sequence(lambda n: f"Domain {n}")
    weight = Decimal("50.00")


class AspectFactory(factory.django.DjangoModelFactory):
    """An aspect in a domain of its framework; given only a domain (the older way), it takes the domain's
    framework."""

    class Meta:
        model = Aspect

    framework = factory.SubFactory(FrameworkFactory)
    domain = factory.SubFactory(DomainFactory, framework=factory.SelfAttribute("..framework"))
    number = factory.Sequence(lambda n: n % 30000 + 1)  # a smallint column: cycle over a long run
    name = factory.Sequence(lambda n: f"Aspek {n}")
    weight = Decimal("50.00")

    @classmethod
    def _generate(cls, strategy, params):
        if params.get("domain") is not None and "framework" not in params:
            params = {**params, "framework": params["domain"].framework}
        return super()._generate(strategy, params)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    aspect = factory.SubFactory(AspectFactory)
    number = factory.Sequence(lambda n: n % 30000 + 1)  # a smallint column: cycle over a long run
    name = factory.Sequence(lambda n: f"Indikator {n}")
    weight = Decimal("10.00")


def _stated_framework(target) -> Framework:
    """The framework the target's year is stated in, or a new one when the test made none."""
    return Framework.objects.for_target_year(target.year) or FrameworkFactory()


class ResultFactory(factory.django.DjangoModelFactory):
    """A published official result by default."""

    class Meta:
        model = Result

    regency = factory.SubFactory(RegencyFactory)
    year = 2022
    kind = ResultKind.OFFICIAL
    framework = factory.SubFactory(FrameworkFactory)
    value = Decimal("2.50")
    evaluated = True
    source = factory.SubFactory(SourceFactory)
    state = ReviewState.VERIFIED


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    regency = factory.SubFactory(RegencyFactory)
    year = 2022
    framework = factory.LazyAttribute(_stated_framework)
    value = Decimal("3.00")
    source = factory.SubFactory(SourceFactory)
    state = ReviewState.VERIFIED


class ResultLevelFactory(factory.django.DjangoModelFactory):
    """One indicator level of a result revision: its regency, year, stage and demo mark are the result's."""

    class Meta:
        model = IndicatorAssessment

    result = factory.SubFactory(ResultFactory)
    regency = factory.SelfAttribute("result.regency")
    year = factory.SelfAttribute("result.year")
    stage = factory.LazyAttribute(lambda row: stage_of_result(row.result.kind))
    is_demo = factory.SelfAttribute("result.is_demo")
    indicator = factory.SubFactory(IndicatorFactory, aspect__framework=factory.SelfAttribute("...result.framework"))
    level = 3


class StatusFlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusFlag

    regency = factory.SubFactory(RegencyFactory)
    flag = FlagKind.ADJUSTING
    as_of = date(2025, 2, 10)
    source = factory.SubFactory(SourceFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    """A regency admin: an account tied to one regency."""

    class Meta:
        model = "accounts.Membership"

    user = factory.SubFactory(UserFactory)
    regency = factory.SubFactory(RegencyFactory)


def regency_admin(regency=None, **user_fields):
    """The user of a new membership (of `regency`, or a new regency)."""
    fields = {"regency": regency} if regency is not None else {}
    return MembershipFactory(user=UserFactory(**user_fields), **fields).user


class StaffUserFactory(UserFactory):
    """A provincial Kominfo officer: in the "Staf Provinsi" group made by the accounts migration."""

    class Meta:
        skip_postgeneration_save = True

    is_staff = True

    @factory.post_generation
    def staff_group(user, create, extracted, **kwargs):
        if create:
            from django.contrib.auth.models import Group

            from accounts.models import STAFF_GROUP_NAME

            user.groups.add(Group.objects.get(name=STAFF_GROUP_NAME))


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "assessments.FollowUp"

    result = factory.SubFactory(ResultFactory)
    recommendation = factory.Sequence(lambda n: f"Rekomendasi uji {n}")
    action_plan = "Rencana aksi uji"
    owner = "Dinas Kominfo"


class IndexFamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "assessments.IndexFamily"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"UJI{n}")
    name = factory.LazyAttribute(lambda family: f"Indeks uji {family.code}")
    scale = "0–100"
    reading = "Makin tinggi makin baik."


class RelatedIndexValueFactory(factory.django.DjangoModelFactory):
    """A published (verified) fact of a related index by default."""

    class Meta:
        model = "assessments.RelatedIndexValue"

    family = factory.SubFactory(IndexFamilyFactory)
    regency = factory.SubFactory(RegencyFactory)
    year = 2025
    value = Decimal("3.10")
    source_title = factory.Sequence(lambda n: f"Berita uji {n}")
    source_published_on = date(2026, 1, 1)
    quote = "Kutipan uji."
    state = ReviewState.VERIFIED


class LevelCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "assessments.LevelCriterion"

    indicator = factory.SubFactory(IndicatorFactory)
    level = 1
    criteria = factory.Sequence(lambda n: f"Kriteria uji {n}")
    evidence_hint = factory.Sequence(lambda n: f"Bukti uji {n}")
    source = "Sumber uji"


class IndicatorAssessmentFactory(factory.django.DjangoModelFactory):
    """A regency's self-assessment level of one indicator by default; an OFFICIAL row needs a source."""

    class Meta:
        model = "assessments.IndicatorAssessment"

    regency = factory.SubFactory(RegencyFactory)
    year = 2022
    indicator = factory.SubFactory(IndicatorFactory)
    stage = "self"
    level = 3
