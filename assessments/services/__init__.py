"""Every write of the domain, one module per use case. Callers write `from assessments import services`.

Each public function is one transaction: it writes every row of its use case or, raising, nothing.
"""

from .common import VERIFYING_PUBLISHER, Citation, CitedSource, ConcurrentEdit, WrongState, framework_for_year
from .entries import save_result_entry
from .evidence import evidence_problem, store_evidence
from .follow_ups import save_follow_up, verify_follow_up
from .results import computed_index, create_result_draft, start_revision, update_result_draft
from .review import (
    needs_second_reviewer,
    return_result,
    return_target,
    submit_result,
    submit_target,
    verify_result,
    verify_target,
)
from .status_flags import set_status_flag
from .targets import TargetInput, save_target_draft, target_ownership_problem

__all__ = [
    "VERIFYING_PUBLISHER",
    "Citation",
    "CitedSource",
    "ConcurrentEdit",
    "TargetInput",
    "WrongState",
    "computed_index",
    "create_result_draft",
    "evidence_problem",
    "framework_for_year",
    "needs_second_reviewer",
    "return_result",
    "return_target",
    "save_follow_up",
    "save_result_entry",
    "save_target_draft",
    "set_status_flag",
    "start_revision",
    "store_evidence",
    "submit_result",
    "submit_target",
    "target_ownership_problem",
    "update_result_draft",
    "verify_follow_up",
    "verify_result",
    "verify_target",
]
