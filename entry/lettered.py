"""An explanation written as one paragraph of lettered parts ("a. … b. … c. …", as the evaluation guide writes
them) split into its parts, so that a page can show them as a list.

Only a run of letters in order from "a" counts as parts: "b." inside a sentence that has no "a." before it, or an
abbreviation, leaves the text whole.
"""

import re

# A letter, a full stop and a space, at the start or after whitespace: a candidate part marker.
MARKER = re.compile(r"(?:^|(?<=\s))([a-z])\.\s+")


def lettered_parts(text: str) -> list[str]:
    """The parts of "a. X b. Y c. Z" as ["X", "Y", "Z"]; [] when the text is not lettered from "a" in order."""
    expected = "a"
    cuts = []
    for match in MARKER.finditer(text):
        if match.group(1) == expected:
            cuts.append(match)
            expected = chr(ord(expected) + 1)
    if len(cuts) < 2 or text[: cuts[0].start()].strip():
        return []
    parts = []
    for index, match in enumerate(cuts):
        end = cuts[index + 1].start() if index + 1 < len(cuts) else len(text)
        parts.append(text[match.end() : end].strip())
    return parts
