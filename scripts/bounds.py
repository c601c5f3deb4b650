"""Maintainer tool: the upper bound of every dependency in pyproject.toml.

Each dependency is bounded below the next minor release of the version the suite last passed with, so a
new release cannot change what the README's commands install until it has been tested here
(docs/dependencies.md says how to raise them).

    python scripts/bounds.py            # list each requirement, its installed version and its bound
    python scripts/bounds.py --write    # rewrite the bounds from the versions installed in this environment
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
#: A requirement line in pyproject.toml: "name[extra]>=lower,<upper",  # comment
LINE = re.compile(r'^(?P<indent>\s*)"(?P<name>[A-Za-z0-9_.-]+)(?P<extras>\[[^\]]*\])?(?P<spec>[^"]*)"(?P<rest>.*)$')


def next_minor(installed: str) -> str:
    """'2.19.0' → '2.20', '50.0.2' → '50.1', '1.9.0.post1' → '1.10'."""
    major, minor = (int(p) for p in re.findall(r"\d+", installed)[:2])
    return f"{major}.{minor + 1}"


def rewrite(line: str) -> tuple[str, str | None]:
    match = LINE.match(line)
    if not match:
        return line, None
    try:
        installed = version(match["name"])
    except PackageNotFoundError:
        return line, None
    lower = [s for s in match["spec"].split(",") if s.startswith((">=", ">", "=="))]
    spec = ",".join([*lower, f"<{next_minor(installed)}"])
    new = f'{match["indent"]}"{match["name"]}{match["extras"] or ""}{spec}"{match["rest"]}'
    return new, f"{match['name']:<20} installed {installed:<14} {spec}"


def main(argv: list[str]) -> int:
    lines = PYPROJECT.read_text(encoding="utf-8").splitlines()
    out = []
    section = ""
    for line in lines:
        if line.startswith("["):
            section = line
        new, report = rewrite(line) if section in ("[project]", "[project.optional-dependencies]") else (line, None)
        out.append(new)
        if report:
            print(report)
    if "--write" in argv:
        PYPROJECT.write_text("\n".join(out) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
