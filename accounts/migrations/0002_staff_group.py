"""The "Staf Provinsi" group with the permissions provincial Kominfo staff need in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

def create_staff_group(apps, schema_editor):
    from accounts.staff_group import sync_staff_group

    # Permissions are normally created after all migrations; make them exist now so that the group can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_staff_group(group_model=apps.get_model("auth", "Group"), permission_model=apps.get_model("auth", "Permission"))


def remove_staff_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Staf Provinsi").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("assessments", "0003_evidence_and_follow_ups"),
        ("regencies", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_staff_group, remove_staff_group)]
