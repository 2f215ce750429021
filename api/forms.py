"""Query parameters, checked like any other input: a wrong value is a 400 with a message, never a 500."""

from django import forms
from django.core.validators import RegexValidator

from assessments.models import MAX_YEAR, MIN_YEAR, ResultKind

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 100
REGENCY_CODE_PATTERN = r"^[0-9]{2}(\.[0-9]{2})?$"


class AsciiIntegerField(forms.IntegerField):
    """A whole number written with 0–9. Django's field reads it with int(), which also takes full-width (２０２２),
    Arabic-Indic (٢٠٢٢) and other Unicode digits: a link that looks like one question answered another."""

    def to_python(self, value):
        if isinstance(value, str) and not value.strip().isascii():
            raise forms.ValidationError("Tulis bilangan bulat dengan angka 0–9.", code="invalid")
        return super().to_python(value)


class PageForm(forms.Form):
    page = AsciiIntegerField(required=False, min_value=1, max_value=1_000_000)
    page_size = AsciiIntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    def clean(self):
        # `?year=` is a mistake in a URL, not a request for every year: the contract has no empty values.
        for name in self.fields:
            if name in self.data and not self.data[name].strip():
                self.add_error(name, "Isi nilainya atau hapus parameter ini.")
        return super().clean()


class RegencyFilterForm(PageForm):
    regency = forms.CharField(
        required=False,
        max_length=5,
        validators=[RegexValidator(REGENCY_CODE_PATTERN, message="Kode wilayah berbentuk 53 atau 53.01.")],
    )


class YearFilterForm(RegencyFilterForm):
    year = AsciiIntegerField(required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)


class ResultFilterForm(YearFilterForm):
    kind = forms.ChoiceField(required=False, choices=[("", ""), *ResultKind.choices])


class IndicatorLevelFilterForm(YearFilterForm):
    stage = forms.ChoiceField(required=False, choices=[("", ""), ("official", "official"), ("self", "self")])


class NationalReferenceFilterForm(PageForm):
    year = AsciiIntegerField(required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)
