"""Who sees a case (issue 10; INSPECTION_CASE_ACCESS): the inspecting body and the roles the
setting allows, not every secretary of the subtree by default."""

from hatnhan.accounts.services import create_user
from hatnhan.core.restrict import CHANGE, VIEW
from hatnhan.inspections import services
from hatnhan.inspections.models import Body, Case, ItemKind


def _stc_case(tree):
    """A case STC's own inspection committee runs over its cell."""
    return services.open_case(
        actor=None,
        organization=tree["stc"],
        body=Body.INSPECTION_COMMITTEE,
        kind=ItemKind.THEMATIC_SUPERVISION,
        subject_organization=tree["stc_cell"],
        title="Giám sát chi bộ",
    )


def test_the_inspecting_body_and_inspectors_above_see_it(tree, users, inspector):
    """The committee that owns the case (STC's secretary) and inspectors at or above it."""
    case = _stc_case(tree)
    for user in (users["secretary"], users["committee"], users["inspector"], inspector):
        assert Case.objects.restrict(user, VIEW).filter(pk=case.pk).exists(), user
    assert Case.objects.restrict(users["inspector"], CHANGE).filter(pk=case.pk).exists()


def test_a_secretary_above_does_not_see_the_cases_of_the_bodies_below(tree, users, make_member):
    """Not every secretary of the subtree: the bloc's secretary does not read STC's case."""
    case = _stc_case(tree)
    bloc_secretary = create_user(
        actor=None,
        username="duk.bithu",
        role="secretary",
        organization=tree["bloc"],
        password="demo",
        check_password=False,
    )
    assert not Case.objects.restrict(bloc_secretary, VIEW).filter(pk=case.pk).exists()
    assert not Case.objects.restrict(users["other"], VIEW).filter(pk=case.pk).exists()
    assert not Case.objects.restrict(users["member"], VIEW).filter(pk=case.pk).exists()


def test_the_setting_widens_who_reads(tree, settings):
    """INSPECTION_CASE_ACCESS is the rule: granting secretaries the subtree lets them read."""
    case = _stc_case(tree)
    bloc_secretary = create_user(
        actor=None,
        username="duk.bithu",
        role="secretary",
        organization=tree["bloc"],
        password="demo",
        check_password=False,
    )
    settings.INSPECTION_CASE_ACCESS = {
        "subtree": {"inspector": ["view"], "secretary": ["view"]},
        "body": {},
    }
    bloc_secretary._hatnhan_grants = None
    assert Case.objects.restrict(bloc_secretary, VIEW).filter(pk=case.pk).exists()
