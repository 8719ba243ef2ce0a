"""Objects inside the STC subtree for the every-URL restriction walker: a secret ballot open
at the meetings registry's STC-NS meeting (whose id also serves the meeting's Word downloads
and the votes' meeting pages)."""

from hatnhan.meetings.models import Meeting
from hatnhan.votes.models import Method, Vote


def url_objects(ctx) -> dict[str, int]:
    from hatnhan.meetings.tests.url_objects import url_objects as meeting_objects

    found = meeting_objects(ctx)
    meeting = Meeting.objects.get(pk=found["meeting_id"])
    vote = Vote.objects.create(
        meeting=meeting, question="Thông qua nghị quyết", method=Method.SECRET, eligible=3
    )
    return {"meeting_id": meeting.pk, "vote_id": vote.pk, "votes.vote": vote.pk}
