"""A Telegram Bot API stand-in on 127.0.0.1 for testing python-telegram-bot applications offline.

The stub is a small HTTP server (standard library only, one thread per connection) that speaks enough of
the Bot API for a PTB ``Application`` to start, long-poll, answer and shut down, while the test injects
updates, inspects what the bot sent and injects faults::

    with BotAPIStub() as stub:
        app = stub.application_builder().build()        # or ApplicationBuilder()...base_url(stub.base_url)
        app.add_handler(...)

        async def scenario() -> None:
            async with running(app):                     # initialize, post_init, start_polling, start
                stub.push_message("hello", user_id=42)
                sent = await stub.wait_messages(42, count=1)
                assert sent[0]["text"] == "hello"

        asyncio.run(scenario())

Faithful where bots usually go wrong: ``parse_mode=HTML`` is parsed like Telegram does (tdlib's rules and
error texts: unsupported tags, unescaped ``<``, unclosed tags), text over 4096 characters (counted after
entity parsing), callback data over 64 bytes, editing to identical content ("message is not modified"),
replying to unknown messages, answering a callback query twice, concurrent ``getUpdates`` (409).
MarkdownV2 is not validated. Sent texts are recorded raw in ``params`` and parsed in ``result``.

Waiting: ``wait_for*`` methods block the calling thread (they refuse to run inside an event loop);
``wait_until`` / ``wait_messages`` / ``wait_calls`` / ``wait_quiet`` are their ``async`` twins, which poll
without blocking the loop. Every wait raises ``TimeoutError`` (listing recent calls) when time runs out.

Faults (``fail_next``) apply to the next calls of one method, in order: ``"429"`` (HTTP 429 with
``parameters.retry_after``), ``"500"`` or any other 4xx/5xx code, ``"drop"`` (the connection is closed with
no response) and ``"slow"`` (the call *is* delivered, but the response comes ``delay`` seconds late, so the
client can time out). Faulted calls other than ``"slow"`` are not delivered: they appear in ``attempts()``
but never in ``sent`` / ``calls()`` / ``sent_messages()``.
"""

from __future__ import annotations

import asyncio
import copy
import io
import itertools
import json
import re
import socket
import sys
import threading
import time
import traceback
import warnings
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, TypedDict, TypeVar, Unpack
from urllib.parse import parse_qsl, urlsplit

from telegram.ext import Application, ApplicationBuilder
from telegram.request import HTTPXRequest

JSON = dict[str, Any]
T = TypeVar("T")

DEFAULT_TOKEN = "123456789:TEST-stub-token_ABCdefGHIjklMNOpqrSTUvwxYZ"
DEFAULT_USER_ID = 1001
DEFAULT_GROUP_ID = -100200300
DEFAULT_SUPERGROUP_ID = -1001002003004
MAX_TEXT = 4096  # characters (code points) after entity parsing
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64  # bytes

_GROUP_IDS = {"group": DEFAULT_GROUP_ID, "supergroup": DEFAULT_SUPERGROUP_ID, "channel": -1009998887776}
_CHAT_ACTIONS = frozenset({"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
                           "upload_document", "choose_sticker", "find_location", "record_video_note",
                           "upload_video_note"})
_FAULT_TEXT = {400: "Bad Request: injected failure", 401: "Unauthorized", 403: "Forbidden: bot was blocked by the user",
               404: "Not Found", 409: "Conflict: injected failure", 429: "Too Many Requests: retry after {retry_after}",
               500: "Internal Server Error", 502: "Bad Gateway"}
_NOT_MODIFIED = ("message is not modified: specified new message content and reply markup are exactly the same "
                 "as a current content and reply markup of the message")
_QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
_POLL_CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"


# ---- records ---------------------------------------------------------------------------------------------


