"""The directory's generator: data -> site -> features -> build, with the editors' tools beside them.

See docs/architecture.md for the layers and what goes where.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the checkout: data/, schema/, docs/, overrides/, mkdocs.yml
