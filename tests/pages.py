"""Reading what a rendered page hands to its scripts."""

import json


def chart_data(html: str, data_id: str) -> dict:
    """The plotly figure a page passes through `json_script` under the element id `data_id`."""
    opening = f'<script id="{data_id}" type="application/json">'
    start = html.index(opening) + len(opening)
    return json.loads(html[start : html.index("</script>", start)])
