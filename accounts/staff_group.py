"""The "Staf Provinsi" group and the permissions provincial Kominfo staff need in the admin.

Created by the data migration 0002 and brought back after every `migrate` and database flush (post_migrate), so
that a group emptied by a test's flush or missing a permission of a newer model is repaired on the next run.
"""

from .models import STAFF_GROUP_NAME

STAFF_PERMISSIONS = {
    "accounts": ["membership"],
    "assessments": ["result", "target", "indicatorscore", "source", "followup", "evidencefile"],
    "regencies": ["statusflag"],
}
# Frameworks and regencies are reference data: staff read them, only superusers change them.
STAFF_VIEW_ONLY = {
    "assessments": ["framework", "domain", "aspect", "indicator", "predikatband"],
    "regencies": ["regency"],
}
# To create and edit regency-admin accounts. accounts/admin.py limits what they reach: no superuser or staff
# account, no rights fields, no password form (docs/security.md).
USER_PERMISSIONS = ["view_user", "add_user", "change_user"]


def staff_codenames() -> list[tuple[str, str]]:
    codenames = [
        (app_label, f"{action}_{model}")
        for app_label, models in STAFF_PERMISSIONS.items()
        for model in models
        for action in ("view", "add", "change", "delete")
    ]
    codenames += [(app_label, f"view_{model}") for app_label, models in STAFF_VIEW_ONLY.items() for model in models]
    codenames += [("auth", codename) for codename in USER_PERMISSIONS]
    return codenames


def sync_staff_group(*, group_model, permission_model) -> None:
    group, _created = group_model.objects.get_or_create(name=STAFF_GROUP_NAME)
    wanted = staff_codenames()
    labels = {app_label for app_label, _codename in wanted}
    available = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in permission_model.objects.filter(content_type__app_label__in=labels).select_related(
            "content_type"
        )
    }
    group.permissions.add(*[available[key] for key in wanted if key in available])


def sync_after_migrate(sender, **kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    sync_staff_group(group_model=Group, permission_model=Permission)
