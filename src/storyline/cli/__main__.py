"""``python -m storyline.cli``: the command line."""
from . import main

main()
