"""A select rendered in Python with the markup of Django's own select templates. The planner shows one per
indicator (47 at a time, with up to six options each); through the form renderer's templates they were most of
the page's time (issue 26: 43 ms of CPU per request at national size, about half of it in these widgets)."""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _attributes(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: `False` leaves the attribute out, `True` writes its name alone."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class PlainSelect(forms.Select):
    """Django's Select, written without building each option's context: its options as Select.optgroups chooses
    them (the first option matching the value selected, every one when multiple), its attributes as
    Widget.get_context builds them."""

    def render(self, name, value, attrs=None, renderer=None):
        if any(isinstance(label, (list, tuple)) for _value, label in self.choices):
            return super().render(name, value, attrs, renderer)  # groups: Django's templates, as they are
        attributes = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attributes["multiple"] = True
        chosen = self.format_value(value)
        parts = [f'<select name="{conditional_escape(name)}"{_attributes(attributes)}>']
        has_selected = False
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            selected = (not has_selected or self.allow_multiple_selected) and option_value in chosen
            has_selected |= selected
            parts.append(
                f'\n  <option value="{conditional_escape(option_value)}"{" selected" if selected else ""}>'
                f"{conditional_escape(label)}</option>\n"
            )
        parts.append("\n</select>")
        return mark_safe("".join(parts))
