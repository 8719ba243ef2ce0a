"""Objects inside the STC subtree for the every-URL restriction walker: a held meeting of
the STC-NS cell (the meeting's Word downloads) and a secret ballot open at it."""

from hatnhan.meetings.tests.word_meeting import held_meeting
from hatnhan.votes.models import Method, Vote


def url_objects(ctx) -> dict[str, int]:
    meeting = held_meeting(ctx.tree, ctx.make_member)
    vote = Vote.objects.create(
        meeting=meeting, question="Thông qua nghị quyết", method=Method.SECRET, eligible=3
    )
    return {"meeting_id": meeting.pk, "vote_id": vote.pk, "votes.vote": vote.pk}
