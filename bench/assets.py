"""What both byte counters (probe.py for bench/results.md, page_weight.py) read off a page: its static files and
the bytes of a response, streamed or not."""

import re

# The stylesheets and scripts a page loads from our static files.
ASSET_PATTERN = re.compile(r'<(?:link rel="stylesheet"|script)[^>]*?(?:href|src)="(/static/[^"]+)"')
# What static/js/charts.js loads only when asked (plotly): the address it carries on its script tag.
ON_REQUEST_PATTERN = re.compile(r'<script[^>]*? data-plotly="(/static/[^"]+)"')


def static_urls(html: str) -> list[str]:
    return ASSET_PATTERN.findall(html)


def on_request_urls(html: str) -> list[str]:
    return ON_REQUEST_PATTERN.findall(html)


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content
