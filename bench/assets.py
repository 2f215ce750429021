"""What both byte counters (probe.py for bench/results.md, page_weight.py) read off a page: its static files and
the bytes of a response, streamed or not."""

import re

# The stylesheets and scripts a page loads from our static files.
ASSET_PATTERN = re.compile(r'<(?:link rel="stylesheet"|script)[^>]*?(?:href|src)="(/static/[^"]+)"')


def static_urls(html: str) -> list[str]:
    return ASSET_PATTERN.findall(html)


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content
