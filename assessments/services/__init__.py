"""Every write of the domain, one module per use case. Callers write `from assessments import services`.

Each public function is one transaction: it writes every row of its use case or, raising, nothing.
"""

from .common import (
    VERIFYING_PUBLISHER,
    Citation,
    CitedSource,
    ConcurrentEdit,
    WrongState,
    citation_problems,
    source_for,
)
from .conversation import full_name, reply_to_review
from .drafts import delete_result_draft, may_delete
from .entries import save_result_entry
from .evidence import evidence_problem, store_evidence
from .follow_ups import save_follow_up, verify_follow_up
from .indicator_evidence import EvidenceDetails
from .plans import PlannedRaise, save_plan
from .related_indices import RelatedIndexFact, save_related_index_value
from .results import computed_index, create_result_draft, update_result_draft
from .review import (
    RevisionExists,
    needs_second_reviewer,
    return_related_index_value,
    return_result,
    return_target,
    start_related_index_revision,
    start_revision,
    submit_related_index_value,
    submit_result,
    submit_target,
    transition,
    verify_related_index_value,
    verify_result,
    verify_target,
)
from .self_assessment import delete_indicator_evidence, save_indicator_assessment, submit_self_assessment
from .status_flags import set_status_flag
from .targets import TargetInput, save_target_draft, target_ownership_problem

__all__ = [
    "VERIFYING_PUBLISHER",
    "Citation",
    "CitedSource",
    "ConcurrentEdit",
    "EvidenceDetails",
    "PlannedRaise",
    "RelatedIndexFact",
    "RevisionExists",
    "TargetInput",
    "WrongState",
    "citation_problems",
    "computed_index",
    "create_result_draft",
    "delete_indicator_evidence",
    "delete_result_draft",
    "evidence_problem",
    "full_name",
    "may_delete",
    "needs_second_reviewer",
    "reply_to_review",
    "return_related_index_value",
    "return_result",
    "return_target",
    "save_follow_up",
    "save_indicator_assessment",
    "save_plan",
    "save_related_index_value",
    "save_result_entry",
    "save_target_draft",
    "set_status_flag",
    "source_for",
    "start_related_index_revision",
    "start_revision",
    "store_evidence",
    "submit_related_index_value",
    "submit_result",
    "submit_self_assessment",
    "submit_target",
    "target_ownership_problem",
    "transition",
    "update_result_draft",
    "verify_follow_up",
    "verify_related_index_value",
    "verify_result",
    "verify_target",
]
