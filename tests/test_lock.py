"""The lock files pin every dependency pyproject.toml names.

``make install`` installs from ``requirements/test.txt`` with hashes required
and then the project with ``--no-deps``: a dependency added to pyproject.toml
without ``make lock`` would simply be missing in production.  This test makes
that a failing suite instead.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def read_lock(path: Path) -> dict[str, dict[str, object]]:
    """name -> {"version": Version, "hashes": int} for every pinned line of a uv/pip-tools lock file."""
    pins: dict[str, dict[str, object]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match.group(1))
            pins[current] = {"version": Version(match.group(2)), "hashes": 0}
        elif current and line.strip().startswith("--hash=sha256:"):
            pins[current]["hashes"] += 1  # type: ignore[operator]
    return pins


def requirements(*groups: str) -> list[Requirement]:
    project = PYPROJECT["project"]
    names = list(project["dependencies"])
    for group in groups:
        names += project["optional-dependencies"][group]
    return [Requirement(text) for text in names]


LOCKS = [("production.txt", ()), ("test.txt", ("test",))]


@pytest.mark.parametrize("lock_name, groups", LOCKS)
def test_every_dependency_is_pinned_in_the_lock(lock_name, groups):
    pins = read_lock(ROOT / "requirements" / lock_name)
    missing, outside = [], []
    for requirement in requirements(*groups):
        if requirement.marker and not requirement.marker.evaluate(default_environment()):
            continue
        pin = pins.get(canonicalize_name(requirement.name))
        if pin is None:
            missing.append(requirement.name)
        elif not requirement.specifier.contains(pin["version"], prereleases=True):
            outside.append(f"{requirement} (locked {pin['version']})")
    assert not missing, f"not in requirements/{lock_name}: {missing}; run `make lock`"
    assert not outside, f"lock pins outside pyproject's range: {outside}; run `make lock`"


@pytest.mark.parametrize("lock_name, groups", LOCKS)
def test_every_pin_carries_hashes(lock_name, groups):
    pins = read_lock(ROOT / "requirements" / lock_name)
    assert len(pins) > len(requirements(*groups))  # the transitive dependencies are there too
    assert [name for name, pin in pins.items() if pin["hashes"] == 0] == []


def test_the_test_lock_agrees_with_the_production_lock():
    """Tests run against the versions production installs."""
    production = read_lock(ROOT / "requirements" / "production.txt")
    test = read_lock(ROOT / "requirements" / "test.txt")
    differ = {name: (str(pin["version"]), str(test[name]["version"]))
              for name, pin in production.items() if name in test and test[name]["version"] != pin["version"]}
    assert set(production) <= set(test)
    assert differ == {}


def test_read_lock_sees_a_missing_dependency(tmp_path):
    """The check itself can fail: a lock without one of pyproject's names is caught."""
    lock = (ROOT / "requirements" / "production.txt").read_text(encoding="utf-8")
    without = re.sub(r"(?ms)^flask-babel==.*?(?=^\S)", "", lock)
    path = tmp_path / "lock.txt"
    path.write_text(without, encoding="utf-8")
    pins = read_lock(path)
    assert "flask-babel" not in pins and "flask" in pins
