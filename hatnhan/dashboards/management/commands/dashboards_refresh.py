"""`hatnhan dashboards_refresh`: bring the dashboards' pre-aggregate up to date now (what the
worker's sweep does), or recompute everything with --all (after a restore, or for cron)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from hatnhan.dashboards import services


class Command(BaseCommand):
    help = "Refresh the dashboards' monthly pre-aggregate from the record."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="recompute every organization")
        parser.add_argument("--as-of", help="the day to count for (YYYY-MM-DD); default: today")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else None
        if options["all"]:
            day = as_of or timezone.localdate()
            rows = services.refresh(organizations=None, months=services.kept_months(day), as_of=day)
        else:
            rows = services.refresh_changed(as_of=as_of)
        self.stdout.write(f"dashboards: {rows} row(s) stored")
