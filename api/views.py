import hashlib
import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from assessments import publication, spreadsheets

from .endpoints import ALL, Endpoint
from .forms import DEFAULT_PAGE_SIZE
from .openapi import openapi_document
from .serializers import flatten

# Every view is read-only (require_safe); CSRF exemption only lets other methods get an honest 405 instead of
# the CSRF failure page.
JSON_TYPE = "application/json"
CSV_TYPE = "text/csv; charset=utf-8"
PUBLISHED_LANGUAGE = "id"
# Answers are kept under the publication version (assessments/publication.py), which any change to published
# data increments, so a verified result shows at once in every worker and on every machine sharing the database;
# browsers and proxies may reuse an answer this long, and the timeout bounds changes made behind the ORM's back.
TIMEOUT_SECONDS = 300


@csrf_exempt
@require_safe
def index(request):
    links = {endpoint.name: reverse(f"api:{endpoint.name}") for endpoint in ALL}
    links.update({f"{endpoint.name}.csv": reverse(f"api:{endpoint.name}-csv") for endpoint in ALL})
    return _conditional(request, _json_bytes({"endpoints": links, "openapi": reverse("api:openapi")}), JSON_TYPE)


@csrf_exempt
@require_safe
def openapi(request):
    return _conditional(request, _json_bytes(openapi_document()), JSON_TYPE)


@csrf_exempt
@require_safe
def list_json(request, *, endpoint: Endpoint):
    return _cached(request, endpoint, render=_page_as_json)


@csrf_exempt
@require_safe
def list_csv(request, *, endpoint: Endpoint):
    return _cached(request, endpoint, render=_all_as_csv)


def _cached(request, endpoint: Endpoint, *, render):
    form = endpoint.form_class(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)

    question = Question(path=request.path, parameters=_known_parameters(form))

    def build() -> HttpResponse:
        # Labels in the published language whatever the visitor's switch says: the same URL, the same bytes.
        with translation.override(PUBLISHED_LANGUAGE):
            status, content_type, body, filename = render(question, endpoint, form.cleaned_data)
        response = HttpResponse(body, status=status, content_type=content_type)
        if filename:
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    response = publication.cached_response(
        request,
        build,
        path=question.address(),
        language=PUBLISHED_LANGUAGE,
        max_age=TIMEOUT_SECONDS,
        timeout=TIMEOUT_SECONDS,
    )
    if response.status_code in (200, 304):
        _open_to_every_origin(response)
    return response


@dataclass(frozen=True)
class Question:
    """A list asked for as the API understood it: its path and the parameters it knows, normalised. Both the
    cache key and the answer's page links are made from it, never from the address as sent, so an answer stored
    for one way of asking holds nothing of another's (an unknown parameter, another order)."""

    path: str
    parameters: tuple[tuple[str, str], ...]

    def address(self, **replaced) -> str:
        parameters = [(name, value) for name, value in self.parameters if name not in replaced]
        parameters += [(name, str(value)) for name, value in replaced.items()]
        return f"{self.path}?{urlencode(parameters)}" if parameters else self.path


def _known_parameters(form) -> tuple[tuple[str, str], ...]:
    """The form's fields in their order, with the values it cleaned (`?year=02022` is `year=2022`); parameters
    the API does not know, absent ones and the first page (what no `page` means) are left out."""
    parameters = []
    for name in form.fields:
        value = form.cleaned_data.get(name)
        if value is None or value == "" or (name == "page" and value == 1):
            continue
        parameters.append((name, str(value)))
    return tuple(parameters)


def _page_as_json(question: Question, endpoint: Endpoint, filters: dict):
    page_size = filters["page_size"] or DEFAULT_PAGE_SIZE
    paginator = Paginator(endpoint.rows(filters), page_size)
    try:
        page = paginator.page(filters["page"] or 1)
    except EmptyPage:
        return 404, JSON_TYPE, _json_bytes({"errors": {"page": ["Halaman ini tidak ada."]}}), None
    body = {
        "count": paginator.count,
        "page": page.number,
        "page_size": page_size,
        "next": question.address(page=page.next_page_number()) if page.has_next() else None,
        "previous": question.address(page=page.previous_page_number()) if page.has_previous() else None,
        "results": [endpoint.serialize(row) for row in page.object_list],
    }
    return 200, JSON_TYPE, _json_bytes(body), None


def _all_as_csv(question: Question, endpoint: Endpoint, filters: dict):
    """Written by the one download writer, which neutralises text a spreadsheet would run; numbers stay numbers."""
    lines = []
    for row in endpoint.rows(filters):
        flat = _flat(endpoint, row)
        unknown = set(flat) - set(endpoint.columns)
        if unknown:
            raise ValueError(f"{endpoint.name}: fields not in the CSV's columns: {sorted(unknown)}")
        lines.append([_csv_value(flat.get(column)) for column in endpoint.columns])
    content = spreadsheets.csv_text(endpoint.columns, lines)
    return 200, CSV_TYPE, content.encode("utf-8"), f"spbe-ntt-{endpoint.name}.csv"


def _flat(endpoint: Endpoint, row) -> dict:
    if endpoint.csv_row is not None:
        return endpoint.csv_row(row)
    return flatten(endpoint.serialize(row))


def _csv_value(value):
    """Machine-readable CSV: decimal point, true/false, empty for unknown (never 0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.2f}"
    return value


def _conditional(request, body: bytes, content_type: str) -> HttpResponse:
    """The index and the OpenAPI document: fixed by the code, not by published data, so tagged by their bytes and
    never read from the database (schemathesis loads the document before any test database exists)."""
    etag = '"' + hashlib.sha256(body).hexdigest()[:40] + '"'
    response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    _open_to_every_origin(response)
    patch_cache_control(response, public=True, max_age=TIMEOUT_SECONDS)
    return get_conditional_response(request, etag=etag, response=response)


def _open_to_every_origin(response: HttpResponse) -> None:
    # Published open data, no cookies involved: any site may read it from a browser.
    response["Access-Control-Allow-Origin"] = "*"


def _json_bytes(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
