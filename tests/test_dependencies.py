"""Every dependency has an upper bound that the suite has run with: a new release cannot change what the
README's two commands install until it has been tested (docs/dependencies.md)."""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
REQUIREMENTS = [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["test"]]
#: Extras the README's commands do not install (CI installs them): bounded, checked where installed.
OPTIONAL = [*PROJECT["optional-dependencies"]["cluster"]]


@pytest.mark.parametrize("line", OPTIONAL)
def test_each_optional_requirement_has_an_upper_bound_and_is_within_it_where_installed(line):
    requirement = Requirement(line)
    assert any(spec.operator in ("<", "<=", "==", "~=") for spec in requirement.specifier), line
    try:
        installed = version(requirement.name)
    except PackageNotFoundError:
        pytest.skip(f"{requirement.name} is not installed (pip install 'paritas[cluster]')")
    assert requirement.specifier.contains(installed, prereleases=True), f"{requirement.name} {installed}: {line}"


@pytest.mark.parametrize("line", REQUIREMENTS)
def test_each_requirement_has_an_upper_bound(line):
    requirement = Requirement(line)
    assert any(spec.operator in ("<", "<=", "==", "~=") for spec in requirement.specifier), line


@pytest.mark.parametrize("line", REQUIREMENTS)
def test_the_installed_version_is_within_the_bounds_so_the_bound_is_tested(line):
    requirement = Requirement(line)
    if requirement.marker is not None and not requirement.marker.evaluate():
        pytest.skip(f"{requirement.name} is not for this platform")
    try:
        installed = version(requirement.name)
    except PackageNotFoundError:
        pytest.fail(f"{requirement.name} is required but not installed")
    assert requirement.specifier.contains(installed, prereleases=True), f"{requirement.name} {installed}: {line}"
