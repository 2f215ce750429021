"""Provincial staff set the self-assessment deadlines in the admin: the staff group gets this app's permissions
for ReportingDeadline (accounts, lower in the dependency rule, cannot name our model)."""

from accounts.models import STAFF_GROUP_NAME


def grant_deadline_permissions(sender, **kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=STAFF_GROUP_NAME)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="notifications", content_type__model="reportingdeadline")
    )
