"""/akun/notifikasi/: each signed-in person chooses the language of their mail and whether reminders come."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import is_provincial_staff

from . import recipients, services
from .forms import PreferenceForm


@login_required
def preferences(request):
    current = recipients.preference_of(request.user)
    form = PreferenceForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.save_preference(
            user=request.user,
            language=form.cleaned_data["language"],
            reminders_enabled=form.cleaned_data["reminders_enabled"],
        )
        messages.success(request, _("Pengaturan notifikasi disimpan."))
        return redirect("notifications:preferences")
    staff = is_provincial_staff(request.user)
    context = {
        "form": form,
        "has_email": bool(request.user.email),
        "without_email": list(recipients.without_email()) if staff else None,
    }
    return render(request, "notifications/preferences.html", context)
