"""What the review workflow says about each kind of record it reviews: a second click on a step already taken, a
step the record's state does not allow, a revision that cannot start. Each reviewed model names its words
(`Reviewed.review_words`); the one transition in `services/review.py` says them."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ReviewWords:
    already_submitted: str
    already_verified: str
    already_returned: str
    cannot_submit: str
    cannot_verify: str
    cannot_return: str
    revise_unpublished: str
    revision_exists: str

    def already(self, step: str) -> str:
        """A second click: the record already stands where `step` would take it."""
        return {"submit": self.already_submitted, "verify": self.already_verified, "return": self.already_returned}[
            step
        ]

    def cannot(self, step: str) -> str:
        """The record's state does not allow `step`."""
        return {
            "submit": self.cannot_submit,
            "verify": self.cannot_verify,
            "return": self.cannot_return,
            "revise": self.revise_unpublished,
        }[step]


RESULT_WORDS = ReviewWords(
    already_submitted=_("Entri ini sudah diajukan untuk verifikasi."),
    already_verified=_("Entri ini sudah diverifikasi dan diterbitkan."),
    already_returned=_("Entri ini sudah dikembalikan ke admin wilayah."),
    cannot_submit=_("Entri ini sudah diajukan atau diterbitkan."),
    cannot_verify=_("Hanya entri yang diajukan yang dapat diverifikasi."),
    cannot_return=_("Hanya entri yang diajukan yang dapat dikembalikan."),
    revise_unpublished=_("Revisi hanya dapat dimulai dari hasil yang sudah diterbitkan."),
    revision_exists=_("Sudah ada revisi yang sedang dikerjakan untuk hasil ini."),
)

TARGET_WORDS = ReviewWords(
    already_submitted=_("Target ini sudah diajukan."),
    already_verified=_("Target ini sudah diterbitkan."),
    already_returned=_("Target ini sudah dikembalikan."),
    cannot_submit=_("Target ini sudah diajukan atau diterbitkan."),
    cannot_verify=_("Hanya target yang diajukan yang dapat diverifikasi."),
    cannot_return=_("Hanya target yang diajukan yang dapat dikembalikan."),
    revise_unpublished=_("Revisi hanya dapat dimulai dari target yang sudah diterbitkan."),
    revision_exists=_("Sudah ada revisi yang sedang dikerjakan untuk target ini."),
)

RELATED_WORDS = ReviewWords(
    already_submitted=_("Nilai ini sudah diajukan untuk verifikasi."),
    already_verified=_("Nilai ini sudah diverifikasi dan diterbitkan."),
    already_returned=_("Nilai ini sudah dikembalikan ke admin wilayah."),
    cannot_submit=_("Nilai ini sudah diajukan atau diterbitkan."),
    cannot_verify=_("Hanya nilai yang diajukan yang dapat diverifikasi."),
    cannot_return=_("Hanya nilai yang diajukan yang dapat dikembalikan."),
    revise_unpublished=_("Revisi hanya dapat dimulai dari nilai yang sudah diterbitkan."),
    revision_exists=_("Sudah ada revisi yang sedang dikerjakan untuk nilai ini."),
)
