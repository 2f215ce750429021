"""What the entry views share: the visibility rule, the conflict message, reporting a workflow write, the review
actions of a record's page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from accounts.permissions import editable_regencies, is_provincial_staff
from assessments import services
from assessments.formatting import index_value, level_class
from assessments.models import MAX_YEAR, MIN_YEAR, Result, Reviewed, ReviewStep, Target
from regencies.models import Regency

from ..forms import ReplyForm, ReturnForm, VersionForm

LEVEL_CELL = '<td class="num"><span class="level %s">%s</span></td>'


def level_cell(level) -> str:
    """A level's table cell: a whole level as itself; a converted value (3,45) with its decimals in the page's
    number format, coloured as the whole level it reaches. Written without a template: the province view has
    thousands of them and the indicator review three a row."""
    shown = level if isinstance(level, int) else number_format(level, 2)
    return LEVEL_CELL % (level_class(level), shown)


def asked_number(request, name: str, *, digits: int = 9) -> int | None:
    """A whole number the address asks for (`?halaman=2`), written with 0–9 in at most `digits` digits, else None.
    ASCII digits only: isdigit() alone takes "²", which int() refuses, and reads "٣" as 3; and int() refuses a text
    of more than 4 300 digits, which an address can hold."""
    text = request.GET.get(name, "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= digits else None


def requested_part(request) -> int:
    """The entry an indicator's page shows (`?bagian=2`: the second public service of 5/2018's indicator 35): the
    workspace's page and the province's review form alike."""
    part = asked_number(request, "bagian", digits=2)
    return 1 if part is None else part


def visible(request, model, pk: int, *related: str):
    """A regency admin asking for another regency's row gets 404: its existence is not theirs to know."""
    rows = model.objects.filter(regency__in=editable_regencies(request.user)).select_related("regency", *related)
    return get_object_or_404(rows, pk=pk)


def visible_result(request, pk: int) -> Result:
    return visible(request, Result, pk, "framework", "source", "evidence", "revises")


def review_context(request, record: Reviewed, *, return_form: ReturnForm | None = None) -> dict:
    """What the review actions (templates/entry/_review_actions.html) need on any reviewed record's page."""
    is_staff = is_provincial_staff(request.user)
    links = {step: f"entry:{record.review_kind}_{step}" for step in [*ReviewStep, "edit"]}
    return {
        "is_staff": is_staff,
        "review_urls": {step: reverse(name, kwargs={"pk": record.pk}) for step, name in links.items()},
        # An open record is the one being worked on; a published or superseded one may have one.
        "open_revision": None if record.is_open else record.open_revision(),
        "leaves_review_to_colleague": is_staff
        and record.awaits_review
        and services.needs_second_reviewer(record, request.user),
        "return_form": return_form or ReturnForm(initial={"version": record.version}),
    }


def concurrent_message(current) -> str:
    last = current.history.select_related("history_user").first()
    who = services.full_name(last.history_user) if last and last.history_user else _("pengguna lain")
    when = date_format(timezone.localtime(last.history_date), "j M Y H:i T") if last else ""
    if isinstance(current, Result):
        value = index_value(current.value) if current.value is not None else _("tidak dievaluasi")
        what = _("indeks sekarang %(value)s, status %(state)s") % {
            "value": value,
            "state": current.get_state_display(),
        }
    elif isinstance(current, Target):
        what = _("target sekarang %(value)s, status %(state)s") % {
            "value": index_value(current.value),
            "state": current.get_state_display(),
        }
    else:
        what = _("status %(state)s") % {"state": current.get_state_display()}
    return _(
        "Entri ini sudah diubah oleh %(who)s pada %(when)s setelah Anda membukanya (%(what)s). "
        "Perubahan Anda belum disimpan; periksa nilai terbaru lalu simpan lagi bila perlu."
    ) % {"who": who, "when": when, "what": what}


def conversation_context(result: Result, *, reply_form=None) -> dict:
    """The revision's conversation, oldest first, with the return comment that is still open (the latest, while
    the revision has not been published) singled out to be highlighted."""
    conversation = list(result.messages.all())
    returns = [message for message in conversation if message.is_return]
    return {
        "conversation": conversation,
        "open_comment": returns[-1] if returns and result.is_open else None,
        "reply_form": reply_form or ReplyForm(),
        "can_reply": bool(returns) and result.is_open,
    }


def attach_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def versioned_post(request) -> int | None:
    form = VersionForm(request.POST)
    return form.cleaned_data["version"] if form.is_valid() else None


def attempt(request, write, success_message, *, back: str):
    """Runs a workflow write and tells its outcome on the page `back` (a result's, a target's, a related value's):
    done, overtaken by someone else's save, or refused in the current state."""
    try:
        write()
    except services.ConcurrentEdit as conflict:
        messages.error(request, concurrent_message(conflict.current))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success_message)
    return redirect(back)


def attempt_versioned(request, action, success_message, *, back: str):
    """`attempt` for a write that names the version the page showed (`action(version)`); a post without one is
    told to reload."""
    version = versioned_post(request)
    if version is None:
        messages.error(request, _("Formulir tidak lengkap; muat ulang halaman lalu coba lagi."))
        return redirect(back)
    return attempt(request, lambda: action(version), success_message, back=back)


def posted_number(request, name: str, *, low: int, high: int) -> int | None:
    """A posted whole number within bounds, else None: the form reports a bad value itself; this only picks
    what to offer, and a number past the database's integers must never reach a query."""
    try:
        number = int(request.POST.get(name, ""))
    except ValueError:
        return None
    return number if low <= number <= high else None


def query_text(value: str) -> str:
    """Text a request sent, to look up in the database; "" when it holds a NUL character, which PostgreSQL refuses
    in a query (a 500) and no code the portal keeps contains."""
    return "" if "\x00" in value else value


def posted_year(request) -> int | None:
    return posted_number(request, "year", low=MIN_YEAR, high=MAX_YEAR)


def posted_regency(request) -> Regency | None:
    pk = posted_number(request, "regency", low=1, high=2**31 - 1)
    return Regency.objects.filter(pk=pk).first() if pk is not None else None
