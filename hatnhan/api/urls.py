from django.urls import include, path
from rest_framework.routers import DefaultRouter

from hatnhan.accounts.api import AccountViewSet
from hatnhan.audit.api import AuditEventViewSet
from hatnhan.briefings.api import BriefingDutyViewSet, BriefingViewSet, ConclusionViewSet
from hatnhan.dashboards.api import MemberScorecardViewSet, OrganizationScorecardViewSet
from hatnhan.directives.api import (
    DirectiveViewSet,
    FocusIssueViewSet,
    ResolutionViewSet,
    YearThemeViewSet,
)
from hatnhan.discipline.api import DecisionViewSet, StateDisciplineViewSet
from hatnhan.evaluations.api import EvaluationRoundViewSet, EvaluationViewSet
from hatnhan.feedback.api import FeedbackReportViewSet
from hatnhan.inspections.api import CaseViewSet, FindingViewSet, ProgramItemViewSet
from hatnhan.meetings.api import AssessmentViewSet, MeetingViewSet
from hatnhan.meetings.api_word import MinutesDocxView, ResolutionDocxView
from hatnhan.members.api import CommitteeSeatViewSet, MemberViewSet
from hatnhan.organizations.api import OrganizationViewSet, TermViewSet
from hatnhan.tasks.api import NotificationViewSet, TaskViewSet
from hatnhan.votes.api import VoteViewSet

from .views import DocsView, SchemaView

# Each app defines its viewsets in its own api.py and registers them here, one line each.
router = DefaultRouter()
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("terms", TermViewSet, basename="term")
router.register("members", MemberViewSet, basename="member")
router.register("seats", CommitteeSeatViewSet, basename="seat")
router.register("accounts", AccountViewSet, basename="account")
router.register("audit-events", AuditEventViewSet, basename="audit-event")
router.register("directives", DirectiveViewSet, basename="directive")
router.register("year-themes", YearThemeViewSet, basename="year-theme")
router.register("resolutions", ResolutionViewSet, basename="resolution")
router.register("focus-issues", FocusIssueViewSet, basename="focus-issue")
router.register("tasks", TaskViewSet, basename="task")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("briefing-duties", BriefingDutyViewSet, basename="briefing-duty")
router.register("briefings", BriefingViewSet, basename="briefing")
router.register("briefing-conclusions", ConclusionViewSet, basename="briefing-conclusion")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("meeting-assessments", AssessmentViewSet, basename="meeting-assessment")
router.register("votes", VoteViewSet, basename="vote")

router.register("inspection-items", ProgramItemViewSet, basename="inspection-item")
router.register("inspection-cases", CaseViewSet, basename="inspection-case")
router.register("inspection-findings", FindingViewSet, basename="inspection-finding")
router.register("discipline", DecisionViewSet, basename="discipline")
router.register("state-discipline", StateDisciplineViewSet, basename="state-discipline")
router.register("feedback-reports", FeedbackReportViewSet, basename="feedback-report")
router.register("evaluation-rounds", EvaluationRoundViewSet, basename="evaluation-round")
router.register("evaluations", EvaluationViewSet, basename="evaluation")
router.register(
    "scorecards/organizations", OrganizationScorecardViewSet, basename="organization-scorecard"
)
router.register("scorecards/members", MemberScorecardViewSet, basename="member-scorecard")

urlpatterns = [
    # Files, not records: beside the router's routes (a dot never matches its detail route).
    path(
        "api/v1/meetings/<int:id>/minutes.docx",
        MinutesDocxView.as_view(),
        name="api-meeting-minutes-docx",
    ),
    path(
        "api/v1/meetings/<int:id>/resolution.docx",
        ResolutionDocxView.as_view(),
        name="api-meeting-resolution-docx",
    ),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SchemaView.as_view(), name="api-schema"),
    path("api/docs/", DocsView.as_view(url_name="api-schema"), name="api-docs"),
]
