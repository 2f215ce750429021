from dataclasses import dataclass

from django.urls import reverse

from accounts.permissions import is_provincial_staff, regency_of
from assessments.models import Result, ReviewState
from assessments.selectors import awaiting_verification_count


@dataclass(frozen=True)
class Waiting:
    """How many things wait for a person and where they are: the verification queue for staff, the returned
    entries for a regency admin."""

    count: int
    url: str
    for_staff: bool


def waiting_for(user) -> Waiting | None:
    if is_provincial_staff(user):
        return Waiting(count=awaiting_verification_count(), url=reverse("entry:queue"), for_staff=True)
    regency = regency_of(user)
    if regency is None:
        return None
    count = Result.objects.filter(regency=regency, state=ReviewState.RETURNED).count()
    return Waiting(count=count, url=reverse("entry:list"), for_staff=False)


def waiting_in(results, *, for_staff: bool) -> int:
    """The same count from results a page has already read, so that the page pays no query for it."""
    wanted = ReviewState.SUBMITTED if for_staff else ReviewState.RETURNED
    return sum(1 for result in results if result.state == wanted)
