"""The votes' part of the Word minutes (hatnhan/meetings/word.py calls it through its
registry): each vote of the meeting, how it was taken and its result."""

from hatnhan.core.docx import Block, Heading, Para
from hatnhan.meetings.models import Meeting

from .models import Method, Vote, VoteState


def describe(vote: Vote) -> str:
    how = "bỏ phiếu kín" if vote.method == Method.SECRET else "giơ tay"
    if vote.state != VoteState.CLOSED:
        return f"{vote.question} ({how}): chưa kết thúc."
    verdict = "được thông qua" if vote.adopted else "không được thông qua"
    return (
        f"{vote.question} ({how}): {vote.eligible} đồng chí có quyền biểu quyết; tán thành "
        f"{vote.votes_for}, không tán thành {vote.votes_against}, không biểu quyết "
        f"{vote.abstentions}; {verdict}."
    )


def minutes_part(meeting: Meeting) -> list[Block]:
    votes = list(Vote.objects.filter(meeting=meeting).order_by("position", "id"))
    if not votes:
        return []
    return [Heading("Biểu quyết")] + [
        Para(f"{n}. {describe(vote)}") for n, vote in enumerate(votes, start=1)
    ]
