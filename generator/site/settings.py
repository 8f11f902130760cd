"""What the builder's configuration says that the generated pages may need (issue 21)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """The published address of the whole site ("" when the build is not told it: then nothing
    that needs an absolute address, such as a QR code, is made) and this language's quick-exit
    page (mkdocs.yml extra.quick_exit_url)."""

    site_url: str = ""
    exit_url: str = ""
