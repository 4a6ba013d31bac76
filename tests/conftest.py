"""Hypothesis profiles: ``default`` for a quick local run, ``ci`` (when ``CI`` is set) for more.

``HYPOTHESIS_PROFILE`` names the profile outright, e.g. ``default`` for a second, quick run in CI.
"""

import os

from hypothesis import HealthCheck, settings

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
