"""The benchmarks behind ``make bench``: stratgraph against the same job done by hand.

Run ``python -m benchmarks`` (``--help`` for the options). Every target is a ratio measured side
by side in one run: the medians of several alternating runs of stratgraph and of the by-hand
code (:mod:`benchmarks.baseline`), so that a busy machine slows both alike.
"""
