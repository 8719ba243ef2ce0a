"""Objects inside the STC subtree for the every-URL restriction walker: a report to STC with
a file and an identity request; the public pages open to anyone by nature."""

from django.utils import timezone

from hatnhan.accounts.models import User
from hatnhan.feedback.models import FeedbackFile, FeedbackReport, IdentityRequest, Status

PUBLIC_URL_NAMES = {
    "feedback:public-index": "citizens report without an account: the agencies",
    "feedback:public-report": "citizens report without an account: an agency's form",
    "feedback:public-follow": "following a report by its code and secret, no account",
    "feedback:public-stats": "the public statistics (no personal data)",
    "feedback:public-agency-stats": "an agency's public statistics (no personal data)",
    "api-feedback-submit": "the public report endpoint (no account; own throttle)",
    "api-feedback-follow": "the public follow endpoint (code and secret; own throttle)",
}


def url_objects(ctx) -> dict[str, int]:
    today = timezone.localdate()
    report = FeedbackReport.objects.create(
        organization=ctx.tree["stc"],
        receipt_code="PA-TEST-URLS",
        secret_hash="!",
        category="other",
        description="Phản ánh",
        status=Status.RECEIVED,
        received_on=today,
        triage_due=today,
    )
    stored = FeedbackFile.objects.create(
        report=report, file="feedback/t/none.png", file_name="none.png", file_kind="png"
    )
    request = IdentityRequest.objects.create(
        report=report, requested_by=User.objects.order_by("pk").first(), reason="Lý do"
    )
    return {
        "report_id": report.pk,
        "feedback_file_id": stored.pk,
        "identity_request_id": request.pk,
        "feedback.feedbackreport": report.pk,
    }
