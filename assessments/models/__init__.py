"""The domain's models, one module per concept; `from assessments.models import X` reaches every one of them.

ranges (years, the 0–5 index) · sources · frameworks (index series, bands, structure) · national (the national
reference figures) · criteria (what each level asks, level
names) · review (states and rules, the reviewed base) · results · targets · levels (the one store of indicator
levels) · conversation · evidence · follow_ups · distributions (stated predikat counts) · related_indices ·
publication_state.
"""

from ..import_previews import ImportPreview
from .conversation import MessageKind, ReviewMessage
from .criteria import LevelCriterion, LevelName
from .distributions import StatedDistribution
from .evidence import EvidenceFile, _evidence_path  # migration 0003 names _evidence_path here
from .follow_ups import FollowUp, FollowUpCheck, FollowUpQuerySet, FollowUpStatus
from .frameworks import (
    Aspect,
    Domain,
    Framework,
    FrameworkQuerySet,
    IndexSeries,
    Indicator,
    PredikatBand,
    Sourcing,
    WeightedPart,
)
from .levels import AssessmentStage, IndicatorAssessment, IndicatorAssessmentQuerySet, stage_of_result
from .national import NationalReference, NationalReferenceKind
from .publication_state import PublicationState
from .ranges import (
    INDEX_MAX,
    INDEX_MIN,
    INDEX_RANGE_MESSAGE,
    MAX_YEAR,
    MIN_YEAR,
    YEAR_RANGE_MESSAGE,
    index_validators,
    year_validators,
)
from .related_indices import IndexFamily, RelatedIndexValue
from .results import Result, ResultKind
from .review import (
    AWAITING_REVIEW_STATES,
    EDITABLE_STATES,
    OPEN_STATES,
    PUBLISHED_STATES,
    STEP_RULES,
    Reviewed,
    ReviewedField,
    ReviewedQuerySet,
    ReviewState,
    ReviewStateReading,
    ReviewStep,
    StepRule,
)
from .sources import (
    EARLIEST_SOURCE_DATE,
    EARLY_SOURCE_MESSAGE,
    FUTURE_SOURCE_MESSAGE,
    DatePrecision,
    Source,
    SourceKind,
)
from .targets import Target, TargetQuerySet

__all__ = [
    "AWAITING_REVIEW_STATES",
    "EARLIEST_SOURCE_DATE",
    "EARLY_SOURCE_MESSAGE",
    "EDITABLE_STATES",
    "FUTURE_SOURCE_MESSAGE",
    "INDEX_MAX",
    "INDEX_MIN",
    "INDEX_RANGE_MESSAGE",
    "MAX_YEAR",
    "MIN_YEAR",
    "OPEN_STATES",
    "PUBLISHED_STATES",
    "STEP_RULES",
    "YEAR_RANGE_MESSAGE",
    "Aspect",
    "AssessmentStage",
    "DatePrecision",
    "Domain",
    "EvidenceFile",
    "FollowUp",
    "FollowUpCheck",
    "FollowUpQuerySet",
    "FollowUpStatus",
    "Framework",
    "FrameworkQuerySet",
    "ImportPreview",
    "IndexFamily",
    "IndexSeries",
    "Indicator",
    "IndicatorAssessment",
    "IndicatorAssessmentQuerySet",
    "LevelCriterion",
    "LevelName",
    "MessageKind",
    "NationalReference",
    "NationalReferenceKind",
    "PredikatBand",
    "PublicationState",
    "RelatedIndexValue",
    "Result",
    "ResultKind",
    "ReviewMessage",
    "ReviewState",
    "ReviewStateReading",
    "ReviewStep",
    "Reviewed",
    "ReviewedField",
    "ReviewedQuerySet",
    "Source",
    "SourceKind",
    "Sourcing",
    "StatedDistribution",
    "StepRule",
    "Target",
    "TargetQuerySet",
    "WeightedPart",
    "_evidence_path",
    "index_validators",
    "stage_of_result",
    "year_validators",
]
