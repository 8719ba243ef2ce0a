"""Writes for votes: checked, atomic, audited — except the ballot itself, which no audit
event ever names (an event carries its actor and time: naming the ballot there would be the
very link a secret ballot must not keep; models.py tells the whole design).

Lock order, the same in every write: the vote's row first (select_for_update; on SQLite the
IMMEDIATE transaction serializes writers), then what the write adds, then the audit chain
(record_event). Two phones voting at once wait for each other on the vote's row; a close
that wins the row makes a ballot arriving after it find the vote closed, and a ballot that
wins it is counted by the close that follows.
"""

import random
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from hatnhan.audit.services import record_event, snapshot
from hatnhan.core.restrict import CHANGE, VIEW, can
from hatnhan.core.services import field_error, require, save_audited
from hatnhan.core.text import clean_text
from hatnhan.meetings.models import AttendanceStatus, Meeting, MeetingState
from hatnhan.members.models import Member

from .models import Ballot, BallotCast, Choice, Method, Subject, Vote, VoteState

RESULT_FIELDS = ["state", "eligible", "votes_for", "votes_against", "abstentions", "adopted"]


def _path(vote_or_meeting: Vote | Meeting) -> str:
    meeting = vote_or_meeting.meeting if isinstance(vote_or_meeting, Vote) else vote_or_meeting
    return meeting.organization.path


def may_vote(member: Member) -> bool:
    """Điều lệ Đảng, Điều 5: a probationary member has every right of a full member except
    to vote, stand and elect; `VOTES_PROBATIONARY_MAY_VOTE` lets a cell that counts them
    (a show of opinion, not a decision) do so."""
    return not member.is_probationary or settings.VOTES_PROBATIONARY_MAY_VOTE


def eligible_voters(meeting: Meeting) -> list[Member]:
    """The members present at the meeting who may vote (present, and full members)."""
    present = Member.objects.filter(
        attendances__meeting=meeting, attendances__status=AttendanceStatus.PRESENT
    ).order_by("sort_key", "id")
    return [m for m in present if may_vote(m)]


def is_adopted(vote: Vote) -> bool:
    """Adopted when more than half of those entitled to vote agree (Điều lệ Đảng, Điều 10:
    "hơn một nửa … tán thành"). The half is of the members present entitled to vote, fixed
    when the vote opened; whether a cell's half is of all its full members instead is
    *unconfirmed* (REGULATIONS.md has no clause): the stored counts let either be read."""
    return vote.votes_for * 2 > vote.eligible


def _question(question: str, subject: str) -> str:
    question = clean_text(question or "")
    if not question:
        raise field_error("question", "Nội dung biểu quyết không được để trống.")
    if subject not in Subject.values:
        raise field_error("subject", "Nội dung biểu quyết thuộc loại không hợp lệ.")
    return question[:500]


def _open_meeting(actor: Any, meeting: Meeting) -> list[Member]:
    require(actor, CHANGE, meeting)
    if meeting.state == MeetingState.CLOSED:
        raise field_error("meeting", "Cuộc sinh hoạt đã khóa biên bản: không mở biểu quyết mới.")
    voters = eligible_voters(meeting)
    if not voters:
        raise field_error(
            "meeting",
            "Chưa có đảng viên chính thức nào có mặt (điểm danh) để biểu quyết.",
        )
    return voters


def no_open_vote(meeting: Meeting) -> tuple[str, str] | None:
    """A meeting closes only when its votes are closed: a ballot cast after the minutes are
    locked would be a vote the minutes never record."""
    still_open = Vote.objects.filter(meeting=meeting, state=VoteState.OPEN).count()
    if still_open:
        return (
            "state",
            f"Còn {still_open} biểu quyết đang mở: kết thúc biểu quyết trước khi kết thúc "
            "cuộc họp.",
        )
    return None


def _lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("organization").get(pk=meeting.pk)


@transaction.atomic
def open_secret_ballot(
    *, actor: Any, meeting: Meeting, question: str, subject: str = Subject.RESOLUTION
) -> Vote:
    """Open a secret ballot for the members present now: the number entitled is fixed here,
    so no more ballots than that can ever be cast."""
    meeting = _lock_meeting(meeting)
    voters = _open_meeting(actor, meeting)
    vote = Vote(
        meeting=meeting,
        subject=subject,
        question=_question(question, subject),
        method=Method.SECRET,
        eligible=len(voters),
        position=meeting.votes.count() + 1,
        opened_by=actor,
    )
    save_audited(
        actor=actor, obj=vote, action="vote.open", before=None, organization_path=_path(meeting)
    )
    return vote


