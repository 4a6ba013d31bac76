"""``python -m stratgraph``: the command line."""

from stratgraph.cli import main

main()
