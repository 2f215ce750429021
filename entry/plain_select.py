"""A select rendered in Python with the markup of Django's own select templates. The planner shows one per
indicator (47 at a time, with up to six options each); through the form renderer's templates they were most of
the page's time (issue 26: 43 ms of CPU per request at national size, about half of it in these widgets)."""

from django import forms
from django.utils.html import conditional_escape, format_html
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
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _options, _index in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)  # groups: Django's templates, as they are
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attributes(widget["attrs"])}>']
        for _group_name, options, _index in widget["optgroups"]:
            for option in options:
                parts.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        str(option["value"]),
                        mark_safe(_attributes(option["attrs"])),
                        option["label"],
                    )
                )
        parts.append("\n</select>")
        return mark_safe("".join(parts))
