"""Ingestion: load corpus files, clean extracted text, and cut it into section-aware chunks."""
