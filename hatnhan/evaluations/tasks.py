"""The background computation of a large round (django.tasks; the database queue's worker,
or in demo mode the server process itself: core.background)."""

import datetime as dt

from django.tasks import task


@task()
def compute_round_task(round_id: int, today: str) -> None:
    from .services import run_computation

    run_computation(round_id=round_id, today=dt.date.fromisoformat(today) if today else None)
