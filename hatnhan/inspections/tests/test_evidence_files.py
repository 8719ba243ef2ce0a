"""A finding's evidence files are checked on upload (hatnhan.core.uploads) and served only to
the inspecting body (the restriction), never to the subject's side."""

from django.urls import reverse

from hatnhan.inspections import services
from hatnhan.inspections.models import FindingEvidence, Step
from hatnhan.tasks.tests.conftest import png


def test_evidence_is_stored_and_served_to_the_body_only(client, case, advance, inspector, users):
    advance(case, Step.FINDINGS)
    services.add_finding(
        actor=inspector, case=case, title="Thiếu sót", severity="minor", files=[png("bien-ban.png")]
    )
    stored = FindingEvidence.objects.get()
    assert stored.file_kind == "png" and stored.file_name == "bien-ban.png"
    assert "bien-ban" not in stored.file.name  # a server-made name on disk
    url = reverse("inspection_files:evidence", args=[stored.pk])
    client.force_login(inspector)
    assert client.get(url).status_code == 200
    client.force_login(users["secretary"])
    assert client.get(url).status_code == 404
