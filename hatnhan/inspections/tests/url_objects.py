"""Objects inside the STC subtree for the every-URL restriction walker: a case run by STC's
own inspection committee over its cell, with a finding, its evidence file, a team note, a
re-check and a spot check; one per URL kwarg the inspection pages use and per model the API
serves."""

from django.utils import timezone

from hatnhan.inspections.models import (
    Body,
    Case,
    CaseEntry,
    EntryKind,
    Finding,
    FindingEvidence,
    ItemKind,
    ItemResult,
    Program,
    ProgramItem,
    Recheck,
    SpotCheck,
    SpotCheckResult,
    Step,
)


def url_objects(ctx) -> dict[str, int]:
    stc, cell = ctx.tree["stc"], ctx.tree["stc_cell"]
    today = timezone.localdate()
    # Rows written directly: the walker's user must be refused before any rule is read.
    program = Program.objects.create(
        organization=stc, body=Body.INSPECTION_COMMITTEE, year=today.year, title="Chương trình"
    )
    item = ProgramItem.objects.create(
        program=program,
        kind=ItemKind.SPOT_CHECK,
        subject_organization=cell,
        content="Kiểm tra đột xuất",
        planned_start=today,
        planned_end=today,
    )
    case = Case.objects.create(
        organization=stc,
        body=Body.INSPECTION_COMMITTEE,
        program_item=item,
        kind=ItemKind.SPOT_CHECK,
        subject_organization=cell,
        title="Kiểm tra đột xuất",
        step=Step.VERIFICATION,
        notice="Thông báo",
    )
    finding = Finding.objects.create(case=case, title="Phát hiện", severity="minor")
    evidence = FindingEvidence.objects.create(
        finding=finding, file="inspections/t/none.png", file_name="none.png", file_kind="png"
    )
    entry = CaseEntry.objects.create(
        case=case,
        kind=EntryKind.DOCUMENT,
        happened_on=today,
        text="Tài liệu",
        file="inspections/t/none.pdf",
        file_name="none.pdf",
        file_kind="pdf",
    )
    recheck = Recheck.objects.create(case=case, scheduled_on=today, purpose="Phúc tra")
    spot = SpotCheck.objects.create(case=case, checked_on=today)
    result = SpotCheckResult.objects.create(
        spot_check=spot, item_code="hours", item_label="Giờ giấc", result=ItemResult.FAILED
    )
    return {
        "program_id": program.pk,
        "program_item_id": item.pk,
        "case_id": case.pk,
        "finding_id": finding.pk,
        "finding_file_id": evidence.pk,
        "case_entry_id": entry.pk,
        "recheck_id": recheck.pk,
        "spot_result_id": result.pk,
        "inspections.programitem": item.pk,
        "inspections.case": case.pk,
        "inspections.finding": finding.pk,
    }
