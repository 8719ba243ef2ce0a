from hatnhan.core.restrict import CHANGE, MANAGE, VIEW, restrict
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization


def test_role_reaches_its_subtree_only(users, tree, make_member):
    stc_member = make_member(tree["stc_cell"], "Lê Văn Cường")
    syt_member = make_member(tree["syt_cell"], "Phạm Thị Dung")
    visible = set(restrict(Member.objects.all(), users["secretary"], VIEW))
    assert stc_member in visible and syt_member not in visible
    orgs = set(restrict(Organization.objects.all(), users["secretary"], VIEW))
    assert orgs == {tree["stc"], tree["stc_cell"]}


def test_bloc_role_reaches_everything(users, tree):
    assert restrict(Organization.objects.all(), users["staff"], VIEW).count() == 5


def test_member_role_reaches_own_record_only(users, tree, make_member):
    make_member(tree["stc_cell"], "Lê Văn Cường")
    mine = list(Member.objects.restrict(users["member"], VIEW))
    assert mine == [users["member"].member]
    assert not Member.objects.restrict(users["member"], CHANGE).exists()


def test_inspector_views_but_does_not_change(users, tree):
    assert Organization.objects.restrict(users["inspector"], VIEW).exists()
    assert not Organization.objects.restrict(users["inspector"], CHANGE).exists()


def test_manage_is_bloc_only(users):
    assert Organization.objects.restrict(users["admin"], MANAGE).exists()
    assert not Organization.objects.restrict(users["secretary"], MANAGE).exists()


def test_anonymous_reaches_nothing(tree):
    from django.contrib.auth.models import AnonymousUser

    assert not Organization.objects.restrict(AnonymousUser(), VIEW).exists()
