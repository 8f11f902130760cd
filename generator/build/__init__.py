"""The one adapter for MkDocs: builds both languages, and its thin hook."""
