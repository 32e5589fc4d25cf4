"""``uv run python -m bench.journey`` or ``uv run python bench/journey``: see the package."""

import sys
from pathlib import Path

if not __package__:  # run as a directory: make the repository's packages importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.journey.run import main

sys.exit(main())
