"""`hatnhan export-members --organization CODE --output FILE.xlsx`."""

import shutil
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hatnhan.exchange.exports import export_members
from hatnhan.members.models import Member

from .import_members import organization_by_code


class Command(BaseCommand):
    help = "Xuất danh sách đảng viên của một tổ chức (cả cấp dưới) ra tệp Excel theo mẫu nhập."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organization", required=True, help="mã tổ chức, ví dụ STC")
        parser.add_argument("--output", required=True, help="tệp .xlsx sẽ ghi")

    def handle(self, *args: Any, **options: Any) -> None:
        organization = organization_by_code(options["organization"])
        output = Path(options["output"])
        if output.suffix.lower() != ".xlsx":
            raise CommandError("Tệp xuất phải có đuôi .xlsx.")
        # The operator's command line sees every member of the organization's subtree.
        members = (
            Member.objects.filter(organization__path__startswith=organization.path)
            .select_related("organization")
            .order_by("sort_key", "id")
        )
        count = members.count()
        data = export_members(members.iterator(chunk_size=2000))
        with output.open("wb") as out:
            shutil.copyfileobj(data, out)
        self.stdout.write(
            self.style.SUCCESS(f"Đã xuất {count} đảng viên của {organization.name} ra {output}.")
        )
