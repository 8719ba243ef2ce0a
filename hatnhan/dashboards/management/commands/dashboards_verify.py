"""`hatnhan dashboards_verify`: recompute the dashboards' pre-aggregate from the record and
report every difference from the stored rows (exit status 1 when there is one)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hatnhan.dashboards.services import verify


class Command(BaseCommand):
    help = "Compare the dashboards' monthly pre-aggregate with the record it summarises."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-of", help="the day to count for (YYYY-MM-DD); default: the stored rows' day"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else None
        differences = verify(as_of=as_of)
        for line in differences:
            self.stdout.write(line)
        if differences:
            raise CommandError(f"{len(differences)} difference(s) from the record")
        self.stdout.write("dashboards: the pre-aggregate equals the record")
