"""The entry forms refuse formulas in every free text that reaches a download or a public page, as the import
does, with the message next to the field and nothing written."""

import pytest
from django.urls import reverse

from assessments.models import FollowUp, Result
from regencies.models import Regency, StatusFlag
from tests.entry_helpers import result_post
from tests.factories import RegencyFactory, StaffUserFactory, regency_admin

MESSAGE = "Teks tidak boleh diawali =, +, - atau @ (dibaca sebagai rumus di spreadsheet). Hapus tanda itu."
FORMULA = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("field", ["source_title", "note"])
def test_the_result_form_refuses_a_formula(client, reference_data, field):
    regency = Regency.objects.get(code="53.01")
    client.force_login(regency_admin(regency))

    response = client.post(
        reverse("entry:result_create"),
        result_post(regency=str(regency.pk), source_date="2024-01-31", **{field: FORMULA}),
    )

    assert response.status_code == 200
    assert MESSAGE in response.context["form"].errors[field]
    assert not Result.objects.filter(regency=regency, year=2023).exists()


@pytest.mark.parametrize("field", ["note", "source_title", "source_publisher"])
def test_the_status_flag_form_refuses_a_formula(client, db, field):
    from tests.entry.test_status_flags import flag_post

    client.force_login(StaffUserFactory())
    regency = RegencyFactory()

    response = client.post(reverse("entry:status_flag_create"), flag_post(regency, **{field: "@SUM(A1:A9)"}))

    assert response.status_code == 400
    assert MESSAGE in response.context["form"].errors[field]
    assert not StatusFlag.objects.exists()


@pytest.mark.parametrize("field", ["recommendation", "action_plan", "follow_up", "owner"])
def test_the_follow_up_form_refuses_a_formula(client, db, field):
    from tests.factories import ResultFactory

    result = ResultFactory()
    client.force_login(StaffUserFactory())
    data = {"recommendation": "Perkuat tata kelola", "status": "open", field: "+cmd|' /C calc'!A0"}

    response = client.post(reverse("entry:follow_up_create", args=[result.pk]), data)

    assert response.status_code == 200
    assert MESSAGE in response.context["form"].errors[field]
    assert not FollowUp.objects.exists()
