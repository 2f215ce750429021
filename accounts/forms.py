from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

# Django's own Indonesian message puts the field name into "Masukkan nama pengguna %(username)s ...", which reads
# "nama pengguna nama pengguna"; ours names both fields itself.
INVALID_LOGIN = _("Nama pengguna atau kata sandi salah. Periksa keduanya; huruf besar dan kecil dibedakan.")


class LoginForm(AuthenticationForm):
    error_messages = {**AuthenticationForm.error_messages, "invalid_login": INVALID_LOGIN}


class AdminLoginForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah, atau akun ini bukan akun staf. Huruf besar dan kecil dibedakan."
        ),
    }
