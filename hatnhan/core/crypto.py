"""Encryption at rest for the few fields whose plain value must not sit in the database
(a citizen's identity in a report, issue 11): Fernet (AES-128-CBC + HMAC-SHA256) through
MultiFernet, so keys rotate — the first key of `settings.FIELD_KEYS` encrypts, every key
decrypts (docs/production.md §8, docs/decisions.md).

Such a field cannot be searched, sorted or compared in SQL: a token is random each time, so the
only lookup allowed is `isnull`. Whatever must be found goes into a separate, non-secret field.
"""

import base64
import hashlib
import hmac
import secrets
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models, transaction

# What the audit trail records instead of an encrypted field's value (hatnhan.audit.services).
MASK = "[đã mã hóa]"
# How many rows `rotate_keys` re-encrypts per transaction.
ROTATION_CHUNK = 500


def development_key(secret: str) -> str:
    """A Fernet key derived from a SECRET_KEY: what a laptop or a test run encrypts with when
    HATNHAN_FIELD_KEYS is unset. Never for a real server (hatnhan.E003, hatnhan.E004)."""
    digest = hashlib.sha256(f"hatnhan-field-key:{secret}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def public_development_key() -> str:
    # Derived from the development SECRET_KEY, which is in settings.py: anyone can compute it.
    return development_key(settings.DEVELOPMENT_SECRET_KEY)


def field_keys() -> tuple[str, ...]:
    return tuple(settings.FIELD_KEYS) or (development_key(settings.SECRET_KEY),)


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "HATNHAN_FIELD_KEYS: mỗi khóa là một khóa Fernet (32 byte, base64 url-safe), cách "
            "nhau bằng dấu phẩy (docs/production.md, mục 8). / HATNHAN_FIELD_KEYS: "
            "comma-separated Fernet keys."
        ) from exc


def check_keys() -> None:
    """Raise ImproperlyConfigured now for a key that is no Fernet key, rather than on the
    first encrypted value a request reads (hatnhan.core.checks)."""
    _fernet(field_keys())


class DecryptionError(Exception):
    """A stored token no configured key opens: a key was removed before rotating."""


def encrypt(text: str) -> str:
    return _fernet(field_keys()).encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet(field_keys()).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError(
            "Không giải mã được dữ liệu: không khóa nào trong HATNHAN_FIELD_KEYS mở được nó "
            "(khóa cũ đã bị bỏ trước khi chạy rotate-field-keys?). / No field key decrypts this "
            "value."
        ) from exc


SEARCH_REFUSED = (
    "Trường mã hóa không tìm kiếm, sắp xếp hay so sánh được (chỉ dùng được isnull): "
    "{field}__{lookup}. / Encrypted fields cannot be searched."
)


class EncryptedTextField(models.TextField):
    """A text field stored as a Fernet token, plain text in Python. Empty stays empty."""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise FieldError(SEARCH_REFUSED.format(field=self.name, lookup=lookup_name))
        return super().get_lookup(lookup_name)

    def get_transform(self, lookup_name: str) -> Any:
        raise FieldError(SEARCH_REFUSED.format(field=self.name, lookup=lookup_name))


def audit_value(field: models.Field, value: Any) -> Any:
    """The value the audit trail may hold for `field`: never an encrypted field's plain text."""
    if isinstance(field, EncryptedTextField) and value not in (None, ""):
        return MASK
    return value


# A key of this process alone: a fingerprint compares two values held in memory and is never
# stored, so it cannot link two records' secrets in the database or the trail.
_FINGERPRINT_KEY = secrets.token_bytes(32)


def fingerprint(value: str | None) -> str:
    """Whether two plain values differ, without keeping either (hatnhan.audit.services)."""
    if value is None:
        return ""
    return hmac.new(_FINGERPRINT_KEY, f"v:{value}".encode(), hashlib.sha256).hexdigest()


def encrypted_fields() -> Iterator[tuple[type[models.Model], list[str]]]:
    """Every concrete model with encrypted fields, and their names."""
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        names = [
            f.attname for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)
        ]
        if names:
            yield model, names


def rotate_keys(
    *,
    chunk_size: int = ROTATION_CHUNK,
    targets: Iterable[tuple[type[models.Model], list[str]]] | None = None,
) -> dict[str, int]:
    """Re-encrypt every encrypted field of every model (`targets`, by default
    :func:`encrypted_fields`) under the newest key. Each chunk is one transaction, its rows
    locked in primary-key order; rows are read through a key that still opens them and
    written with the first key. Returns rows per model label."""
    counts: dict[str, int] = {}
    for model, names in encrypted_fields() if targets is None else targets:
        manager = model._base_manager
        done, last = 0, None
        while True:
            # Keyset chunks: each transaction locks its rows in primary-key order.
            with transaction.atomic():
                rows = manager.order_by("pk")
                if last is not None:
                    rows = rows.filter(pk__gt=last)
                chunk = list(rows.select_for_update().only(*names)[:chunk_size])
                if not chunk:
                    break
                # Saving writes a fresh token under the first key (get_prep_value).
                manager.bulk_update(chunk, names)
            done += len(chunk)
            last = chunk[-1].pk
        counts[model._meta.label] = done
    return counts
