"""Demo data: none of its own — the dashboards summarise the record the other apps loaded.
Its part is to compute the pre-aggregate for the demo's day, so the dashboards open on
figures (the in-process sweep keeps them fresh afterwards)."""

import datetime as dt
import random
from typing import Any

from . import services
from .models import Freshness


def loaded() -> bool:
    return Freshness.objects.exists()


def populate(*, rng: random.Random, today: dt.date, stdout: Any) -> dict[str, int]:
    rows = services.refresh(organizations=None, months=services.kept_months(today), as_of=today)
    return {"dashboard rows": rows}