class ApiError(Exception):
    """An error reply: ``{"ok": false, "error_code": code, "description": ..., "parameters": ...}``."""

    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters

    def payload(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request (e.g. ``sendDocument``'s ``document``)."""

    field: str
    filename: str
    content: bytes
    content_type: str


@dataclass(frozen=True)
class Call:
    """One request the stub received. ``outcome``: "ok", "fault:<kind>" (injected) or "error:<code>" (rejected)."""

    method: str
    params: JSON
    files: dict[str, UploadedFile]
    outcome: str
    result: Any = None
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


@dataclass(frozen=True)
class Fault:
    kind: str  # "drop", "slow" or an HTTP status code such as "429" / "500"
    retry_after: int = 1
    delay: float = 3.0
    description: str | None = None

    def error(self) -> ApiError:
        code = int(self.kind)
        parameters = {"retry_after": self.retry_after} if code == 429 else None
        text = self.description or _FAULT_TEXT.get(code, HTTPStatus(code).phrase).format(retry_after=self.retry_after)
        return ApiError(code, text, parameters)


class SenderOptions(TypedDict, total=False):
    """Optional details of the user (and group) an injected update comes from."""

    username: str
    first_name: str
    language_code: str
    title: str  # group title


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram entity offsets and lengths."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


# ---- Telegram's HTML parse mode (after tdlib's parse_html) -----------------------------------------------

_SPACE = " \t\r\n\v\f\0"
_TAG_TYPES = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
              "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "tg-spoiler": "spoiler",
              "span": "spoiler", "a": "text_link", "code": "code", "pre": "pre", "blockquote": "blockquote",
              "tg-emoji": "custom_emoji"}
_HTML_ENTITY_RE = re.compile(r"&(?:#x([0-9a-fA-F]*)|#([0-9]*)|([A-Za-z]*))")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def _html_entity(text: str, i: int) -> tuple[str, int] | None:
    """The character an ``&...;`` reference at ``i`` stands for and where it ends; None if '&' is literal."""
    match = _HTML_ENTITY_RE.match(text, i)
    assert match is not None  # the pattern always matches a lone "&"
    hex_digits, digits, name = match.groups()
    if name is not None:
        char = _NAMED_ENTITIES.get(name)
        if char is None:
            return None
    else:
        value = int(hex_digits or "0", 16) if hex_digits is not None else int(digits or "0")
        if value == 0 or value >= 0x10FFFF or match.end() - i >= 10:
            return None
        char = chr(value)
    end = match.end()
    return char, end + 1 if text.startswith(";", end) else end


@dataclass
class _OpenTag:
    name: str
    attrs: dict[str, str]
    offset: int  # UTF-16 offset in the output
    out_index: int  # index into the output pieces, for <a> without href


class _HtmlParser:
    """Plain text and entities from Telegram HTML, or the 400 error Telegram would give."""

    def __init__(self, text: str) -> None:
        self.text, self.utf16 = text, 0
        self.out: list[str] = []
        self.open: list[_OpenTag] = []
        self.entities: list[JSON] = []

    def parse(self) -> tuple[str, list[JSON]]:
        i, text = 0, self.text
        while i < len(text):
            decoded = _html_entity(text, i) if text[i] == "&" else None
            if decoded:
                self._emit(decoded[0])
                i = decoded[1]
            elif text[i] != "<":
                self._emit(text[i])
                i += 1
            else:
                i = self._end_tag(i) if text.startswith("</", i) else self._start_tag(i)
        if self.open:
            raise self._error(f"Can't find end tag corresponding to start tag {self.open[-1].name}")
        for entity in self.entities:
            if entity["type"] == "code":
                entity.pop("language", None)
        return "".join(self.out), sorted(self.entities, key=lambda e: (e["offset"], -e["length"]))

    def _emit(self, char: str) -> None:
        self.out.append(char)
        self.utf16 += 2 if ord(char) > 0xFFFF else 1

    def _error(self, message: str) -> ApiError:
        return bad_request(f"can't parse entities: {message}")

    def _byte(self, i: int) -> int:
        return len(self.text[:i].encode("utf-8", "surrogatepass"))

    def _skip(self, i: int, spaces: bool) -> int:
        """Advance over spaces (or over a name: anything but spaces, '>' and '=')."""
        text = self.text
        while i < len(text) and ((text[i] in _SPACE) if spaces else (text[i] not in _SPACE and text[i] not in ">=")):
            i += 1
        return i

    def _start_tag(self, begin: int) -> int:
        i = begin + 1
        while i < len(self.text) and self.text[i] not in _SPACE and self.text[i] != ">":
            i += 1
        if i >= len(self.text):
            raise self._error(f"Unclosed start tag at byte offset {self._byte(begin)}")
        name = self.text[begin + 1:i].lower()
        if name not in _TAG_TYPES:
            raise self._error(f'Unsupported start tag "{name}" at byte offset {self._byte(begin)}')
        attrs, i = self._attributes(name, begin, i)
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise self._error(f'Tag "span" must have class "tg-spoiler" at byte offset {self._byte(begin)}')
        self.open.append(_OpenTag(name, attrs, self.utf16, len(self.out)))
        return i + 1

    def _attributes(self, tag: str, begin: int, i: int) -> tuple[dict[str, str], int]:
        attrs: dict[str, str] = {}
        while True:
            i = self._skip(i, spaces=True)
            if i >= len(self.text):
                raise self._error(f"Unclosed start tag at byte offset {self._byte(begin)}")
            if self.text[i] == ">":
                return attrs, i
            start, i = i, self._skip(i, spaces=False)
            name = self.text[start:i]
            if not name:
                raise self._error(f'Empty attribute name in the tag "{tag}" at byte offset {self._byte(begin)}')
            i = self._skip(i, spaces=True)
            if i < len(self.text) and self.text[i] != "=" and tag == "blockquote" and name == "expandable":
                attrs[name] = ""
                continue
            if i >= len(self.text) or self.text[i] != "=":
                raise self._error(f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                                  f"at byte offset {self._byte(begin)}")
            attrs[name], i = self._attribute_value(tag, begin, self._skip(i + 1, spaces=True))

    def _attribute_value(self, tag: str, begin: int, i: int) -> tuple[str, int]:
        text = self.text
        if i >= len(text):
            raise self._error(f'Unclosed start tag "{tag}" at byte offset {self._byte(begin)}')
        if text[i] not in "'\"":
            match = re.compile(r"[A-Za-z0-9.-]*").match(text, i)
            assert match is not None
            end = match.end()
            if end < len(text) and text[end] not in _SPACE and text[end] != ">":
                raise self._error(f"Unexpected end of name token at byte offset {self._byte(i)}")
            return match.group().lower(), end
        quote, value, i = text[i], [], i + 1
        while i < len(text) and text[i] != quote:
            decoded = _html_entity(text, i) if text[i] == "&" else None
            value.append(decoded[0] if decoded else text[i])
            i = decoded[1] if decoded else i + 1
        if i + 1 >= len(text):
            raise self._error(f"Unclosed start tag at byte offset {self._byte(begin)}")
        return "".join(value), i + 1

    def _end_tag(self, begin: int) -> int:
        if not self.open:
            raise self._error(f"Unexpected end tag at byte offset {self._byte(begin)}")
        i = begin + 2
        while i < len(self.text) and self.text[i] not in _SPACE and self.text[i] != ">":
            i += 1
        end_name, i = self.text[begin + 2:i], self._skip(i, spaces=True)
        if i >= len(self.text) or self.text[i] != ">":
            raise self._error(f"Unclosed end tag at byte offset {self._byte(begin)}")
        tag = self.open.pop()
        if end_name and end_name != tag.name:
            raise self._error(f'Unmatched end tag at byte offset {self._byte(begin)}, expected "</{tag.name}>", '
                              f'found "</{end_name}>"')
        if self.utf16 > tag.offset:
            self._close(tag)
        return i + 1

    def _close(self, tag: _OpenTag) -> None:
        entity: JSON = {"type": _TAG_TYPES[tag.name], "offset": tag.offset, "length": self.utf16 - tag.offset}
        last = self.entities[-1] if self.entities else None
        same_span = last is not None and (last["offset"], last["length"]) == (entity["offset"], entity["length"])
        if tag.name == "pre" and same_span and last is not None and last["type"] == "code" and last.get("language"):
            last["type"] = "pre"  # <pre><code class="language-x">: one pre entity with a language
            return
        if tag.name == "a":
            entity["url"] = tag.attrs.get("href") or "".join(self.out[tag.out_index:])
        elif tag.name == "code" and tag.attrs.get("class", "").startswith("language-"):
            entity["language"] = tag.attrs["class"][len("language-"):]
        elif tag.name == "blockquote" and "expandable" in tag.attrs:
            entity["type"] = "expandable_blockquote"
        elif tag.name == "tg-emoji":
            entity["custom_emoji_id"] = tag.attrs.get("emoji-id", "")
        self.entities.append(entity)


def parse_html(text: str) -> tuple[str, list[JSON]]:
    """Telegram's HTML parse mode: (plain text, entities), or raise the ``ApiError`` Telegram would return."""
    return _HtmlParser(text).parse()


def format_text(text: str, parse_mode: str | None, entities: Any = None) -> tuple[str, list[JSON] | None]:
    """The text and entities Telegram would store for a message sent with these parameters."""
    if entities:
        return text, list(entities)
    mode = (parse_mode or "").lower()
    if mode == "html":
        return parse_html(text)
    if mode in ("", "markdown", "markdownv2"):
        return text, None  # Markdown is passed through unvalidated
    raise bad_request("unsupported parse_mode")


_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")
_MENTION_RE = re.compile(r"(?<![A-Za-z0-9_@])@[A-Za-z0-9_]{3,32}(?![A-Za-z0-9_])")


def auto_entities(text: str) -> list[JSON]:
    """The entities Telegram adds to a user's text: a leading ``bot_command`` and ``@mention``s."""
    entities: list[JSON] = []
    command = _COMMAND_RE.match(text)
    if command:
        entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(command.group())})
    for mention in _MENTION_RE.finditer(text):
        if command is None or mention.start() >= command.end():
            entities.append({"type": "mention", "offset": utf16_len(text[:mention.start()]),
                             "length": utf16_len(mention.group())})
    return entities


