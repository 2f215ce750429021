"""Every write of the domain, one module per use case. Callers write `from assessments import services`.

Each public function is one transaction: it writes every row of its use case or, raising, nothing.
"""

from .common import VERIFYING_PUBLISHER, CitedSource, ConcurrentEdit, WrongState, framework_for_year
from .entries import save_result_entry
from .evidence import evidence_problem, store_evidence
from .follow_ups import save_follow_up, verify_follow_up
from .plans import PlannedRaise, save_plan
from .results import computed_index, create_result_draft, start_revision, update_result_draft
from .review import needs_second_reviewer, return_result, submit_result, verify_result
from .status_flags import set_status_flag
from .targets import TargetInput, save_target_draft, target_ownership_problem

__all__ = [
    "VERIFYING_PUBLISHER",
    "CitedSource",
    "ConcurrentEdit",
    "PlannedRaise",
    "TargetInput",
    "WrongState",
    "computed_index",
    "create_result_draft",
    "evidence_problem",
    "framework_for_year",
    "needs_second_reviewer",
    "return_result",
    "save_follow_up",
    "save_plan",
    "save_result_entry",
    "save_target_draft",
    "set_status_flag",
    "start_revision",
    "store_evidence",
    "submit_result",
    "target_ownership_problem",
    "update_result_draft",
    "verify_follow_up",
    "verify_result",
]
