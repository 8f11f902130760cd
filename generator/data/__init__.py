"""Reading and checking the listings: knows nothing of pages."""

# The words of the editors' tools (generator.data.messages) come from the catalogs, which tell
# messages where they are when imported; importing them here makes that true for every module.
from generator.data import catalogs as _catalogs  # noqa: F401
