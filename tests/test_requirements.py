"""Every package the project runs and tests with is pinned in requirements.txt, dependencies of dependencies
included: a fresh machine (CI, a newcomer's `make run`) installs the set the suite passed on, never a release that
came out since."""

import re
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

REQUIREMENTS = Path(__file__).resolve().parent.parent / "requirements.txt"
# pip is pinned where the Makefile installs it; setuptools comes with the interpreter's venv (ensurepip).
INSTALLED_BY_THE_VENV = {"pip", "setuptools"}


def normalized(name: str) -> str:
    """A distribution's name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins() -> dict[str, str]:
    lines = [line.strip() for line in REQUIREMENTS.read_text().splitlines()]
    requirements = [line for line in lines if line and not line.startswith("#")]
    loose = [line for line in requirements if not re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.+!-]+", line)]
    assert loose == [], "every requirement is pinned with =="
    return {normalized(name): version for name, version in (line.split("==") for line in requirements)}


def test_every_package_a_pinned_one_needs_is_pinned_at_the_version_installed():
    pinned = pins()
    needed = set()
    for name in pinned:
        for line in metadata.requires(name) or []:
            requirement = Requirement(line)
            # A dependency of an extra nobody asked for, or of another platform, is not installed.
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                needed.add(normalized(requirement.name))
    assert sorted(needed - set(pinned) - INSTALLED_BY_THE_VENV) == []
    installed = {name: metadata.version(name) for name in pinned}
    assert {name: version for name, version in installed.items() if pinned[name] != version} == {}
