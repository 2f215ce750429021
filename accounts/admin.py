from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .forms import AdminLoginForm
from .models import STAFF_GROUP_NAME, Membership

User = get_user_model()

# Accounts that only a superuser may see or change: superusers and every provincial officer. Provincial staff hold
# auth.change_user to manage regency admins; without this, that permission let them make themselves superuser and
# set a superuser's password.
PRIVILEGED = Q(is_superuser=True) | Q(is_staff=True) | Q(groups__name=STAFF_GROUP_NAME)

admin.site.login_form = AdminLoginForm


def manageable_users(request):
    """The accounts `request.user` may manage in the admin: all for a superuser, regency admins for staff."""
    users = User.objects.all()
    if request.user.is_superuser:
        return users
    return users.exclude(pk__in=User.objects.filter(PRIVILEGED).values("pk"))


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = True
    autocomplete_fields = ["regency"]
    extra = 0
    max_num = 1


admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Django's user admin for superusers; for provincial staff, regency-admin accounts and nothing that grants
    rights: no superuser, staff, group or permission fields, no password form, no privileged account."""

    inlines = [MembershipInline]
    staff_fieldsets = (
        (None, {"fields": ("username",)}),
        (_("Data pribadi"), {"fields": ("first_name", "last_name", "email")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    staff_add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "email", "usable_password", "password1", "password2")}),
    )

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=manageable_users(request).values("pk"))

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return self.staff_add_fieldsets if obj is None else self.staff_fieldsets

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ("last_login", "date_joined")

    def get_list_filter(self, request):
        return super().get_list_filter(request) if request.user.is_superuser else ("is_active",)

    def _refuse_privileged(self, request, object_id) -> None:
        """403 rather than the admin's "does not exist" redirect, so that a refusal reads as one."""
        if request.user.is_superuser:
            return
        try:
            privileged = User.objects.filter(PRIVILEGED, pk=object_id).exists()
        except (ValueError, ValidationError):
            return
        if privileged:
            raise PermissionDenied

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._refuse_privileged(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._refuse_privileged(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._refuse_privileged(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def user_change_password(self, request, id, form_url=""):
        # Staff never set a password: a regency admin sets their own through the reset mail.
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "regency", "created_at"]
    list_filter = ["regency"]
    search_fields = ["user__username", "user__email", "regency__name", "regency__code"]
    autocomplete_fields = ["user", "regency"]
    list_select_related = ["user", "regency"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = manageable_users(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
