"""What the browser tests share: Chromium's path (the flags are in browser_flags.py)."""

import shutil

import pytest


@pytest.fixture(scope="module")
def chromium():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    assert path is not None, "Chromium is not installed: apt-get install chromium"
    return path
