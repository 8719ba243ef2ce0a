"""An API serializer never writes as the operator: without a request it refuses."""

import pytest

from hatnhan.members.api import MemberSerializer
from hatnhan.members.models import Member


def test_write_without_a_request_is_refused(tree):
    serializer = MemberSerializer(data={"full_name": "Lê Văn Cường"}, context={})
    # No request: related fields see nothing, so the organization cannot even be chosen...
    assert not serializer.fields["organization"].queryset.exists()
    serializer.is_valid()
    # ...and saving cannot fall back to actor=None (the command line's unlimited rights).
    serializer._validated_data = {"full_name": "Lê Văn Cường", "organization": tree["stc_cell"]}
    serializer._errors = {}
    with pytest.raises(RuntimeError, match="request"):
        serializer.save()
    assert not Member.objects.filter(full_name="Lê Văn Cường").exists()
