"""`python -m tracker.cli`: the ``tracker`` command, for a checkout without the console script on PATH."""

from . import main

main()
