"""The staff's lockout page and the rate-limited password reset."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import QueuedPasswordResetForm, UnlockForm
from .lockout import client_address, current_lockouts, unlock
from .permissions import staff_required


@staff_required
def lockouts(request):
    return render(request, "accounts/lockouts.html", {"lockouts": current_lockouts()})


@require_POST
@staff_required
def unlock_account(request):
    form = UnlockForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nama akun itu tidak dapat dibaca; pilih akun dari daftar."))
        return redirect("accounts:lockouts")
    username = form.cleaned_data["username"]
    if username and unlock(username=username):
        message = _("Kunci akun %(username)s dibuka; akun itu dapat masuk lagi.")
        messages.success(request, message % {"username": username})
    else:
        messages.info(request, _("Akun %(username)s tidak sedang terkunci.") % {"username": username})
    return redirect("accounts:lockouts")


def _counted_within(key: str, limit: int) -> bool:
    """One more request under `key` in the current window; False once the window holds more than `limit`."""
    window = settings.PASSWORD_RESET_WINDOW_SECONDS
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page with a limit per e-mail address and per client address. Over a limit the visitor
    sees the same "sent" page as always, so the page tells nobody whether an address has an account, and no
    mail goes out."""

    form_class = QueuedPasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    html_email_template_name = "registration/password_reset_email.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        client = client_address(self.request) or "unknown"
        email = form.cleaned_data["email"].strip().lower()
        allowed = _counted_within(
            f"password-reset:client:{_digest(client)}", settings.PASSWORD_RESET_REQUESTS_PER_CLIENT
        ) and _counted_within(f"password-reset:email:{_digest(email)}", settings.PASSWORD_RESET_MAILS_PER_ADDRESS)
        if allowed:
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())
