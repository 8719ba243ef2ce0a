"""The demo as a whole: the apps' parts loaded in layer order through their services, --if-empty,
and an intact audit chain after it (each part's plan: hatnhan/<app>/tests/test_demo*.py)."""

import datetime as dt
import random
from io import StringIO
from types import SimpleNamespace

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import CommandError, call_command
from django.db import transaction

from hatnhan.accounts.demo import demo_accounts
from hatnhan.accounts.models import Role, User
from hatnhan.audit.models import AuditEvent
from hatnhan.audit.services import verify_chain
from hatnhan.core.layers import LAYERS
from hatnhan.core.management.commands import demo as demo_command
from hatnhan.core.restrict import VIEW
from hatnhan.core.text import search_key, vietnamese_sort_key
from hatnhan.members.demo import INTERVIEWEE, make_plan
from hatnhan.members.models import CommitteeSeat, Member, MemberTransfer
from hatnhan.organizations.demo import ROOT_CODE, plan_terms, plan_tree
from hatnhan.organizations.models import Organization, OrganizationKind

TODAY = dt.date(2026, 11, 25)
GRASSROOTS = [OrganizationKind.GRASSROOTS_COMMITTEE, OrganizationKind.GRASSROOTS_CELL]


SEED = 11
FOUNDATION = dict(LAYERS)["foundation"]


def member_plan(*, seed: int, scale: float):
    """The members' plan the command draws for `seed`: each part has its own generator."""
    tree = plan_tree()
    terms = {
        (t.org, t.name): (t.start, t.end)
        for t in plan_terms(random.Random(f"{seed}:organizations"), tree)
    }
    return make_plan(
        rng=random.Random(f"{seed}:members"), scale=scale, today=TODAY, tree=tree, terms=terms
    )


