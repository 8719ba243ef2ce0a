"""For the every-URL restriction walker: an object inside the STC subtree per URL kwarg."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from hatnhan.exchange.services import create_batch

from .sheets import row, simple


def url_objects(ctx) -> dict[str, int]:
    data = simple(row(1, "Nguyễn Văn Walker", "WALK0001"))
    upload = SimpleUploadedFile("walker.xlsx", io.BytesIO(data).getvalue())
    batch = create_batch(actor=None, organization=ctx.tree["stc"], upload=upload)
    return {"batch_id": batch.pk, "exchange.importbatch": batch.pk}
