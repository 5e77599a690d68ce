"""WeCom callback crypto, per WeCom's published scheme ("加解密方案说明").

msg_signature = sha1 of the sorted, concatenated [token, timestamp, nonce, encrypted];
encrypted = base64(AES-256-CBC(16 random bytes + 4-byte big-endian length + message + receiveid)), PKCS#7-padded to
32-byte blocks, key = base64decode(EncodingAESKey + "="), IV = the key's first 16 bytes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import struct
import time
from xml.etree import ElementTree

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from bot.errors import BotError

BLOCK = 32  # WeCom pads to 32 bytes, not AES's 16


class BadMessage(Exception):
    """A callback that does not decrypt, or decrypts to another corp's message."""


class WeComCrypto:
    def __init__(self, token: str, encoding_aes_key: str, receive_id: str) -> None:
        try:
            self.key = base64.b64decode(encoding_aes_key + "=", validate=True)
        except binascii.Error:
            self.key = b""
        if len(self.key) != 32:
            raise BotError("WECOM_ENCODING_AES_KEY must be the 43-character EncodingAESKey from the app's "
                           "API-receiving settings in the WeCom admin console")
        self.token = token
        self.receive_id = receive_id

    def signature(self, timestamp: str, nonce: str, encrypted: str) -> str:
        return hashlib.sha1("".join(sorted([self.token, timestamp, nonce, encrypted])).encode()).hexdigest()

    def verify(self, signature: str, timestamp: str, nonce: str, encrypted: str) -> bool:
        return hmac.compare_digest(self.signature(timestamp, nonce, encrypted), signature.lower())

    def decrypt(self, encrypted: str) -> str:
        try:
            decryptor = self._cipher().decryptor()
            plain = decryptor.update(base64.b64decode(encrypted, validate=True)) + decryptor.finalize()
            pad = plain[-1]
            if not 1 <= pad <= BLOCK or plain[-pad:] != bytes([pad]) * pad:
                raise BadMessage("bad padding")
            body = plain[16:-pad]
            (length,) = struct.unpack(">I", body[:4])
            message, receive_id = body[4:4 + length], body[4 + length:]
        except (ValueError, binascii.Error, struct.error, IndexError) as exc:
            raise BadMessage(type(exc).__name__) from exc
        if receive_id.decode("utf-8", "replace") != self.receive_id:
            raise BadMessage("addressed to another corp")
        return message.decode("utf-8")

    def encrypt(self, message: str) -> str:
        data = message.encode("utf-8")
        plain = os.urandom(16) + struct.pack(">I", len(data)) + data + self.receive_id.encode("utf-8")
        pad = BLOCK - len(plain) % BLOCK
        encryptor = self._cipher().encryptor()
        return base64.b64encode(encryptor.update(plain + bytes([pad]) * pad) + encryptor.finalize()).decode()

    def reply(self, message: str) -> str:
        """The passive reply: the message encrypted and signed in WeCom's envelope."""
        encrypted, timestamp, nonce = self.encrypt(message), str(int(time.time())), os.urandom(8).hex()
        return (f"<xml><Encrypt>{cdata(encrypted)}</Encrypt><MsgSignature>"
                f"{cdata(self.signature(timestamp, nonce, encrypted))}</MsgSignature>"
                f"<TimeStamp>{timestamp}</TimeStamp><Nonce>{cdata(nonce)}</Nonce></xml>")

    def _cipher(self) -> Cipher:
        return Cipher(algorithms.AES(self.key), modes.CBC(self.key[:16]))


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def parse_xml(text: str | bytes) -> dict[str, str]:
    """The child elements of a WeCom XML message as a dict. Documents with a DTD are refused (entity expansion)."""
    raw = text.encode() if isinstance(text, str) else text
    if b"<!DOCTYPE" in raw.upper() or b"<!ENTITY" in raw.upper():
        raise BadMessage("DTDs are not accepted")
    try:
        root = ElementTree.fromstring(raw)
    except ElementTree.ParseError as exc:
        raise BadMessage("not XML") from exc
    return {child.tag: (child.text or "") for child in root}
