"""The planner's selects, rendered in Python, are byte for byte what Django's select templates write."""

import pytest
from django import forms

from entry.plain_select import PlainSelect

CHOICES = [("", "belum diisi"), ("0", "0 Rintisan"), ("1", '1 "Awal" & <dasar>'), ("2", "2")]


@pytest.mark.parametrize("value", ["", "1", "2", None, "9"])
@pytest.mark.parametrize("attrs", [None, {"aria-describedby": "x_error", "aria-invalid": "true"}, {"disabled": True}])
def test_a_plain_select_writes_what_djangos_templates_write(value, attrs):
    ours = PlainSelect(choices=CHOICES).render("tingkat_1", value, attrs={"id": "id_tingkat_1", **(attrs or {})})
    django = forms.Select(choices=CHOICES).render("tingkat_1", value, attrs={"id": "id_tingkat_1", **(attrs or {})})

    assert str(ours) == str(django)


def test_grouped_choices_are_left_to_djangos_templates():
    grouped = [("Domain 1", [("1", "satu")]), ("Domain 2", [("2", "dua")])]

    assert str(PlainSelect(choices=grouped).render("x", "2")) == str(forms.Select(choices=grouped).render("x", "2"))


def test_a_value_offered_twice_is_selected_once_and_labels_are_escaped_as_django_escapes_them():
    from django.utils.translation import gettext_lazy

    choices = [(None, gettext_lazy("belum diisi")), ("1", "satu"), ("1", "satu lagi"), (2, "<b>dua</b>")]

    for value in ("1", "", 2, None):
        ours = PlainSelect(choices=choices).render("x", value, attrs={"id": "id_x", "required": True})
        django = forms.Select(choices=choices).render("x", value, attrs={"id": "id_x", "required": True})
        assert str(ours) == str(django)
