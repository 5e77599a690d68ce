"""Turn corpus files (.txt .md .docx .pdf) into raw text, whatever their encoding."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import UnreadableDocument

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".docx", ".pdf")
# Tried in order; GB18030 is a superset of GBK and GB2312, so it covers government files saved on Windows.
# Files in the corpus folder that configure the bot rather than being reports.
NOT_DOCUMENTS = frozenset({"glossary.txt"})
ENCODINGS = ("utf-8-sig", "gb18030", "big5", "utf-16")


@dataclass
class RawText:
    text: str
    page_starts: list[int] = field(default_factory=list)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Every loadable file under the corpus folder, sorted so builds are reproducible."""
    return sorted(
        p for p in corpus_dir.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES and p.name not in NOT_DOCUMENTS and not p.name.startswith(".")
    )


def load(path: Path) -> RawText:
    """Read one file; raise UnreadableDocument with the reason when it holds no usable text."""
    readers = {".txt": _read_text, ".md": _read_text, ".docx": _read_docx, ".pdf": _read_pdf}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise UnreadableDocument(f"unsupported file type {path.suffix!r}")
    raw = reader(path)
    if not raw.text.strip():
        raise UnreadableDocument("no text in file (empty, or a scanned PDF without a text layer)")
    return raw


def decode(data: bytes) -> str:
    """Decode bytes in the first encoding that reads them cleanly; refuse binary junk."""
    if not data.strip():
        raise UnreadableDocument("file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise UnreadableDocument("binary data, not text")
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    raise UnreadableDocument("not text in any supported encoding (UTF-8, GB18030/GBK, Big5, UTF-16)")


def _looks_like_text(text: str) -> bool:
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return control <= max(2, len(text) // 200)


def _read_text(path: Path) -> RawText:
    return RawText(decode(path.read_bytes()))


def _read_docx(path: Path) -> RawText:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise UnreadableDocument(f"broken DOCX ({exc.__class__.__name__}: {exc})") from exc
    except Exception as exc:  # zipfile.BadZipFile, lxml errors: a corrupt package in any form
        raise UnreadableDocument(f"broken DOCX ({exc.__class__.__name__}: {exc})") from exc
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append("　".join(cell.text.strip() for cell in row.cells))
    return RawText("\n\n".join(paragraphs))


def _read_pdf(path: Path) -> RawText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError) as exc:
        raise UnreadableDocument(f"corrupt PDF ({exc.__class__.__name__}: {exc})") from exc
    except Exception as exc:  # pypdf raises a zoo of errors on damaged files
        raise UnreadableDocument(f"corrupt PDF ({exc.__class__.__name__}: {exc})") from exc
    text, starts = "", []
    for page in pages:
        starts.append(len(text))
        # A blank line between pages lets the cleaner repair words split across the page break.
        text += page.strip() + "\n\n"
    return RawText(text, starts)
