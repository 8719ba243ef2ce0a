from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError, CommandParser
from django.db import transaction

from hatnhan.core.commands import VietnameseCommand, required, service_error
from hatnhan.organizations.models import Organization, OrganizationKind
from hatnhan.organizations.services import create_organization


class Command(VietnameseCommand):
    help = (
        "Thêm một tổ chức đảng: `hatnhan add-organization MÃ TÊN [--parent MÃ_CẤP_TRÊN] "
        "[--kind LOẠI] [--agency CƠ_QUAN]`. Không có --parent: tạo gốc của cây (cấp trên cơ sở)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        # Optional in argparse so that a missing one is reported in Vietnamese below.
        parser.add_argument("code", nargs="?", help="mã tổ chức, ví dụ STC-NS")
        parser.add_argument("name", nargs="?", help="tên, ví dụ “Chi bộ Phòng Ngân sách”")
        parser.add_argument("--parent", help="mã của tổ chức cấp trên")
        parser.add_argument(
            "--kind",
            help="loại: "
            + ", ".join(OrganizationKind.values)
            + " (mặc định: cell nếu có --parent, bloc_committee nếu không)",
        )
        parser.add_argument("--agency", default="", help="cơ quan, đơn vị mà tổ chức lãnh đạo")

    def handle(self, *args: Any, **options: Any) -> None:
        code = required(options, "code", "MÃ", "mã tổ chức (tham số thứ nhất)")
        name = required(options, "name", "TÊN", "tên tổ chức (tham số thứ hai)")
        parent = None
        if options["parent"]:
            parent = Organization.objects.filter(code__iexact=options["parent"].strip()).first()
            if parent is None:
                raise CommandError(f"Không có tổ chức mã “{options['parent']}” (--parent).")
        kind = options["kind"] or (
            OrganizationKind.CELL if parent else OrganizationKind.BLOC_COMMITTEE
        )
        if kind not in OrganizationKind.values:
            raise CommandError(
                f"Loại “{kind}” không có; chọn một trong: {', '.join(OrganizationKind.values)}."
            )
        try:
            with transaction.atomic():
                org = create_organization(
                    actor=None,
                    code=code,
                    name=name,
                    kind=kind,
                    parent=parent,
                    agency_name=options["agency"],
                )
        except (ValidationError, PermissionDenied) as exc:
            raise service_error(exc) from exc
        where = f" trực thuộc {parent.code}" if parent else " (gốc của cây)"
        self.stdout.write(f"Đã thêm tổ chức {org.code} — {org.name}{where}, id {org.pk}.")
