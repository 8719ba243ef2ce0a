"""A large export answers at once with a page following the background task; the file is
its requester's alone, holding what their restriction lets them see."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hatnhan.exchange.models import ExportJob, ExportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(settings, tmp_path, tree, make_member):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXCHANGE_EXPORT_BACKGROUND_ROWS = 1
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    for name in ("Lê Văn Cường", "Hồ Thị Xuân", "Vũ Văn Tư"):
        make_member(tree["stc_cell"], name)
    make_member(tree["syt_cell"], "Phạm Thị Dung")


def test_a_large_export_runs_in_the_background_and_only_its_requester_downloads(client, users, big):
    client.force_login(users["secretary"])
    response = client.get(reverse("exchange:export-members"), {"q": "van"})
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("exchange:export-job", kwargs={"job_id": job.pk})
    assert job.status == ExportStatus.DONE and job.kind == "members"
    page = client.get(response["Location"])
    assert reverse("exchange:export-file", kwargs={"job_id": job.pk}) in page.content.decode()
    download = client.get(reverse("exchange:export-file", kwargs={"job_id": job.pk}))
    data = b"".join(download.streaming_content)
    names = {
        r[0] for r in list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))[1:]
    }
    assert names == {"Lê Văn Cường", "Vũ Văn Tư"}  # the filter applied, SYT's member not
    client.force_login(users["other"])
    assert client.get(reverse("exchange:export-file", kwargs={"job_id": job.pk})).status_code == 404
    assert client.get(reverse("exchange:export-job", kwargs={"job_id": job.pk})).status_code == 404


def test_a_small_export_is_still_written_in_the_request(client, users, big, settings):
    settings.EXCHANGE_EXPORT_BACKGROUND_ROWS = 100
    client.force_login(users["secretary"])
    response = client.get(reverse("exchange:export-members"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert not ExportJob.objects.exists()


def test_a_running_job_shows_its_progress(client, users, tree):
    job = ExportJob.objects.create(requested_by=users["secretary"], kind="members", total_rows=9)
    client.force_login(users["secretary"])
    fragment = client.get(reverse("exchange:export-progress", kwargs={"job_id": job.pk}))
    assert fragment.status_code == 200 and "0 / 9" in fragment.content.decode()
    assert client.get(reverse("exchange:export-file", kwargs={"job_id": job.pk})).status_code == 404
