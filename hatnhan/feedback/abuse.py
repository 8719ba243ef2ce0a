"""Abuse limits of the public pages, without any third party (closed networks; no outside
service may see a reporter): counters in the cache per client address and per agency, a
honeypot field, and a small proof of work the page's own script computes
(static/feedback/pow.js). A report without a valid proof is still accepted, into the slower
"to verify" queue: a phone without JavaScript must be able to report too.

The client's address is the security log's (hatnhan.core.security_log.client_address: the
header a trusted proxy sets, never a header any client could send)."""

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.signing import BadSignature, SignatureExpired, TimestampSigner

from hatnhan.core.security_log import client_address

# The field a person never sees (hidden by the style sheet, skipped by the tab order) and a
# form-filling robot fills in.
HONEYPOT_FIELD = "website"
_SIGNER = TimestampSigner(salt="hatnhan.feedback.pow")


def _over(bucket: str, key: str, limit: int, window: int) -> bool:
    """Count one more hit of `key` in the window; True once it is past `limit`."""
    name = f"hatnhan:feedback:{bucket}:{hashlib.sha256(key.encode()).hexdigest()}"
    cache.add(name, 0, timeout=window)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=window)
        count = 1
    return count > limit


def submit_refused(request: Any, organization_id: int) -> bool:
    """Whether one more report from this address, or to this agency, is past its limit."""
    window = settings.FEEDBACK_SUBMIT_WINDOW_SECONDS
    by_address = _over(
        "submit-address", client_address(request), settings.FEEDBACK_SUBMIT_PER_ADDRESS, window
    )
    by_agency = _over(
        "submit-agency", str(organization_id), settings.FEEDBACK_SUBMIT_PER_AGENCY, window
    )
    return by_address or by_agency


def follow_refused(request: Any) -> bool:
    """Whether one more follow attempt (code and secret) from this address is past its limit:
    guessing secrets is throttled whatever the answer."""
    return _over(
        "follow-address",
        client_address(request),
        settings.FEEDBACK_FOLLOW_PER_ADDRESS,
        settings.FEEDBACK_FOLLOW_WINDOW_SECONDS,
    )


def is_robot(data: Any) -> bool:
    return bool((data.get(HONEYPOT_FIELD) or "").strip())


def new_challenge() -> str:
    """A signed, dated random challenge for the page's script to work on."""
    return _SIGNER.sign(secrets.token_hex(16))


def _leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + 8 - byte.bit_length()
    return bits


def solves(challenge: str, nonce: str, bits: int | None = None) -> bool:
    """Whether SHA-256("challenge:nonce") starts with the required zero bits (the same sum
    pow.js does)."""
    bits = settings.FEEDBACK_POW_BITS if bits is None else bits
    digest = hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()
    return _leading_zero_bits(digest) >= bits


def proof_valid(challenge: str, nonce: str) -> bool:
    """A genuine, fresh challenge, solved, and not used before (a solved challenge replayed
    for a thousand reports proves no work for them)."""
    if not challenge or not nonce or len(nonce) > 32:
        return False
    try:
        _SIGNER.unsign(challenge, max_age=settings.FEEDBACK_POW_MAX_AGE_SECONDS)
    except (BadSignature, SignatureExpired):
        return False
    if not solves(challenge, nonce):
        return False
    used = f"hatnhan:feedback:pow-used:{hashlib.sha256(challenge.encode()).hexdigest()}"
    return cache.add(used, 1, timeout=settings.FEEDBACK_POW_MAX_AGE_SECONDS)
