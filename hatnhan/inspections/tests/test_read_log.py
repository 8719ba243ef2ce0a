"""Every read of a case is logged (issue 10: who, when, what), not only writes; the log is
visible to the inspecting body and not to the subject."""

from django.urls import reverse

from hatnhan.inspections.models import CaseRead, ReadWhat, Step


def test_every_read_is_logged_with_who_and_what(client, case, advance, inspector, users):
    """Page, subject's view, Word download and API read each leave a line."""
    advance(case, Step.SELF_REPORT)
    client.force_login(inspector)
    client.get(reverse("inspections:case", args=[case.pk]))
    client.get(reverse("inspections:decision-docx", args=[case.pk]))
    client.get(reverse("inspection-case-detail", args=[case.pk]))
    client.force_login(users["secretary"])
    client.get(reverse("inspections:subject", args=[case.pk]))
    logged = list(CaseRead.objects.filter(case=case).order_by("id").values_list("user", "what"))
    assert logged == [
        (inspector.pk, ReadWhat.CASE),
        (inspector.pk, ReadWhat.DECISION_DOCX),
        (inspector.pk, ReadWhat.API),
        (users["secretary"].pk, ReadWhat.SUBJECT_VIEW),
    ]


def test_the_log_is_shown_to_the_inspecting_body_only(client, case, inspector, users):
    """The body reads the log; a refused read (404) is not a read."""
    client.force_login(users["other"])
    assert client.get(reverse("inspections:case", args=[case.pk])).status_code == 404
    client.force_login(inspector)
    client.get(reverse("inspections:case", args=[case.pk]))
    page = client.get(reverse("inspections:reads", args=[case.pk]))
    assert page.status_code == 200
    assert "Lê Văn Kiểm" in page.text  # the reader's member name, never the login
    assert CaseRead.objects.filter(case=case).count() == 1
