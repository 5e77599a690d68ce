"""Chat Q&A over Chinese government reports: ingest, retrieve, answer, and serve in chat."""

__version__ = "0.1.0"
