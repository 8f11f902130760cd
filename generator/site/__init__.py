"""The pages of one language: render, words, templates, post-processing. Knows nothing of MkDocs."""
