"""The map feature: where help is, by region, in each language.

- facts.py: what the map shows (regions, towns, national lines), the same for every view;
- svg.py: the static map of regions, made at build time, that pages show first;
- frame.py: the interactive map (Folium), loaded only when the reader asks;
- view.py: the pages and files of the feature.
"""

from generator.features.map.view import core_globals, files, pages

__all__ = ["core_globals", "files", "pages"]