def run_demo(**options) -> str:
    out = StringIO()
    call_command("demo", scale=0.05, today=TODAY.isoformat(), stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo loaded once for this module (it is the slow part, especially on PostgreSQL),
    with a stand-in app hook recording how it is called; rolled back when the module ends.
    Each test still runs inside its own savepoint through the `db` fixture."""
    calls = []

    def populate(*, rng, today, stdout):
        # Runs after the foundation data exists, inside the same transaction.
        calls.append((rng.random(), today, Member.objects.count() > 0, stdout))

    foundation = [(label, m) for label, m in demo_command.demo_modules() if label in FOUNDATION]
    stand_in = ("tasks", SimpleNamespace(populate=populate))
    with pytest.MonkeyPatch.context() as mp, django_db_blocker.unblock():
        # The foundation's real parts, then a stand-in for the record's (they test their own).
        mp.setattr(demo_command, "demo_modules", lambda: [*foundation, stand_in])
        with transaction.atomic():
            output = run_demo(seed=SEED)
            yield {"output": output, "calls": calls}
            transaction.set_rollback(True)


def test_demo_builds_the_bloc_through_the_services(loaded, db):
    output = loaded["output"]
    plan = member_plan(seed=SEED, scale=0.05)

    bloc = Organization.objects.get(code=ROOT_CODE)
    assert bloc.name == "Đảng bộ Khối Các cơ quan tỉnh Nghệ An"
    assert bloc.kind == OrganizationKind.BLOC_COMMITTEE and bloc.parent is None
    assert Organization.objects.filter(parent=bloc, kind__in=GRASSROOTS).count() >= 40
    assert Organization.objects.filter(code="STC", name="Đảng bộ Sở Tài chính").exists()
    for org in Organization.objects.select_related("parent"):
        assert org.path == (org.parent.path if org.parent else "") + f"{org.pk:07d}."
        assert org.search_text == search_key(f"{org.code} {org.name} {org.agency_name}")

    # Exactly the planned people, with the derived columns the services compute.
    stored = list(Member.objects.values_list("full_name", "party_card_number", "sort_key"))
    assert sorted((n, c) for n, c, _ in stored) == sorted(
        (m.full_name, m.party_card_number) for m in plan.members
    )
    assert all(key == vietnamese_sort_key(name) for name, _, key in stored)

    # Every grassroots organization has one sitting secretary; some are unified heads.
    sitting = CommitteeSeat.objects.filter(role="secretary", end_date__isnull=True)
    for org in Organization.objects.filter(kind__in=GRASSROOTS):
        assert sitting.filter(organization=org).count() == 1, org.code
    assert sitting.filter(is_agency_head=True).count() >= 10
    assert CommitteeSeat.objects.filter(end_date__isnull=False).exists()  # the last term's
    assert MemberTransfer.objects.exists()

    # The article's interviewee: deputy secretary of the bloc, a member of its office cell.
    tung = Member.objects.get(full_name=INTERVIEWEE)
    assert tung.organization.code == "DUK-CQ"
    assert CommitteeSeat.objects.filter(
        member=tung, organization=bloc, role="deputy_secretary", end_date__isnull=True
    ).exists()

    # Demo accounts: password "demo", the right role where it belongs, printed at the end.
    expected = {
        "admin": ("admin", "DUK"),
        "tung": ("staff", "DUK"),
        "kiemtra": ("inspector", "DUK"),
        "custodian": ("custodian", "DUK"),
        "stc.bithu": ("secretary", "STC"),
        "stc.capuy": ("committee", "STC"),
        "syt.bithu": ("secretary", "SYT"),
        "sgtvt.capuy": ("committee", "SGTVT"),
    }
    for username, (role, code) in expected.items():
        user = User.objects.get(username=username)
        assert check_password("demo", user.password)
        assert Role.objects.filter(user=user, role=role, organization__code=code).exists()
        assert username in output
    assert User.objects.get(username="tung").member == tung
    stc_secretary = User.objects.get(username="stc.bithu").member
    assert sitting.filter(member=stc_secretary, organization__code="STC").exists()
    plain = User.objects.get(username="stc.dangvien")
    assert plain.member.organization.parent.code == "STC"
    assert not plain.member.seats.exists()
    assert Role.objects.get(user=plain).role == "member"
    assert [a["username"] for a in demo_accounts()][:3] == ["admin", "tung", "kiemtra"]
    # Issue 8: every demo account whose role requires two-factor sign-in has an authenticator
    # with the demo's public secret (base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ); members none.
    from django_otp.plugins.otp_totp.models import TOTPDevice

    demo_key = "3132333435363738393031323334353637383930"
    with_device = set(
        TOTPDevice.objects.filter(confirmed=True, key=demo_key).values_list(
            "user__username", flat=True
        )
    )
    assert {
        "admin",
        "tung",
        "kiemtra",
        "custodian",
        "stc.bithu",
        "syt.bithu",
        "sgtvt.bithu",
    } <= with_device
    assert not {"stc.capuy", "stc.dangvien"} & with_device

    # The secretary's reach is the STC subtree only.
    seen = Member.objects.restrict(User.objects.get(username="stc.bithu"), VIEW)
    stc_path = Organization.objects.get(code="STC").path
    assert seen.exists()
    assert not seen.exclude(organization__path__startswith=stc_path).exists()

    assert AuditEvent.objects.filter(action="demo.load").count() == 1
    assert AuditEvent.objects.filter(action="member.create").count() == len(plan.members)
    assert verify_chain() == []
    verified = StringIO()
    call_command("audit", "verify", stdout=verified)
    assert "toàn vẹn" in verified.getvalue()


def test_if_empty_leaves_a_loaded_database_alone(loaded, db):
    counts = (Organization.objects.count(), Member.objects.count(), AuditEvent.objects.count())
    output = run_demo(if_empty=True)
    assert "không nạp lại" in output
    assert "stc.bithu" in output  # the accounts are still shown
    assert counts == (
        Organization.objects.count(),
        Member.objects.count(),
        AuditEvent.objects.count(),
    )
    with pytest.raises(CommandError, match="đã có dữ liệu"):
        run_demo()
    assert verify_chain() == []


def test_each_app_populates_its_part_with_its_own_generator(loaded, db):
    [(drawn, today, had_members, stdout)] = loaded["calls"]
    assert drawn == random.Random(f"{SEED}:tasks").random()
    assert today == TODAY and had_members and stdout is not None


def test_demo_parts_run_in_layer_order():
    labels = [label for label, _ in demo_command.populate_hooks()]
    # core only orchestrates; the tree before its members, the members before their accounts,
    # the foundation before the record.
    assert "core" not in labels
    assert labels[:3] == ["organizations", "members", "accounts"]
    assert labels.index("directives") < labels.index("tasks")
    assert all(callable(fn) for _, fn in demo_command.populate_hooks())