# ---- requests --------------------------------------------------------------------------------------------

_PATH_RE = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[A-Za-z][A-Za-z0-9_]*)/?$")
_STRING_FIELDS = frozenset({"text", "caption", "callback_query_id", "data", "parse_mode", "action", "url",
                            "inline_message_id", "secret_token", "language_code", "query", "description",
                            "short_description", "name", "title", "emoji", "photo", "document", "video", "audio",
                            "voice", "animation", "sticker", "business_connection_id", "message_effect_id"})


def _decode_field(name: str, value: Any) -> Any:
    """Form values arrive as text; non-string parameters (numbers, booleans, JSON objects) are JSON text."""
    if not isinstance(value, str) or name in _STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _read_body(handler: BaseHTTPRequestHandler) -> bytes:
    if "chunked" in handler.headers.get("Transfer-Encoding", "").lower():
        return _read_chunked(handler.rfile)
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length else b""


def _read_chunked(rfile: io.BufferedIOBase) -> bytes:
    chunks = []
    while size := int(rfile.readline().split(b";")[0].strip() or b"0", 16):
        chunks.append(rfile.read(size))
        rfile.readline()
    while rfile.readline() not in (b"\r\n", b"\n", b""):
        pass  # trailers
    return b"".join(chunks)


def _unquote_form_param(value: str) -> str:
    """Undo httpx's HTML5 form-parameter escaping of names and filenames."""
    value = re.sub(r"%(22|[01][0-9A-Fa-f])", lambda m: chr(int(m.group(1), 16)), value)
    return value.replace("\\\\", "\\")


def _parse_multipart(body: bytes, content_type: str) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    boundary = re.search(r'boundary="?([^";]+)"?', content_type)
    if boundary is None:
        raise ValueError("multipart request without a boundary")
    fields: dict[str, str] = {}
    files: dict[str, UploadedFile] = {}
    for part in body.split(b"--" + boundary.group(1).encode())[1:]:
        if part.startswith(b"--"):
            break
        head, _, content = part.partition(b"\r\n\r\n")
        content = content[:-2] if content.endswith(b"\r\n") else content
        headers = dict((k.strip().lower(), v.strip()) for k, _, v in
                       (line.partition(":") for line in head.decode("utf-8", "replace").split("\r\n") if ":" in line))
        disposition = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', headers.get("content-disposition", "")))
        name = _unquote_form_param(disposition.get("name", ""))
        if "filename" in disposition:
            files[name] = UploadedFile(name, _unquote_form_param(disposition["filename"]), content,
                                       headers.get("content-type", "application/octet-stream"))
        else:
            fields[name] = content.decode("utf-8")
    return fields, files


def _parse_params(handler: BaseHTTPRequestHandler, body: bytes) -> tuple[JSON, dict[str, UploadedFile]]:
    content_type = handler.headers.get("Content-Type", "")
    raw: JSON = dict(parse_qsl(urlsplit(handler.path).query, keep_blank_values=True))
    files: dict[str, UploadedFile] = {}
    if content_type.startswith("multipart/form-data"):
        fields, files = _parse_multipart(body, content_type)
        raw.update(fields)
    elif content_type.startswith("application/json"):
        raw.update(json.loads(body or b"{}"))
    elif body:
        raw.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    params = {name: _decode_field(name, value) for name, value in raw.items()}
    attached = {value[len("attach://"):] for value in params.values()
                if isinstance(value, str) and value.startswith("attach://")}
    for name, value in params.items():
        if isinstance(value, str) and value.startswith("attach://"):
            params[name] = files.get(value[len("attach://"):], value)
    params.update({name: upload for name, upload in files.items() if name not in attached})
    return params, files


