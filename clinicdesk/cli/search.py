"""``clinicdesk search``: patients ranked as the window ranks them, with why each matched."""

from __future__ import annotations

import argparse
import json

from clinicdesk.cli.common import Subcommands, Texts, add_clinic_db, clinic
from clinicdesk.core import i18n
from clinicdesk.core.errors import KnownError


def add(sub: Subcommands, t: Texts) -> None:
    """Declare ``clinicdesk search``."""
    search = sub.add_parser("search", help=t.help("search"), description=t.text("search.about"))
    search.add_argument("text", metavar="TEXT", help=t.help("search.text"))
    add_clinic_db(search, t)
    search.add_argument(
        "--limit", type=t.number(), default=20, metavar="N", help=t.help("search.limit")
    )
    search.add_argument("--json", action="store_true", help=t.help("search.json"))
    search.set_defaults(run=run)


def run(args: argparse.Namespace, language: str) -> int:
    """Print the ranked results (or their JSON); a search finding nobody is no error."""
    from clinicdesk.core.db.search import normalise_query, ranked_search
    from clinicdesk.core.db.search_results import as_json, as_text, describe

    if not normalise_query(args.text):
        raise KnownError("search.empty")
    if args.limit < 0:
        raise KnownError("search.bad_limit", value=args.limit)
    with clinic(args.db) as db:
        hits = ranked_search(db, args.text)
        rows = describe(db, args.text, hits[: args.limit or None])
    if args.json:
        print(json.dumps([as_json(r) for r in rows], ensure_ascii=False, indent=2))
    elif not hits:
        print(i18n.message("search.none", language, text=args.text))
    else:
        print(_heading(args.text, len(hits), len(rows), language))
        for number, row in enumerate(rows, start=1):
            print(f"{number:>3}. {as_text(row, language)}")
    return 0


def _heading(text: str, found: int, shown: int, language: str) -> str:
    key = "search.found_one" if found == 1 else "search.found"
    heading = i18n.message(key, language, text=text, count=found)
    if shown < found:
        heading += i18n.message("search.shown", language, shown=shown)
    return heading
