"""The bloc dashboard's rendered table and tree map, cached with exact keys (docs/decisions.md,
"The bloc's page is cached, keyed on everything it shows").

The key holds everything the two fragments are drawn from: the root and the user's reach
(the restriction: two users share an entry only when they may see the same subtrees), the
period, the sort, its direction and the map's figure, the language, the local day, the
pre-aggregate's refresh (its generation counter, time, day counted for and audit sequence)
and the organizations shown (their number, how many are active, their last change). Any
refresh of the stored months or change to the tree gives a new key, so an entry is never
invalidated, only no longer asked for; the backend drops it when full or when it expires.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.db.models import Count, Max, Q
from django.utils import timezone, translation

from hatnhan.organizations.models import Organization

from .bloc import MAP_DEPTH
from .models import Freshness
from .periods import Period

ALIAS = "dashboards"
# Bumped when the fragments' templates change shape, so a deploy never serves the old HTML.
VERSION = "1"
Fragments = dict[str, str]


def _tree_stamp(root: Organization) -> str:
    """What the fragments show of the tree itself (names, activity, who is under whom): one
    aggregate over the organizations the map can show, active or not."""
    found = Organization.objects.filter(
        path__startswith=root.path, depth__lte=root.depth + MAP_DEPTH
    ).aggregate(n=Count("pk"), active=Count("pk", filter=Q(is_active=True)), at=Max("updated_at"))
    at = found["at"].isoformat() if found["at"] else ""
    return f"{found['n']}:{found['active']}:{at}"


def _fresh_stamp(fresh: Freshness | None) -> str:
    if fresh is None:
        return "never"
    covers = fresh.covers_from.isoformat() if fresh.covers_from else ""
    return (
        f"{fresh.generation}:{fresh.refreshed_at.isoformat()}:{fresh.as_of.isoformat()}:"
        f"{covers}:{fresh.audit_seq}"
    )


def bloc_key(
    *,
    root: Organization,
    reach: list[str],
    period: Period,
    sort: str,
    descending: bool,
    color: str,
    fresh: Freshness | None,
) -> str:
    parts = [
        "bloc",
        VERSION,
        f"{root.pk}:{root.path}",
        ",".join(sorted(reach)),
        f"{period.kind}:{period.start.isoformat()}:{period.end.isoformat()}",
        sort,
        "desc" if descending else "asc",
        color,
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        _fresh_stamp(fresh),
        _tree_stamp(root),
    ]
    # Hashed: the reach of a user with many roles would pass memcached's 250 characters.
    return "dashboards:bloc:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def cached(key: str, render: Callable[[], Fragments]) -> tuple[Fragments, bool]:
    """The fragments under `key`, rendered and stored when missing; and whether they were
    found."""
    cache: Any = caches[ALIAS]
    found = cache.get(key)
    if found is not None:
        return found, True
    parts = render()
    cache.set(key, parts)
    return parts, False