def _count(field: str, label: str, value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise field_error(field, f"Số “{label}” phải là số nguyên.") from None
    if number < 0:
        raise field_error(field, f"Số “{label}” không được âm.")
    return number


@transaction.atomic
def record_show_of_hands(
    *,
    actor: Any,
    meeting: Meeting,
    question: str,
    votes_for: Any,
    votes_against: Any,
    abstentions: Any = 0,
    subject: str = Subject.RESOLUTION,
) -> Vote:
    """A show of hands, counted by the secretary: recorded closed at once, its counts checked
    against the number of members present who may vote."""
    meeting = _lock_meeting(meeting)
    voters = _open_meeting(actor, meeting)
    counts = {
        "votes_for": _count("votes_for", "tán thành", votes_for),
        "votes_against": _count("votes_against", "không tán thành", votes_against),
        "abstentions": _count("abstentions", "không biểu quyết", abstentions),
    }
    total = sum(counts.values())
    if total > len(voters):
        raise field_error(
            "votes_for",
            f"Tổng số biểu quyết ({total}) vượt quá số đảng viên có quyền biểu quyết có mặt "
            f"({len(voters)}).",
        )
    vote = Vote(
        meeting=meeting,
        subject=subject,
        question=_question(question, subject),
        method=Method.HANDS,
        eligible=len(voters),
        position=meeting.votes.count() + 1,
        opened_by=actor,
        closed_by=actor,
        closed_at=timezone.now(),
        state=VoteState.CLOSED,
        **counts,
    )
    vote.adopted = is_adopted(vote)
    save_audited(
        actor=actor, obj=vote, action="vote.hands", before=None, organization_path=_path(meeting)
    )
    return vote


def _lock_vote(vote: Vote) -> Vote:
    return Vote.objects.select_for_update().select_related("meeting__organization").get(pk=vote.pk)


@transaction.atomic
def cast_ballot(*, actor: Any, vote: Vote, choice: str) -> BallotCast:
    """One present member's secret ballot: the choice into the ballot box (no voter, no
    time), and separately that the member has voted (no choice). Refused, nothing written:
    a vote not open or not secret, someone not present or not entitled, a second ballot."""
    if actor is None or not can(actor, VIEW, vote):
        raise PermissionDenied("Đồng chí không có quyền bỏ phiếu ở nội dung này.")
    vote = _lock_vote(vote)
    if vote.method != Method.SECRET:
        raise field_error("choice", "Nội dung này biểu quyết bằng giơ tay, không bỏ phiếu.")
    if vote.state != VoteState.OPEN:
        raise field_error("choice", "Biểu quyết đã kết thúc: không nhận thêm phiếu.")
    if choice not in Choice.values:
        raise field_error(
            "choice", "Lựa chọn không hợp lệ: tán thành, không tán thành hoặc không biểu quyết."
        )
    # Read afresh: whether the member is a full member is decided now, not when signed in.
    member = Member.objects.filter(pk=getattr(actor, "member_id", None)).first()
    present = (
        member is not None
        and vote.meeting.attendances.filter(member=member, status=AttendanceStatus.PRESENT).exists()
    )
    if not present:
        raise PermissionDenied("Chỉ đảng viên có mặt tại cuộc sinh hoạt mới được bỏ phiếu.")
    if not may_vote(member):
        raise PermissionDenied("Đảng viên dự bị không có quyền biểu quyết (Điều lệ Đảng, Điều 5).")
    if BallotCast.objects.filter(vote=vote, member=member).exists():
        raise field_error("choice", "Đồng chí đã bỏ phiếu cho nội dung này.")
    if vote.casts.count() >= vote.eligible:
        raise field_error("choice", "Đã đủ số phiếu của những người có quyền biểu quyết.")
    cast = BallotCast(vote=vote, member=member)
    try:
        with transaction.atomic():
            cast.save()
    except IntegrityError:
        raise field_error("choice", "Đồng chí đã bỏ phiếu cho nội dung này.") from None
    Ballot.objects.create(vote=vote, choice=choice)
    # The event names the has-voted record only: who and when, never the ballot.
    record_event(
        actor=actor,
        action="vote.cast",
        obj=cast,
        after={"vote": vote.pk, "member": member.pk},
        organization_path=_path(vote),
    )
    return cast


def _reshuffle(vote: Vote) -> list[str]:
    """Write the ballot box again, shuffled, under new random keys: the order the database
    kept the ballots in (rowid, heap order, the writing transaction) no longer follows the
    casting. The choices are the same; returns them."""
    choices = list(Ballot.objects.filter(vote=vote).values_list("choice", flat=True))
    random.SystemRandom().shuffle(choices)
    Ballot.objects.filter(vote=vote).delete()
    Ballot.objects.bulk_create([Ballot(vote=vote, choice=c) for c in choices])
    return choices


@transaction.atomic
def close_vote(*, actor: Any, vote: Vote) -> Vote:
    """Close a secret ballot: count the ballots, store the result, rewrite the box. The
    stored counts are what the ballots say at that moment (selectors.recount shows both)."""
    vote = _lock_vote(vote)
    require(actor, CHANGE, vote.meeting)
    if vote.state != VoteState.OPEN:
        raise field_error("state", "Biểu quyết này đã kết thúc.")
    before = snapshot(vote, RESULT_FIELDS)
    choices = _reshuffle(vote)
    casts = vote.casts.count()
    if casts != len(choices):  # the two are written together: a difference is tampering
        raise ValidationError(
            f"Số phiếu ({len(choices)}) khác số người đã bỏ phiếu ({casts}): không kết thúc."
        )
    vote.votes_for = choices.count(Choice.FOR)
    vote.votes_against = choices.count(Choice.AGAINST)
    vote.abstentions = choices.count(Choice.ABSTAIN)
    vote.state = VoteState.CLOSED
    vote.closed_at = timezone.now()
    vote.closed_by = actor
    vote.adopted = is_adopted(vote)
    save_audited(
        actor=actor,
        obj=vote,
        action="vote.close",
        before=before,
        organization_path=_path(vote),
        fields=RESULT_FIELDS,
    )
    return vote
