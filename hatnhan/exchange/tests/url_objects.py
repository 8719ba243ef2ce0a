"""For the every-URL restriction walker: an object inside the STC subtree per URL kwarg."""

from hatnhan.exchange.models import ExportJob, ExportStatus, ImportBatch, ImportStatus


def url_objects(ctx) -> dict[str, int]:
    # A batch row is enough for the pages to answer (or refuse); no file is written, so the
    # walker leaves nothing in MEDIA_ROOT.
    batch = ImportBatch.objects.create(
        organization=ctx.tree["stc"],
        file="imports/walker.xlsx",
        original_name="walker.xlsx",
        status=ImportStatus.READY,
        summary={"counts": {"create": 0}},
    )
    # An export job is its requester's: the STC secretary's, refused to anyone else.
    job = ExportJob.objects.create(
        requested_by=ctx.users["secretary"], kind="members", status=ExportStatus.QUEUED
    )
    return {"batch_id": batch.pk, "job_id": job.pk}
