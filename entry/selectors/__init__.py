"""Reads of the /entri/ pages, one module per page (as dashboard/selectors/ for the read-only pages):
`workspace.py`, `indicator.py`, `entry_list.py`, `indicator_review.py`, `province_view.py`, `planner.py`,
`workspace_export.py`, and `structure.py`, a framework's structure as several of them read it. Reads the public
pages share with /entri/ stay in assessments (`selectors.py`, `public_levels.py`)."""
