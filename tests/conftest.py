"""Hypothesis profiles and the fixtures every test module shares.

Profiles: ``default`` for a quick local run, ``ci`` (when ``CI`` is set) for more;
``HYPOTHESIS_PROFILE`` names the profile outright, e.g. ``default`` for a second, quick run in CI.
"""

import os
import shutil

import pytest
from hypothesis import HealthCheck, settings

import stratgraph as sg

settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    parent=settings.get_profile("default"),
    max_examples=200,
    derandomize=True,
    print_blob=True,
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
)


@pytest.fixture(scope="module")
def example():
    """The bundled map of 2013, read once for each test module (a test may change its copy)."""
    return sg.datasets.load("eksempel-2013")


@pytest.fixture(scope="module")
def chromium():
    """The path of Chromium, for the browser tests (its flags are in browser/browser_flags.py)."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    assert path is not None, "Chromium is not installed: apt-get install chromium"
    return path
