"""Command line: `python -m generator validate|build|serve`. Thin by design."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from pathlib import Path

from generator import ROOT
from generator.data.catalogs import CatalogError
from generator.data.cli_help import HelpParser, help_lang
from generator.data.messages import add_lang_argument, env_lang, helptext, tell
from generator.data.problems import InvalidData, format_problems, internal_error, summary
from generator.data.validate import validate

DEFAULT_DATA = ROOT / "data"


def _parser(lang: str = "en") -> argparse.ArgumentParser:
    """The command line; its --help speaks `lang` (words/<lang>/help.yaml)."""
    folder = helptext("metavar.folder")  # said when the parser is built: a broken catalog is reported by main()
    parser = HelpParser(prog="python -m generator", description=helptext("generator"), lang=lang)
    sub = parser.add_subparsers(dest="command", required=True, metavar=helptext("metavar.command"))

    check = sub.add_parser("validate", help=helptext("validate"), description=helptext("validate"))
    check.add_argument("--data", type=Path, default=DEFAULT_DATA, help=helptext("data"), metavar=folder)
    check.add_argument("--format", choices=["text", "github"], default="text", help=helptext("format.github"))
    add_lang_argument(check)

    build = sub.add_parser("build", help=helptext("build"), description=helptext("build"))
    build.add_argument("--data", type=Path, default=DEFAULT_DATA, help=helptext("data"), metavar=folder)
    build.add_argument("--site-dir", type=Path, default=ROOT / "site", help=helptext("build.site-dir"), metavar=folder)
    build.add_argument("--strict", action="store_true", help=helptext("build.strict"))
    build.add_argument("--format", choices=["text", "github"], default="text", help=helptext("format.github"))
    add_lang_argument(build)

    serve = sub.add_parser("serve", help=helptext("serve"), description=helptext("serve"))
    serve.add_argument("--data", type=Path, default=DEFAULT_DATA, help=helptext("data"), metavar=folder)
    serve.add_argument(
        "--dev-addr", default="127.0.0.1:8000", help=helptext("serve.dev-addr"), metavar=helptext("metavar.address")
    )

    from generator.tools import (  # editors' and CI's tools; each registers itself
        audit,
        fields_doc,
        fix,
        from_issue,
        pr_check,
        scaffold,
        template_doc,
    )

    for tool in (scaffold, fix, audit, pr_check, fields_doc, template_doc, from_issue):
        tool.register(sub, DEFAULT_DATA)
    return parser


def _escape_what_cannot_be_printed() -> None:
    """Output that cannot encode a character (PYTHONIOENCODING=ascii:strict, a strict UTF-8
    stream given a file name that is not UTF-8) shows its escape instead of crashing."""
    for stream in (sys.stdout, sys.stderr):
        # Not possible on a stream that is not a text file (a test's capture, a closed stream).
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def main(argv: list[str] | None = None) -> int:
    _escape_what_cannot_be_printed()
    try:
        return _main(argv)
    except CatalogError as exc:  # a translator's typo in words/: where it is, not a bug report
        print(exc, file=sys.stderr)
        return 1
    except Exception as exc:  # a bug, never the data's fault: say where, without a traceback
        print(f"error: {tell('cli.bug', error=internal_error(exc)).render(env_lang())}", file=sys.stderr)
        return 1


def _main(argv: list[str] | None) -> int:
    parser = _parser(help_lang(sys.argv[1:] if argv is None else argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on wrong usage, 0 on --help
        return int(exc.code or 0)

    data_dir: Path = args.data.resolve()
    if not data_dir.is_dir():
        what = "cli.not-a-folder" if data_dir.exists() else "cli.no-folder"
        print(f"error: {tell(what, folder=args.data).render(getattr(args, 'lang', 'en'))}", file=sys.stderr)
        return 2

    if hasattr(args, "run"):  # a tool registered above
        args.data = data_dir
        return args.run(args)

    if args.command == "validate":
        report = validate(data_dir)
        if report.problems:
            print(format_problems(report.problems, args.format, args.lang))
        print(summary(report.problems, report.files, args.lang.split("+")[0]), file=sys.stderr)
        return 0 if report.ok else 1

    from generator.build import site  # imports MkDocs; not needed to validate

    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)

    if args.command == "build":
        lang = args.lang.split("+")[0]
        try:
            site.build(data_dir, args.site_dir.resolve(), strict=args.strict)
        except InvalidData as exc:
            print(format_problems(exc.problems, args.format, args.lang))
            errors = sum(p.is_error for p in exc.problems)
            print(tell("cli.not-built", errors=errors).render(lang), file=sys.stderr)
            return 1
        except site.BuildFailed as exc:
            print(f"error: {exc}", file=sys.stderr)
            print(tell("cli.unchanged", folder=args.site_dir).render(lang), file=sys.stderr)
            return 1
        except Exception as exc:  # a bug: main() says where; the site is as it was all the same
            print(tell("cli.unchanged", folder=args.site_dir).render(lang), file=sys.stderr)
            raise exc
        print(tell("cli.built", folder=args.site_dir).render(lang), file=sys.stderr)
        return 0
    if args.command == "serve":
        return site.serve(data_dir, args.dev_addr)
    return 2
