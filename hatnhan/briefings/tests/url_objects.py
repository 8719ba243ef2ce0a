"""Objects inside the STC subtree for the every-URL restriction walker (briefings app)."""

import datetime as dt

from django.utils import timezone

from hatnhan.briefings import services
from hatnhan.briefings.models import BriefingFile


def url_objects(ctx) -> dict[str, int]:
    stc, secretary = ctx.tree["stc"], ctx.users["secretary"]
    head = ctx.make_member(stc, "Phạm Văn Hải")
    duty = services.create_duty(
        actor=secretary, organization=stc, head=head, starts_on=dt.date(2025, 1, 1)
    )
    briefing = services.file_briefing(
        actor=secretary,
        duty=duty,
        period_start=dt.date(2025, 1, 1),
        results="Kết quả kiểm thử",
        now=timezone.now(),
    )
    services.acknowledge_briefing(
        actor=secretary, briefing=briefing, conclusions=["Kết luận kiểm thử"]
    )
    conclusion = briefing.conclusions.get()
    # A stored row is enough: the walker's user must be refused before any file is read.
    stored = BriefingFile.objects.create(
        briefing=briefing,
        file="briefings/test/none.png",
        file_name="none.png",
        file_kind="png",
        file_size=1,
    )
    return {
        "duty_id": duty.pk,
        "briefing_id": briefing.pk,
        "conclusion_id": conclusion.pk,
        "briefing_file_id": stored.pk,
        "briefings.briefingduty": duty.pk,
        "briefings.briefing": briefing.pk,
        "briefings.conclusion": conclusion.pk,
    }
