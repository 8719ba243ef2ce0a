"""/api/v1/votes/: votes at meetings.

- GET /votes/ (filters: state, method, meeting), GET /votes/{id}/ — `result` and `recount`
  are null while the vote is open (a secret ballot's standing is nobody's before it closes);
  `cast_count` says how many have voted.
- POST /votes/ {meeting, question, subject, method: "secret"} opens a secret ballot;
  {…, method: "hands", votes_for, votes_against, abstentions} records a show of hands
  (closed at once, counts ≤ the members present entitled to vote, else 400).
- POST /votes/{id}/ballot/ {choice: for|against|abstain} — a present member's ballot;
  201 {voted: true}, never the choice back. A second ballot or a closed vote → 400, someone
  not present → 403.
- POST /votes/{id}/close/ — the secretary closes a secret ballot; the result is then shown.
"""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from hatnhan.core.api import RestrictedModelSerializer, RestrictedViewSetMixin
from hatnhan.meetings.models import Meeting

from . import selectors, services
from .filters import VoteFilter
from .models import Choice, Method, Subject, Vote


class TallySerializer(serializers.Serializer):
    votes_for = serializers.IntegerField()
    votes_against = serializers.IntegerField()
    abstentions = serializers.IntegerField()


class VoteSerializer(RestrictedModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    subject = serializers.ChoiceField(choices=Subject.choices, default=Subject.RESOLUTION)
    method = serializers.ChoiceField(choices=Method.choices)
    votes_for = serializers.IntegerField(
        min_value=0, max_value=10000, required=False, write_only=True
    )
    votes_against = serializers.IntegerField(
        min_value=0, max_value=10000, required=False, write_only=True
    )
    abstentions = serializers.IntegerField(
        min_value=0, max_value=10000, required=False, write_only=True
    )
    cast_count = serializers.SerializerMethodField(help_text="Số đảng viên đã bỏ phiếu kín.")
    result = serializers.SerializerMethodField(
        help_text="Kết quả đã ghi khi kết thúc; null khi đang biểu quyết."
    )
    recount = serializers.SerializerMethodField(
        help_text="Kết quả kiểm lại từ các phiếu đã lưu (phiếu kín, đã kết thúc); null khác."
    )

    class Meta:
        model = Vote
        fields = [
            "id",
            "meeting",
            "subject",
            "question",
            "method",
            "state",
            "eligible",
            "cast_count",
            "result",
            "recount",
            "adopted",
            "votes_for",
            "votes_against",
            "abstentions",
            "opened_at",
            "closed_at",
        ]
        read_only_fields = ["state", "eligible", "adopted", "opened_at", "closed_at"]

    def get_cast_count(self, obj: Vote) -> int:
        return selectors.cast_count(obj)

    @extend_schema_field(TallySerializer(allow_null=True))
    def get_result(self, obj: Vote) -> dict[str, int] | None:
        tally = selectors.stored(obj)
        return TallySerializer(tally).data if tally is not None else None

    @extend_schema_field(TallySerializer(allow_null=True))
    def get_recount(self, obj: Vote) -> dict[str, int] | None:
        tally = selectors.recount(obj)
        return TallySerializer(tally).data if tally is not None else None

    def create(self, validated: dict[str, Any]) -> Vote:
        meeting = validated["meeting"]
        if validated["method"] == Method.HANDS:
            if validated.get("votes_for") is None:
                raise serializers.ValidationError(
                    {"votes_for": ["Biểu quyết giơ tay: nhập số tán thành."]}
                )
            return services.record_show_of_hands(
                actor=self.actor,
                meeting=meeting,
                question=validated["question"],
                subject=validated["subject"],
                votes_for=validated["votes_for"],
                votes_against=validated.get("votes_against", 0),
                abstentions=validated.get("abstentions", 0),
            )
        return services.open_secret_ballot(
            actor=self.actor,
            meeting=meeting,
            question=validated["question"],
            subject=validated["subject"],
        )


class BallotInput(serializers.Serializer):
    choice = serializers.ChoiceField(choices=Choice.choices)


class VoteViewSet(
    RestrictedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Votes the user may see (the meetings' organizations in reach; a member, the meetings
    they are invited to), filtered by `state`, `method`, `meeting`."""

    serializer_class = VoteSerializer
    queryset = Vote.objects.all()
    filterset_class = VoteFilter
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[Vote]:
        # The selector reads through restrict(VIEW) itself.
        return selectors.vote_list(self.request.user)

    def _answer(self, vote: Vote, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=vote.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(
        request=BallotInput,
        responses={201: inline_serializer("BallotReceipt", {"voted": serializers.BooleanField()})},
        summary="Bỏ phiếu kín (choice: for, against, abstain); người không có mặt → 403",
    )
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def ballot(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        # Out of reach answers 404 before anything about the input.
        vote = self.get_object()
        payload = BallotInput(data=request.data)
        payload.is_valid(raise_exception=True)
        services.cast_ballot(actor=request.user, vote=vote, choice=payload.validated_data["choice"])
        # The receipt says that the ballot was taken, never what it said.
        return Response({"voted": True}, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses=VoteSerializer,
        summary="Kết thúc bỏ phiếu kín và công bố kết quả",
    )
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def close(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        vote = self.get_object()
        services.close_vote(actor=request.user, vote=vote)
        return self._answer(vote)
