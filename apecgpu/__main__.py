"""Entry point for `python -m apecgpu` (see apecgpu.cli)."""
import sys

from .cli import main

sys.exit(main())
