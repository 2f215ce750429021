"""Cached API answers. Keys carry the publication version (assessments/publication.py), which any change to
published data increments, so a verified result shows at once in every worker and on every machine sharing the
database; the timeout bounds staleness for changes made behind the ORM's back."""

from assessments.publication import current_version

TIMEOUT_SECONDS = 300


def key_for(full_path: str) -> str:
    return f"api:v1:{current_version()}:{full_path}"
