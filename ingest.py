#!/usr/bin/env python3
"""Build or update the search index: `python ingest.py [--corpus DIR] [--index DIR]`."""

from bot.frontends.ingest_cli import main

if __name__ == "__main__":
    raise SystemExit(main())