# ---- HTTP server -----------------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like api.telegram.org
    server: _Server

    def do_POST(self) -> None:  # noqa: N802 (http.server naming)
        self.server.stub._serve(self)

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def send_json(self, status: int, payload: JSON) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    """Tracks each connection's thread and socket, so stop() can close them all and join the threads."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # load tests open many connections at once

    def __init__(self, address: tuple[str, int], stub: BotAPIStub) -> None:
        super().__init__(address, _Handler)
        self.stub = stub
        self._conn_lock = threading.Lock()
        self._connections: dict[threading.Thread, socket.socket] = {}

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(target=self._run_connection, args=(request, client_address),
                                  name="botapi-stub-conn", daemon=True)
        with self._conn_lock:
            self._connections[thread] = request
        thread.start()

    def _run_connection(self, request: Any, client_address: Any) -> None:
        try:
            self.process_request_thread(request, client_address)
        finally:
            with self._conn_lock:
                self._connections.pop(threading.current_thread(), None)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], OSError):  # a client hanging up is not an error
            super().handle_error(request, client_address)

    def close_connections(self, timeout: float) -> list[threading.Thread]:
        """Shut every open connection down and join its thread; return the threads still alive."""
        with self._conn_lock:
            connections = list(self._connections.items())
        for _, sock in connections:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        deadline = time.monotonic() + timeout
        for thread, _ in connections:
            thread.join(max(0.0, deadline - time.monotonic()))
        return [thread for thread, _ in connections if thread.is_alive()]


def _refuse_in_event_loop(name: str) -> None:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return
    raise RuntimeError(f"{name}() would block the running event loop; await its async twin instead")


def _update_type(update: JSON) -> str:
    return next(key for key in update if key != "update_id")


def _without_reply(message: JSON) -> JSON:
    copied = copy.deepcopy(message)
    copied.pop("reply_to_message", None)
    return copied


def _chat_id_for(user_id: int, chat_id: int | None, chat_type: str) -> int:
    if chat_type == "private":
        return user_id if chat_id is None else chat_id
    if chat_type not in _GROUP_IDS:
        raise ValueError(f"unknown chat_type {chat_type!r}")
    chat_id = _GROUP_IDS[chat_type] if chat_id is None else chat_id
    if chat_id >= 0:
        raise ValueError(f"{chat_type} chat ids are negative, got {chat_id}")
    return chat_id


def _default_chat(chat_id: int) -> JSON:
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}
    kind = "supergroup" if str(chat_id).startswith("-100") else "group"
    return {"id": chat_id, "type": kind, "title": "Test group"}


def _checked_markup(markup: Any) -> JSON | None:
    if not markup:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA:
                raise bad_request("BUTTON_DATA_INVALID")
    return markup


def _checked_text(params: JSON) -> tuple[str, list[JSON] | None]:
    raw = params.get("text")
    text, entities = format_text("" if raw is None else str(raw), params.get("parse_mode"), params.get("entities"))
    if not text.strip():
        raise bad_request("message text is empty")
    if len(text) > MAX_TEXT:
        raise bad_request("message is too long")
    return text, entities


def _caption_content(params: JSON) -> JSON:
    if not params.get("caption"):
        return {}
    caption, entities = format_text(str(params["caption"]), params.get("parse_mode"), params.get("caption_entities"))
    if len(caption) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return {"caption": caption, **({"caption_entities": entities} if entities else {})}


# ---- the stub --------------------------------------------------------------------------------------------


class BotAPIStub:
    """The Bot API stand-in. Thread-safe; use as a (async) context manager or ``start()`` / ``stop()``."""

    _METHODS = {"getme": "_get_me", "getupdates": "_get_updates", "deletewebhook": "_delete_webhook",
                "setwebhook": "_set_webhook", "getwebhookinfo": "_get_webhook_info", "sendmessage": "_send_message",
                "editmessagetext": "_edit_message_text", "editmessagereplymarkup": "_edit_message_reply_markup",
                "deletemessage": "_delete_message", "answercallbackquery": "_answer_callback_query",
                "setmycommands": "_set_my_commands", "deletemycommands": "_delete_my_commands",
                "getmycommands": "_get_my_commands", "sendchataction": "_send_chat_action",
                "senddocument": "_send_document", "close": "_true", "logout": "_true"}

    def __init__(self, token: str = DEFAULT_TOKEN, *, username: str = "stub_qa_bot",
                 first_name: str = "Stub QA Bot", host: str = "127.0.0.1", port: int = 0) -> None:
        bot_id = token.split(":", 1)[0]
        self.token, self.host, self._port = token, host, port
        self.bot_user: JSON = {"id": int(bot_id) if bot_id.isdigit() else 123456789, "is_bot": True,
                               "first_name": first_name, "username": username}
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._closing = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._update_ids = itertools.count(100_001)  # never reset: PTB's polling offset only grows
        self._message_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._poll_generation = 0  # bumped by each getUpdates: an older long poll then ends with 409
        self._polls_waiting = 0
        self.reset()

    def reset(self) -> None:
        """Forget all recorded calls, messages, queued updates, faults, commands and the webhook."""
        with self._cond:
            self._updates: list[JSON] = []
            self._pushed: dict[int, JSON] = {}
            self._attempts: list[Call] = []
            self._polls: deque[Call] = deque(maxlen=1000)
            self._messages: dict[int, JSON] = {}
            self._chats: dict[int, JSON] = {}
            self._users: dict[int, JSON] = {}
            self._faults: dict[str, deque[Fault]] = {}
            self._callbacks: dict[str, bool] = {}  # callback query id -> answered
            self._commands: dict[tuple[str, str], list[JSON]] = {}
            self._webhook = ""
            self._last_activity = time.monotonic()

    # ---- lifecycle -------------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url(...)``: PTB appends the token."""
        return f"http://{self.host}:{self._port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self.host}:{self._port}/file/bot"

    def start(self) -> BotAPIStub:
        if self._server is not None:
            raise RuntimeError("the stub is already running")
        self._closing.clear()
        self._server = _Server((self.host, self._port), self)
        self._port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="botapi-stub", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Wake long polls, close every connection and join all server threads."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self._closing.set()
        with self._cond:
            self._cond.notify_all()
        server.shutdown()
        leftovers = server.close_connections(timeout)
        server.server_close()
        thread.join(timeout)
        self._server = self._thread = None
        if leftovers or thread.is_alive():
            warnings.warn(f"BotAPIStub.stop(): {len(leftovers)} connection thread(s) still alive", RuntimeWarning,
                          stacklevel=2)

    def __enter__(self) -> BotAPIStub:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    async def __aenter__(self) -> BotAPIStub:
        return self.start()

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await asyncio.to_thread(self.stop)

    def __repr__(self) -> str:
        return f"<BotAPIStub {self.base_url} calls={len(self._attempts)} queued={len(self._updates)}>"

    def application_builder(self, *, timeout: float = 3.0) -> ApplicationBuilder:
        """An ``ApplicationBuilder`` pointed at this stub, with loopback-safe requests (see ``make_request``)."""
        return (ApplicationBuilder().token(self.token).base_url(self.base_url).base_file_url(self.base_file_url)
                .request(make_request(timeout=timeout)).get_updates_request(make_request(timeout=timeout, pool_size=2)))

    # ---- serving ---------------------------------------------------------------------------------------

    def _serve(self, handler: _Handler) -> None:
        body = _read_body(handler)
        match = _PATH_RE.match(urlsplit(handler.path).path)
        if match is None or match["token"] != self.token:
            handler.send_json(404, ApiError(404, "Not Found").payload())
            return
        try:
            params, files = _parse_params(handler, body)
        except (ValueError, UnicodeDecodeError) as exc:
            handler.send_json(400, bad_request(f"can't parse request: {exc}").payload())
            return
        status, payload = self._execute(match["method"], params, files)
        if payload is None:
            handler.close_connection = True  # "drop": hang up without a response
            return
        handler.send_json(status, payload)

    def _execute(self, method: str, params: JSON, files: dict[str, UploadedFile]) -> tuple[int, JSON | None]:
        fault = self._take_fault(method)
        if fault is not None and fault.kind != "slow":
            self._record(Call(method, params, files, f"fault:{fault.kind}"))
            return (0, None) if fault.kind == "drop" else (int(fault.kind), fault.error().payload())
        if fault is not None:
            self._closing.wait(fault.delay)
        with self._cond:  # handled and recorded atomically: `sent` order is message_id order
            call, error = self._run(method, params, files)
            self._record(call)
        if error is not None:
            return error.code, error.payload()
        return 200, {"ok": True, "result": call.result}

    def _run(self, method: str, params: JSON, files: dict[str, UploadedFile]) -> tuple[Call, ApiError | None]:
        try:
            result = self._dispatch(method, params)
        except ApiError as exc:
            return Call(method, params, files, f"error:{exc.code}", exc.description), exc
        except Exception as exc:  # a bug in the stub itself: make it loud
            traceback.print_exc()
            error = ApiError(500, f"Internal Server Error: the stub failed: {exc!r}")
            return Call(method, params, files, "error:500", error.description), error
        return Call(method, params, files, "ok", result), None

    def _dispatch(self, method: str, params: JSON) -> Any:
        name = self._METHODS.get(method.lower())
        if name is not None:
            return getattr(self, name)(params)
        if method.lower().startswith("send"):
            return self._new_bot_message(self._chat_for(params.get("chat_id")), _caption_content(params), params)
        return True  # unknown methods succeed and are recorded

    def _record(self, call: Call) -> None:
        with self._cond:
            if call.method.lower() == "getupdates":
                self._polls.append(call)
            else:
                self._attempts.append(call)
                self._last_activity = call.at
            self._cond.notify_all()

    # ---- faults ----------------------------------------------------------------------------------------

    def fail_next(self, method: str, kind: str | int = "500", count: int = 1, *, retry_after: int = 1,
                  delay: float = 3.0, description: str | None = None) -> None:
        """Make the next ``count`` calls of ``method`` fail: "429", "500" (any 4xx/5xx), "drop" or "slow"."""
        kind = str(kind)
        if kind not in ("drop", "slow") and not (kind.isdigit() and 400 <= int(kind) <= 599):
            raise ValueError(f"unknown fault kind {kind!r}")
        with self._cond:
            queue = self._faults.setdefault(method.lower(), deque())
            queue.extend(Fault(kind, retry_after, delay, description) for _ in range(count))

    def pending_faults(self, method: str) -> int:
        with self._cond:
            return len(self._faults.get(method.lower(), ()))

    def clear_faults(self) -> None:
        with self._cond:
            self._faults.clear()

    def _take_fault(self, method: str) -> Fault | None:
        with self._cond:
            queue = self._faults.get(method.lower())
            return queue.popleft() if queue else None

    # ---- what the bot did ------------------------------------------------------------------------------

    @property
    def sent(self) -> list[Call]:
        """Every delivered call (``getUpdates`` excluded), oldest first; a snapshot."""
        return self.calls()

    def calls(self, method: str | None = None) -> list[Call]:
        """Delivered calls, optionally of one method (case-insensitive)."""
        return [call for call in self.attempts(method) if call.ok]

    def attempts(self, method: str | None = None) -> list[Call]:
        """Every call received, including injected faults and rejected ones (``getUpdates``: the last 1000)."""
        with self._cond:
            if method is not None and method.lower() == "getupdates":
                return list(self._polls)
            return [call for call in self._attempts if method is None or call.method.lower() == method.lower()]

    def rejected(self, method: str | None = None) -> list[Call]:
        """Calls the stub refused as Telegram would (bad HTML, too long, ...), not injected faults."""
        return [call for call in self.attempts(method) if call.outcome.startswith("error:")]

    def sent_messages(self, chat_id: int | str | None = None) -> list[JSON]:
        """The parameters of each delivered ``sendMessage`` (JSON fields decoded), optionally to one chat."""
        return [call.params for call in self.calls("sendMessage")
                if chat_id is None or str(call.params.get("chat_id")) == str(chat_id)]

    def sent_texts(self, chat_id: int | str | None = None) -> list[str]:
        """The text of each delivered ``sendMessage`` as the user sees it (HTML parsed)."""
        return [call.result["text"] for call in self.calls("sendMessage")
                if chat_id is None or str(call.params.get("chat_id")) == str(chat_id)]

    def bot_messages(self, chat_id: int | None = None) -> list[JSON]:
        """The bot's messages as they are now (after edits and deletions), oldest first."""
        with self._cond:
            return [copy.deepcopy(m) for m in self._messages.values()
                    if m["from"]["id"] == self.bot_user["id"] and (chat_id is None or m["chat"]["id"] == chat_id)]

    def last_bot_message(self, chat_id: int) -> JSON | None:
        messages = self.bot_messages(chat_id)
        return messages[-1] if messages else None

    def pending_updates(self) -> list[JSON]:
        """Updates not yet confirmed by a ``getUpdates`` offset."""
        with self._cond:
            return copy.deepcopy(self._updates)

    def update(self, update_id: int) -> JSON:
        """A pushed update, as it was sent."""
        with self._cond:
            return copy.deepcopy(self._pushed[update_id])

    def commands(self, language_code: str = "", scope: JSON | None = None) -> list[JSON]:
        """The command menu set with ``setMyCommands`` for this scope and language."""
        with self._cond:
            return copy.deepcopy(self._commands.get(self._commands_key(scope, language_code), []))

    @property
    def webhook_url(self) -> str:
        return self._webhook

    @property
    def polls_waiting(self) -> int:
        """How many ``getUpdates`` calls are in progress (a polling bot has one almost all the time)."""
        with self._cond:
            return self._polls_waiting

    def describe(self, last: int = 15) -> str:
        """Recent calls, one a line, for failure messages."""
        lines = [f"  {c.method} {c.outcome} chat={c.params.get('chat_id')} text={str(c.params.get('text', ''))[:60]!r}"
                 for c in self.attempts()[-last:]]
        return "\n".join(lines) or "  (no calls)"

    # ---- waiting ---------------------------------------------------------------------------------------

    def wait_for(self, predicate: Callable[[], T | None], timeout: float = 10.0, what: str = "condition") -> T:
        """Block until ``predicate()`` (evaluated under the stub's lock) is truthy; return its value."""
        _refuse_in_event_loop("wait_for")
        deadline = time.monotonic() + timeout
        with self._cond:
            while not (value := predicate()):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"timed out after {timeout}s waiting for {what}; recent calls:\n{self.describe()}")
                self._cond.wait(min(remaining, 0.1))
            return value

    def wait_for_messages(self, chat_id: int | None = None, count: int = 1, timeout: float = 10.0) -> list[JSON]:
        """Block until at least ``count`` messages were delivered (to ``chat_id``); return them all."""
        return self.wait_for(self._messages_predicate(chat_id, count), timeout, f"{count} message(s) to {chat_id}")

    def wait_for_calls(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        return self.wait_for(self._calls_predicate(method, count), timeout, f"{count} {method} call(s)")

    def wait_for_quiet(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Block until no update is queued and nothing was pushed or called for ``quiet`` seconds."""
        self.wait_for(self._quiet_predicate(quiet), timeout, f"{quiet}s of quiet")

    async def wait_until(self, predicate: Callable[[], T | None], timeout: float = 10.0, what: str = "condition") -> T:
        """Async ``wait_for``: polls every 10 ms without blocking the event loop."""
        deadline = time.monotonic() + timeout
        while True:
            with self._cond:
                value = predicate()
            if value:
                return value
            if time.monotonic() >= deadline:
                raise TimeoutError(f"timed out after {timeout}s waiting for {what}; recent calls:\n{self.describe()}")
            await asyncio.sleep(0.01)

    async def wait_messages(self, chat_id: int | None = None, count: int = 1, timeout: float = 10.0) -> list[JSON]:
        return await self.wait_until(self._messages_predicate(chat_id, count), timeout,
                                     f"{count} message(s) to {chat_id}")

    async def wait_calls(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        return await self.wait_until(self._calls_predicate(method, count), timeout, f"{count} {method} call(s)")

    async def wait_quiet(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        await self.wait_until(self._quiet_predicate(quiet), timeout, f"{quiet}s of quiet")

    def _messages_predicate(self, chat_id: int | None, count: int) -> Callable[[], list[JSON] | None]:
        def enough() -> list[JSON] | None:
            messages = self.sent_messages(chat_id)
            return messages if len(messages) >= count else None
        return enough

    def _calls_predicate(self, method: str, count: int) -> Callable[[], list[Call] | None]:
        def enough() -> list[Call] | None:
            calls = self.calls(method)
            return calls if len(calls) >= count else None
        return enough

    def _quiet_predicate(self, quiet: float) -> Callable[[], bool]:
        return lambda: not self._updates and time.monotonic() - self._last_activity >= quiet

    # ---- injecting updates -----------------------------------------------------------------------------

    def push_update(self, payload: JSON) -> int:
        """Queue a raw update (e.g. ``{"message": {...}}``); an ``update_id`` is added. Returns it."""
        with self._cond:
            update = {"update_id": payload.get("update_id") or next(self._update_ids),
                      **copy.deepcopy({k: v for k, v in payload.items() if k != "update_id"})}
            self._updates.append(update)
            self._pushed[update["update_id"]] = update
            self._last_activity = time.monotonic()
            self._cond.notify_all()
            return update["update_id"]

    def push_message(self, text: str, user_id: int = DEFAULT_USER_ID, chat_id: int | None = None,
                     chat_type: str = "private", *, reply_to_bot: bool = False, reply_to: int | JSON | None = None,
                     entities: list[JSON] | None = None, **sender: Unpack[SenderOptions]) -> int:
        """A text message from a user. Commands and @mentions get their entities unless ``entities`` is given;
        ``reply_to_bot`` makes it a reply to the bot's last message in the chat; groups have negative ids."""
        with self._cond:
            replied = self._reply_for(_chat_id_for(user_id, chat_id, chat_type), reply_to_bot, reply_to)
            message = self._user_message(user_id, chat_id, chat_type, sender)
            message["text"] = text
            entities = auto_entities(text) if entities is None else entities
            if entities:
                message["entities"] = entities
            if replied is not None:
                message["reply_to_message"] = replied
            return self.push_update({"message": message})

    def push_many(self, messages: Iterable[tuple[str, int]], chat_id: int | None = None,
                  chat_type: str = "private", **sender: Unpack[SenderOptions]) -> list[int]:
        """Queue many ``(text, user_id)`` messages at once (one ``getUpdates`` batch), e.g. for load tests."""
        with self._cond:
            return [self.push_message(text, user_id, chat_id, chat_type, **sender) for text, user_id in messages]

    def push_edited_message(self, text: str, user_id: int = DEFAULT_USER_ID, message_id: int | None = None,
                            chat_id: int | None = None, chat_type: str = "private", *,
                            entities: list[JSON] | None = None) -> int:
        """An ``edited_message`` of the user's message ``message_id`` (default: their last one in the chat)."""
        with self._cond:
            original = self._user_last_message(user_id, _chat_id_for(user_id, chat_id, chat_type), message_id)
            edited = {**copy.deepcopy(original), "text": text, "edit_date": int(time.time())}
            edited.pop("entities", None)
            entities = auto_entities(text) if entities is None else entities
            if entities:
                edited["entities"] = entities
            self._messages[edited["message_id"]] = edited
            return self.push_update({"edited_message": edited})

    def push_sticker(self, user_id: int = DEFAULT_USER_ID, chat_id: int | None = None, chat_type: str = "private",
                     *, emoji: str = "👍", **sender: Unpack[SenderOptions]) -> int:
        with self._cond:
            message = self._user_message(user_id, chat_id, chat_type, sender)
            file_id = next(self._file_ids)
            message["sticker"] = {"file_id": f"sticker-{file_id}", "file_unique_id": f"us{file_id}", "type": "regular",
                                  "width": 512, "height": 512, "is_animated": False, "is_video": False, "emoji": emoji}
            return self.push_update({"message": message})

    def push_photo(self, user_id: int = DEFAULT_USER_ID, chat_id: int | None = None, chat_type: str = "private",
                   *, caption: str | None = None, **sender: Unpack[SenderOptions]) -> int:
        with self._cond:
            message = self._user_message(user_id, chat_id, chat_type, sender)
            file_id = next(self._file_ids)
            message["photo"] = [{"file_id": f"photo-{file_id}-{side}", "file_unique_id": f"up{file_id}{side}",
                                 "width": side, "height": side, "file_size": side * 40} for side in (90, 800)]
            if caption:
                message["caption"] = caption
            return self.push_update({"message": message})

    def push_callback(self, data: str, user_id: int = DEFAULT_USER_ID, message: int | JSON | None = None, *,
                      chat_id: int | None = None, **sender: Unpack[SenderOptions]) -> int:
        """A button press on ``message`` (a message id, a Message dict, or by default the bot's last message
        in ``chat_id``, which defaults to the user's private chat). Its query id is ``str(update_id)``."""
        with self._cond:
            user = self._user(user_id, sender)
            target = self._callback_message(message, user_id if chat_id is None else chat_id)
            update_id = next(self._update_ids)
            self._callbacks[str(update_id)] = False
            query = {"id": str(update_id), "from": user, "message": target,
                     "chat_instance": f"ci{abs(target['chat']['id'])}", "data": data}
            return self.push_update({"update_id": update_id, "callback_query": query})

    def _user(self, user_id: int, sender: SenderOptions) -> JSON:
        user: JSON = {"id": user_id, "is_bot": False, "first_name": sender.get("first_name") or f"User{user_id}",
                      "username": sender.get("username") or f"user{user_id}"}
        if sender.get("language_code"):
            user["language_code"] = sender["language_code"]
        self._users[user_id] = user
        return user

    def _user_message(self, user_id: int, chat_id: int | None, chat_type: str, sender: SenderOptions) -> JSON:
        user = self._user(user_id, sender)
        chat_id = _chat_id_for(user_id, chat_id, chat_type)
        chat: JSON = ({"id": chat_id, "type": "private", "first_name": user["first_name"], "username": user["username"]}
                      if chat_type == "private" else
                      {"id": chat_id, "type": chat_type, "title": sender.get("title") or "Test group"})
        self._chats[chat_id] = chat
        message: JSON = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": dict(chat),
                         "from": dict(user)}
        self._messages[message["message_id"]] = message
        return message

    def _reply_for(self, chat_id: int, reply_to_bot: bool, reply_to: int | JSON | None) -> JSON | None:
        if isinstance(reply_to, dict):
            return _without_reply(reply_to)
        if reply_to is not None:
            return _without_reply(self._messages[reply_to])
        if not reply_to_bot:
            return None
        target = self._last_bot_message(chat_id) or self._new_bot_message(
            self._chats.get(chat_id) or _default_chat(chat_id), {"text": "(an earlier answer)"}, {})
        return _without_reply(target)

    def _callback_message(self, message: int | JSON | None, chat_id: int) -> JSON:
        if isinstance(message, dict):
            return copy.deepcopy(message)
        if message is not None:
            if message not in self._messages:
                raise ValueError(f"no message {message} in the stub")
            return _without_reply(self._messages[message])
        target = self._last_bot_message(chat_id)
        if target is None:
            raise ValueError(f"the bot sent nothing to chat {chat_id} to press a button on; pass message=")
        return _without_reply(target)

    def _user_last_message(self, user_id: int, chat_id: int, message_id: int | None) -> JSON:
        if message_id is not None:
            return self._messages[message_id]
        for message in reversed(self._messages.values()):
            if message["from"]["id"] == user_id and message["chat"]["id"] == chat_id:
                return message
        raise ValueError(f"user {user_id} has no message in chat {chat_id} to edit")

    def _last_bot_message(self, chat_id: int) -> JSON | None:
        for message in reversed(self._messages.values()):
            if message["from"]["id"] == self.bot_user["id"] and message["chat"]["id"] == chat_id:
                return message
        return None

    # ---- Bot API methods (called with the lock held) ---------------------------------------------------

    def _true(self, params: JSON) -> bool:
        return True

    def _get_me(self, params: JSON) -> JSON:
        return {**self.bot_user, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False, "can_connect_to_business": False, "has_main_web_app": False}

    def _get_updates(self, params: JSON) -> list[JSON]:
        if self._webhook:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                "use deleteWebhook to delete the webhook first")
        self._poll_generation += 1
        generation = self._poll_generation
        self._cond.notify_all()  # an older long poll is terminated with 409, as Telegram does
        self._confirm(int(params.get("offset") or 0))
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        self._polls_waiting += 1
        try:
            while True:
                ready = self._ready_updates(params.get("allowed_updates"), int(params.get("limit") or 100))
                remaining = deadline - time.monotonic()
                if ready or remaining <= 0 or self._closing.is_set():
                    return ready
                self._cond.wait(remaining)
                if self._poll_generation != generation:
                    raise ApiError(409, _POLL_CONFLICT)
        finally:
            self._polls_waiting -= 1

    def _confirm(self, offset: int) -> None:
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]

    def _ready_updates(self, allowed: list[str] | None, limit: int) -> list[JSON]:
        if allowed:
            self._updates = [u for u in self._updates if _update_type(u) in allowed]
        return copy.deepcopy(self._updates[:limit])

    def _delete_webhook(self, params: JSON) -> bool:
        self._webhook = ""
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _set_webhook(self, params: JSON) -> bool:
        self._webhook = str(params.get("url") or "")
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _get_webhook_info(self, params: JSON) -> JSON:
        return {"url": self._webhook, "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    def _chat_for(self, chat_id: Any) -> JSON:
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        if not isinstance(chat_id, int):
            raise bad_request("chat not found")
        return self._chats.get(chat_id) or _default_chat(chat_id)

    def _new_bot_message(self, chat: JSON, content: JSON, params: JSON) -> JSON:
        markup = _checked_markup(params.get("reply_markup"))
        message: JSON = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": dict(chat),
                         "from": dict(self.bot_user), **content}
        reply = self._reply_target(chat["id"], params)
        if reply is not None:
            message["reply_to_message"] = reply
        if markup and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        self._messages[message["message_id"]] = message
        return copy.deepcopy(message)

    def _reply_target(self, chat_id: int, params: JSON) -> JSON | None:
        reply = params.get("reply_parameters")
        reply = reply if isinstance(reply, dict) else {}
        message_id = reply.get("message_id", params.get("reply_to_message_id"))
        if message_id is None:
            return None
        target = self._messages.get(int(message_id))
        if target is not None and target["chat"]["id"] == reply.get("chat_id", chat_id):
            return _without_reply(target)
        if reply.get("allow_sending_without_reply", params.get("allow_sending_without_reply")):
            return None
        raise bad_request("message to be replied not found")

    def _send_message(self, params: JSON) -> JSON:
        chat = self._chat_for(params.get("chat_id"))
        text, entities = _checked_text(params)
        return self._new_bot_message(chat, {"text": text, **({"entities": entities} if entities else {})}, params)

    def _send_document(self, params: JSON) -> JSON:
        chat = self._chat_for(params.get("chat_id"))
        document = params.get("document")
        if document is None:
            raise bad_request("there is no document in the request")
        if isinstance(document, UploadedFile) and not document.content:
            raise bad_request("file must be non-empty")
        return self._new_bot_message(chat, {"document": self._document(document), **_caption_content(params)}, params)

    def _document(self, document: UploadedFile | Any) -> JSON:
        number = next(self._file_ids)
        if not isinstance(document, UploadedFile):
            return {"file_id": str(document), "file_unique_id": f"ud{number}"}
        return {"file_id": f"document-{number}", "file_unique_id": f"ud{number}", "file_name": document.filename,
                "mime_type": document.content_type, "file_size": len(document.content)}

    def _editable(self, params: JSON) -> JSON:
        message = self._messages.get(params.get("message_id"))  # type: ignore[arg-type]
        if message is None or message["chat"]["id"] != params.get("chat_id"):
            raise bad_request("message to edit not found")
        if message["from"]["id"] != self.bot_user["id"]:
            raise bad_request("message can't be edited")
        return message

    def _edit_message_text(self, params: JSON) -> JSON | bool:
        if params.get("inline_message_id"):
            return True
        message = self._editable(params)
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        text, entities = _checked_text(params)
        markup = _checked_markup(params.get("reply_markup"))
        if (message["text"], message.get("entities"), message.get("reply_markup")) == (text, entities, markup):
            raise bad_request(_NOT_MODIFIED)
        return self._apply_edit(message, {"text": text, "entities": entities, "reply_markup": markup})

    def _edit_message_reply_markup(self, params: JSON) -> JSON | bool:
        if params.get("inline_message_id"):
            return True
        message = self._editable(params)
        markup = _checked_markup(params.get("reply_markup"))
        if message.get("reply_markup") == markup:
            raise bad_request(_NOT_MODIFIED)
        return self._apply_edit(message, {"reply_markup": markup})

    def _apply_edit(self, message: JSON, changes: JSON) -> JSON:
        for key, value in changes.items():
            if value:
                message[key] = value
            else:
                message.pop(key, None)  # e.g. editing the text without reply_markup removes the keyboard
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def _delete_message(self, params: JSON) -> bool:
        message = self._messages.get(params.get("message_id"))  # type: ignore[arg-type]
        if message is None or message["chat"]["id"] != params.get("chat_id"):
            raise bad_request("message to delete not found")
        del self._messages[message["message_id"]]
        return True

    def _answer_callback_query(self, params: JSON) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if self._callbacks.get(query_id) is not False:
            raise bad_request(_QUERY_INVALID)  # unknown, or answered already
        self._callbacks[query_id] = True
        return True

    @staticmethod
    def _commands_key(scope: Any, language_code: Any) -> tuple[str, str]:
        return json.dumps(scope or {"type": "default"}, sort_keys=True), str(language_code or "")

    def _set_my_commands(self, params: JSON) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON array")
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("command description must be 1-256 characters")
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        self._commands[key] = [{"command": c["command"], "description": c["description"]} for c in commands]
        return True

    def _delete_my_commands(self, params: JSON) -> bool:
        self._commands.pop(self._commands_key(params.get("scope"), params.get("language_code")), None)
        return True

    def _get_my_commands(self, params: JSON) -> list[JSON]:
        return copy.deepcopy(self._commands.get(self._commands_key(params.get("scope"), params.get("language_code")),
                                                []))

    def _send_chat_action(self, params: JSON) -> bool:
        self._chat_for(params.get("chat_id"))
        if params.get("action") not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True


