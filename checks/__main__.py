"""``python -m checks`` is the ``theorycheck`` command (useful from a worktree or without an install)."""

import sys

from checks.cli import main

sys.exit(main())
