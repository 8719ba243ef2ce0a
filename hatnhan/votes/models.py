"""Votes at a meeting (biểu quyết): a resolution or a proposal (such as members' year-end
ratings) adopted by show of hands or by secret ballot on the present members' phones.

The secret ballot's design (docs/decisions.md, "A secret ballot that keeps no link"):

- `Ballot` carries the choice and the vote, nothing else: no voter, no time, no sequence.
  Its key is a random UUID, so the order of keys says nothing about the order of casting.
- `BallotCast` ("has voted") says who voted, so nobody votes twice; it carries no choice
  and no reference to a ballot, and no time either (the audit event of casting has the
  time; it names the BallotCast, never a ballot).
- What could still link the two is the order the database wrote them in (SQLite's hidden
  rowid, PostgreSQL's xmin and the heap order). Closing the vote therefore rewrites the ballot
  box: every ballot is deleted and written again, shuffled, under new random keys, in the
  closing transaction. After the close, nothing in the ballots' table follows the casting.
- The tally is stored when the vote closes and can be recounted from the ballots at any
  time (`selectors.recount`), shown next to the stored result.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hatnhan.core.restrict import RestrictedQuerySet
from hatnhan.meetings.models import Meeting
from hatnhan.members.models import Member
from hatnhan.tasks.models import user_field


class Subject(models.TextChoices):
    RESOLUTION = "resolution", _("Thông qua nghị quyết")
    PROPOSAL = "proposal", _("Đề xuất (như xếp loại đảng viên cuối năm)")
    OTHER = "other", _("Nội dung khác")


class Method(models.TextChoices):
    HANDS = "hands", _("Giơ tay")
    SECRET = "secret", _("Bỏ phiếu kín trên điện thoại")


class VoteState(models.TextChoices):
    OPEN = "open", _("Đang biểu quyết")
    CLOSED = "closed", _("Đã kết thúc")


class Choice(models.TextChoices):
    FOR = "for", _("Tán thành")
    AGAINST = "against", _("Không tán thành")
    ABSTAIN = "abstain", _("Không biểu quyết")


class Vote(models.Model):
    """One question put to the meeting, its method, and (once closed) its result."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("cuộc sinh hoạt"), on_delete=models.PROTECT, related_name="votes"
    )
    subject = models.CharField(
        _("biểu quyết về"), max_length=12, choices=Subject.choices, default=Subject.RESOLUTION
    )
    question = models.CharField(_("nội dung biểu quyết"), max_length=500)
    method = models.CharField(_("hình thức"), max_length=8, choices=Method.choices)
    state = models.CharField(
        _("trạng thái"), max_length=8, choices=VoteState.choices, default=VoteState.OPEN
    )
    # Who may vote, fixed when the vote opens: the members present then (a secret ballot
    # needs the number before the first ballot; a show of hands is checked against it).
    eligible = models.PositiveSmallIntegerField(_("số đảng viên có quyền biểu quyết"), default=0)
    votes_for = models.PositiveSmallIntegerField(_("tán thành"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("không tán thành"), default=0)
    abstentions = models.PositiveSmallIntegerField(_("không biểu quyết"), default=0)
    adopted = models.BooleanField(_("được thông qua"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    opened_by = user_field(_("người mở biểu quyết"))
    opened_at = models.DateTimeField(_("mở lúc"), auto_now_add=True)
    closed_by = user_field(_("người kết thúc"))
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "meeting__organization__path"
    # A member sees the votes of the meetings they are invited to.
    restriction_owner = "meeting__attendances__member"

    class Meta:
        verbose_name = _("biểu quyết")
        verbose_name_plural = _("biểu quyết")
        ordering = ["meeting_id", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(votes_for__lte=models.F("eligible") - models.F("votes_against"))
                & Q(
                    abstentions__lte=models.F("eligible")
                    - models.F("votes_for")
                    - models.F("votes_against")
                ),
                name="vote_counts_within_eligible",
                violation_error_message=_(
                    "Tổng số tán thành, không tán thành và không biểu quyết không được vượt quá "
                    "số đảng viên có quyền biểu quyết."
                ),
            ),
            models.CheckConstraint(
                condition=Q(state="open", closed_at__isnull=True)
                | Q(state="closed", closed_at__isnull=False),
                name="vote_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.question

    @property
    def ref(self) -> str:
        return f"votes.vote:{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state == VoteState.OPEN

    @property
    def is_secret(self) -> bool:
        return self.method == Method.SECRET


def random_key() -> uuid.UUID:
    # uuid4 draws from os.urandom: a ballot's key tells nothing of when it was cast.
    return uuid.uuid4()


class Ballot(models.Model):
    """One secret ballot: the choice, nothing that says who cast it or when."""

    id = models.UUIDField(primary_key=True, default=random_key, editable=False)
    vote = models.ForeignKey(
        Vote, verbose_name=_("biểu quyết"), on_delete=models.PROTECT, related_name="ballots"
    )
    choice = models.CharField(_("lựa chọn"), max_length=8, choices=Choice.choices)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "vote__meeting__organization__path"

    class Meta:
        verbose_name = _("phiếu biểu quyết")
        verbose_name_plural = _("phiếu biểu quyết")
        # Counted, never listed in an order that could follow the casting.
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.pk)


class BallotCast(models.Model):
    """That a member has voted in a secret ballot (once each): no choice, no ballot, no time."""

    vote = models.ForeignKey(
        Vote, verbose_name=_("biểu quyết"), on_delete=models.PROTECT, related_name="casts"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="ballots_cast"
    )

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "vote__meeting__organization__path"
    restriction_owner = "member"

    class Meta:
        verbose_name = _("đã bỏ phiếu")
        verbose_name_plural = _("đã bỏ phiếu")
        ordering = ["vote_id", "member__sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "member"],
                name="ballot_cast_once",
                violation_error_message=_("Đồng chí đã bỏ phiếu cho nội dung này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.vote}"
