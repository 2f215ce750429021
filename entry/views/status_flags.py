"""Status flags set by provincial staff."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import (
    staff_required,
)
from assessments import selectors, services
from regencies.models import Regency

from ..forms import StatusFlagForm
from .common import attach_errors, query_text


@staff_required
def status_flag_create(request):
    """Provincial staff record a regency's status as of a date; the newest flag is the one the public sees."""
    on_file = selectors.status_flag_sources()
    if request.method == "POST":
        form = StatusFlagForm(request.POST, sources_on_file=on_file)
        if form.is_valid():
            regency = form.cleaned_data["regency"]
            try:
                services.set_status_flag(
                    regency=regency,
                    flag=form.cleaned_data["flag"],
                    as_of=form.cleaned_data["as_of"],
                    note=form.cleaned_data["note"],
                    source=form.cited(),
                    by=request.user,
                )
            except ValidationError as error:
                attach_errors(form, error)
            except IntegrityError:
                # Another staff member saved a flag for the same regency and date a moment earlier.
                form.add_error("as_of", _("Wilayah ini sudah punya status pada tanggal tersebut."))
            else:
                messages.success(request, _("Status %(regency)s disimpan.") % {"regency": regency.display_name})
                return redirect(regency.get_absolute_url())
        status = 400
    else:
        initial_regency = Regency.objects.ranked().filter(code=query_text(request.GET.get("wilayah", ""))).first()
        form = StatusFlagForm(
            initial={"regency": initial_regency, "as_of": timezone.localdate()}, sources_on_file=on_file
        )
        status = 200
    return render(request, "entry/status_flag_form.html", {"form": form}, status=status)
