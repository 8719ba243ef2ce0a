import io
from pathlib import Path

import pytest

from hatnhan.exchange.services import apply_import, plan_import


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def plan_for(tree):
    """plan_for(data, organization=STC, actor=None, create_cells=False) -> ImportPlan."""

    def plan(
        data: bytes,
        organization=None,
        actor=None,
        create_cells: bool = False,
        name: str = "list.xlsx",
    ):
        return plan_import(
            actor=actor,
            organization=organization or tree["stc"],
            source=io.BytesIO(data),
            create_cells=create_cells,
            source_name=name,
        )

    return plan


@pytest.fixture
def do_import(plan_for):
    """Plan and apply; fails the test if the plan has errors."""

    def run(data: bytes, organization=None, actor=None, create_cells: bool = False):
        plan = plan_for(data, organization=organization, actor=actor, create_cells=create_cells)
        assert not plan.errors, [str(e) for e in plan.errors]
        return plan, apply_import(actor=actor, plan=plan)

    return run


def write(tmp_path: Path, data: bytes, name: str = "list.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path