# ---- python-telegram-bot helpers -------------------------------------------------------------------------


def make_request(*, timeout: float = 3.0, pool_size: int = 16) -> HTTPXRequest:
    """An ``HTTPXRequest`` for tests: short timeouts, and environment proxies never hijack loopback."""
    return HTTPXRequest(connection_pool_size=pool_size, connect_timeout=timeout, read_timeout=timeout,
                        write_timeout=timeout, pool_timeout=timeout, httpx_kwargs={"trust_env": False})


@asynccontextmanager
async def running(app: Application, *, poll_timeout: int = 1, run_hooks: bool = True,
                  **polling_kwargs: Any) -> AsyncIterator[Application]:
    """Run ``app`` against the stub like ``run_polling`` would (same order, incl. post_init/post_stop/
    post_shutdown when ``run_hooks``), but inside the caller's event loop and without signal handling."""
    await app.initialize()
    try:
        if run_hooks and app.post_init:
            await app.post_init(app)
        assert app.updater is not None, "the application was built without an updater"
        await app.updater.start_polling(poll_interval=0, timeout=poll_timeout, **polling_kwargs)
        await app.start()
        yield app
    finally:
        await _shut_down(app, run_hooks)


async def _shut_down(app: Application, run_hooks: bool) -> None:
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
        if run_hooks and app.post_stop:
            await app.post_stop(app)
    await app.shutdown()
    if run_hooks and app.post_shutdown:
        await app.post_shutdown(app)
