"""A pager's links: the page before and after, keeping the other parameters of the address (another pager's page)."""

from dataclasses import dataclass

from django.core.paginator import Page


@dataclass(frozen=True)
class Pager:
    page: Page
    previous_url: str | None
    next_url: str | None


def pager(request, page: Page, parameter: str) -> Pager:
    def url(number: int) -> str:
        query = request.GET.copy()
        query[parameter] = number
        return f"?{query.urlencode()}"

    return Pager(
        page=page,
        previous_url=url(page.previous_page_number()) if page.has_previous() else None,
        next_url=url(page.next_page_number()) if page.has_next() else None,
    )
