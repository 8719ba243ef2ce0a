"""The shared test helpers can fail: writes_nothing sees a row written, in any app's table."""

import pytest

from hatnhan.core.testing import writes_nothing
from hatnhan.organizations.services import create_organization


def test_writes_nothing_passes_a_block_that_writes_nothing(tree):
    with writes_nothing():
        assert tree["stc"].children.count() == 1


def test_writes_nothing_fails_when_a_row_is_written(tree):
    with pytest.raises(AssertionError, match=r"organizations\.Organization"), writes_nothing():
        create_organization(
            actor=None, code="STC-X", name="Chi bộ X", kind="cell", parent=tree["stc"]
        )
