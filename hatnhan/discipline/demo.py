"""Demo data: a few discipline decisions of the year — a warning decided by the bloc's
inspection committee, a reprimand of a probationary member, a self-reported reprimand, a
reprimand of a cell — and the state body's discipline of two members, one told late.
Through the services, as the inspection committee (`kiemtra`); a handful of rows: fast."""

import datetime as dt
import random
from typing import Any

from hatnhan.accounts.models import RoleName, User
from hatnhan.directives.demo import grassroots_organizations
from hatnhan.members.models import Member, MemberStatus
from hatnhan.organizations.models import Organization

from . import services


def _member(
    org: Organization, *, probationary: bool, skip: set[int], others: list[Organization]
) -> tuple[Organization, Member] | tuple[None, None]:
    """A member without an account (the demo's sign-ins stay untouched), full or
    probationary, of the organization's subtree — or of the next one that has such a member."""
    with_account = User.objects.filter(member__isnull=False).values("member_id")
    for place in [org, *(o for o in others if o != org)]:
        member = (
            Member.objects.filter(
                organization__path__startswith=place.path,
                status=MemberStatus.ACTIVE,
                full_membership_date__isnull=probationary,
            )
            .exclude(pk__in=with_account)
            .exclude(pk__in=skip)
            .order_by("pk")
            .first()
        )
        if member is not None:
            return place, member
    return None, None


def populate(*, rng: random.Random, today: dt.date, stdout: Any) -> dict[str, int]:
    inspector = (
        User.objects.filter(roles__role=RoleName.INSPECTOR, roles__organization__depth=0)
        .order_by("pk")
        .first()
    )
    root = Organization.objects.filter(depth=0).order_by("path").first()
    grassroots = list(grassroots_organizations())[:4]
    if inspector is None or root is None or not grassroots:
        return {}
    used: set[int] = set()
    made = 0

    def day(back: int) -> dt.date:
        return max(dt.date(today.year, 1, 2), today - dt.timedelta(days=back))

    plan = [
        # (organization, probationary, form, deciding body is the bloc, self reported, reason)
        (
            0,
            False,
            "warning",
            True,
            False,
            "Vi phạm quy định về thời giờ làm việc, "
            "nhiều lần đi muộn, về sớm khi tiếp nhận hồ sơ tại bộ phận một cửa.",
        ),
        (
            1,
            True,
            "reprimand",
            False,
            False,
            "Gây phiền hà cho người dân khi hướng dẫn "
            "thủ tục hành chính; thiếu tinh thần tự phê bình.",
        ),
        (
            2,
            False,
            "reprimand",
            False,
            True,
            "Để hồ sơ thủ tục hành chính trễ hạn; đã tự phát hiện, báo cáo và khắc phục.",
        ),
    ]
    for index, (org_i, probationary, form, by_bloc, self_reported, reason) in enumerate(plan):
        org, member = _member(
            grassroots[org_i % len(grassroots)],
            probationary=probationary,
            skip=used,
            others=grassroots,
        )
        if org is None or member is None:
            continue
        used.add(member.pk)
        decided = day(120 - 30 * index)
        services.record_decision(
            actor=inspector,
            deciding_body=root if by_bloc else org,
            number=f"{index + 1:02d}-QĐ/{'UBKTĐUK' if by_bloc else 'ĐU'}",
            decided_on=decided,
            effective_on=decided,
            form=form,
            reason=reason,
            member=member,
            self_reported=self_reported,
        )
        made += 1
    cell = Organization.objects.filter(parent=grassroots[-1], is_active=True).order_by("path")
    if cell := cell.first():
        services.record_decision(
            actor=inspector,
            deciding_body=grassroots[-1],
            number="05-QĐ/ĐU",
            decided_on=day(45),
            form="reprimand",
            reason="Không duy trì sinh hoạt chi bộ thường kỳ hai tháng liền.",
            organization=cell,
        )
        made += 1
    state = 0
    for notice_days, first in ((3, grassroots[0]), (9, grassroots[1 % len(grassroots)])):
        org, member = _member(first, probationary=False, skip=used, others=grassroots)
        if org is None or member is None:
            continue
        used.add(member.pk)
        decided = day(60 + notice_days)
        services.record_state_discipline(
            actor=inspector,
            member=member,
            state_body=org.agency_name or org.name,
            number=f"{10 + notice_days}/QĐ-{org.code}",
            decided_on=decided,
            form="reprimand",
            reason="Vi phạm kỷ luật, kỷ cương hành chính.",
            notified_on=min(today, decided + dt.timedelta(days=notice_days)),
        )
        state += 1
    stdout.write(f"  kỷ luật: {made} quyết định, {state} kỷ luật của chính quyền")
    return {"discipline decisions": made, "state discipline": state}
