"""Live progress of a running import or export, readable by the page while the task works.

Why a small file beside the upload and not a column: applying an import is one database
transaction (all or nothing), so a progress column updated inside it stays invisible to
the polling page until the end — and SQLite allows no second writer while it runs. A
file under MEDIA_ROOT is visible at once to the web process on either database. The
final counts go to the ImportBatch row when the work ends.
"""

import json
import os
import time
from pathlib import Path

from django.conf import settings

# An import batch's id, or "export-<id>" for an export job.
Key = int | str
_last_write: dict[Key, float] = {}
_MIN_INTERVAL = 0.3  # seconds between writes: progress must not slow the import


def _path(batch_id: Key) -> Path:
    name = str(int(batch_id)) if isinstance(batch_id, int) else batch_id
    if not name.replace("-", "").isalnum():
        raise ValueError(name)
    return Path(settings.MEDIA_ROOT) / "imports" / "progress" / f"{name}.json"


def write_progress(
    batch_id: Key, done: int, total: int, *, phase: str = "read", force: bool = False
) -> None:
    now = time.monotonic()
    if not force and done < total and now - _last_write.get(batch_id, 0.0) < _MIN_INTERVAL:
        return
    _last_write[batch_id] = now
    path = _path(batch_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps({"done": done, "total": total, "phase": phase}))
    os.replace(temporary, path)  # atomic: a reader never sees half a file


def read_progress(batch_id: Key) -> tuple[int, int, str] | None:
    """(done, total, phase) where phase is "read" (checking the file) or "write"."""
    try:
        data = json.loads(_path(batch_id).read_text())
        return int(data["done"]), int(data["total"]), str(data.get("phase", "read"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def clear_progress(batch_id: Key) -> None:
    _path(batch_id).unlink(missing_ok=True)
    _last_write.pop(batch_id, None)
