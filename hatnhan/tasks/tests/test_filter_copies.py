"""A FilterSet's filters are its own (core.filters._Filters copies them shallowly instead of
django-filter's deep copy): nothing one list request does reaches another's or the class's."""

import pytest
from django.test import RequestFactory

from hatnhan.tasks.filters import TaskFilter
from hatnhan.tasks.models import Task

pytestmark = [pytest.mark.django_db]


def test_each_filterset_has_its_own_filters_bound_to_itself(users):
    request = RequestFactory().get("/")
    request.user = users["secretary"]
    one = TaskFilter({"status": "open"}, Task.objects.all(), request=request)
    two = TaskFilter({"status": "done"}, Task.objects.all(), request=request)
    declared = TaskFilter.base_filters
    for name, filter_ in one.filters.items():
        assert filter_ is not two.filters[name] and filter_ is not declared[name]
        assert filter_.extra == declared[name].extra and filter_.extra is not declared[name].extra
        assert filter_.parent is one and two.filters[name].parent is two
    one.filters["status"].extra["changed"] = True
    assert "changed" not in declared["status"].extra
    assert "changed" not in two.filters["status"].extra
    del one.filters["status"].extra["changed"]  # its form field would be given it
    # A filter by method runs its own FilterSet's method, on its own form's value.
    assert one.is_valid() and two.is_valid()
    assert "IN (assigned, awaiting_acceptance, in_progress)" in str(one.qs.query)
    assert "IN (done)" in str(two.qs.query)
    # Each builds its own form fields (the organization's queryset is the request user's).
    assert one.form.fields["organization"] is not two.form.fields["organization"]
