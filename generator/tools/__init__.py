"""Editors' and CI's tools: new, fix, audit, check-pr, fields. They use the data layer only."""
