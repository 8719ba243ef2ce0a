"""The accounts' part of the demo: the README's accounts, all with the password "demo".

The bloc's admin, its staff (the article's interviewee) and an inspector; then, for three
grassroots organizations, its sitting secretary, a committee member and a plain member with
no seat. The people are found in what the members' part wrote (the first in the order they
were created, so the choice is as deterministic as the data), and the accounts are made
through the service, one audit event per account and role as in real use.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice

from hatnhan.members.demo import INSPECTION_DEPUTY, INTERVIEWEE, OFFICE_STAFF, staff_posts
from hatnhan.members.models import Member, MemberStatus
from hatnhan.organizations.demo import ROOT_CODE
from hatnhan.organizations.models import Organization

from . import mfa
from .models import Role, RoleName, User
from .services import create_user

DEMO_PASSWORD = "demo"
# The grassroots organizations that get a secretary, a committee member and a plain member.
ACCOUNT_ORGS = [("STC", "stc"), ("SYT", "syt"), ("SGTVT", "sgtvt")]
# The custodian of citizen reporters' identities: a staff member of the bloc's inspection
# committee office (a post of the office cell's roster).
CUSTODIAN_POST = "Chuyên viên Ủy ban Kiểm tra"
assert CUSTODIAN_POST in OFFICE_STAFF
USERNAMES = ["admin", "tung", "kiemtra", "custodian"] + [
    f"{prefix}.{kind}" for _, prefix in ACCOUNT_ORGS for kind in ("bithu", "capuy", "dangvien")
]


def _sitting(org: Organization, roles: set[str]) -> Member:
    return (
        Member.objects.filter(
            seats__organization=org, seats__role__in=roles, seats__end_date__isnull=True
        )
        .order_by("pk")
        .first()
    )


def _plain_member(org: Organization) -> Member:
    """A member of one of the organization's cells who never sat on a committee, never moved,
    and is a full member: the account that sees only its own records."""
    return (
        Member.objects.filter(
            organization__path__startswith=org.path,
            status=MemberStatus.ACTIVE,
            full_membership_date__isnull=False,
            post__in=staff_posts(),
            seats__isnull=True,
            transfers__isnull=True,
        )
        .exclude(organization=org)
        .order_by("pk")
        .first()
    )


def _custodian() -> Member:
    """The first inspection committee office specialist; the office's first staff member when
    the (random) roster has none."""
    office = Member.objects.filter(post__in=OFFICE_STAFF).order_by("pk")
    return office.filter(post=CUSTODIAN_POST).first() or office.first()


def populate(*, rng: random.Random, today: dt.date, stdout: Any) -> dict[str, int]:
    root = Organization.objects.get(code=ROOT_CODE)
    plan: list[tuple[str, str, Organization, Member | None]] = [
        ("admin", RoleName.ADMIN, root, None),
        ("tung", RoleName.STAFF, root, Member.objects.get(full_name=INTERVIEWEE)),
        ("kiemtra", RoleName.INSPECTOR, root, Member.objects.get(post=INSPECTION_DEPUTY)),
        ("custodian", RoleName.CUSTODIAN, root, _custodian()),
    ]
    for code, prefix in ACCOUNT_ORGS:
        org = Organization.objects.get(code=code)
        plain = _plain_member(org)
        plan += [
            (f"{prefix}.bithu", RoleName.SECRETARY, org, _sitting(org, {"secretary"})),
            (
                f"{prefix}.capuy",
                RoleName.COMMITTEE,
                org,
                _sitting(org, {"committee", "deputy_secretary"}),
            ),
            (f"{prefix}.dangvien", RoleName.MEMBER, plain.organization, plain),
        ]
    # One slow hash for every demo account instead of one each (they all share "demo").
    demo_hash = make_password(DEMO_PASSWORD)
    for username, role, org, member in plan:
        create_user(
            actor=None,
            username=username,
            role=role,
            organization=org,
            member=member,
            password_hash=demo_hash,
        )
    # Every account whose role requires two-factor sign-in gets an authenticator with the
    # demo's public secret, so that a visitor can sign in (the code page shows the current
    # code in demo mode: hatnhan.accounts.mfa.demo_hint).
    required = set(settings.HATNHAN_MFA_REQUIRED_ROLES)
    devices = [
        TOTPDevice(
            user=User.objects.get(username=username),
            name=mfa.DEVICE_NAME,
            key=mfa.DEMO_KEY_HEX,
            confirmed=True,
        )
        for username, role, _, _ in plan
        if role in required
    ]
    TOTPDevice.objects.bulk_create(devices)
    stdout.write(f"  … {len(plan)} tài khoản ({len(devices)} có xác thực hai lớp)")
    return {"accounts": len(plan), "authenticators": len(devices)}


def demo_accounts() -> list[dict[str, str]]:
    """The demo accounts present in the database, for the command's summary: username, role,
    organization and the member it belongs to."""
    roles = Role.objects.filter(user__username__in=USERNAMES).select_related(
        "user__member", "organization"
    )
    by_user = {r.user.username: r for r in roles}
    return [
        {
            "username": name,
            "role": by_user[name].get_role_display(),
            "organization": by_user[name].organization.name,
            "organization_code": by_user[name].organization.code,
            "member": by_user[name].user.member.full_name if by_user[name].user.member else "",
        }
        for name in USERNAMES
        if name in by_user
    ]


def describe(*, stdout: Any) -> None:
    """The accounts to sign in with, printed after a load and when one is found."""
    accounts = demo_accounts()
    if not accounts:
        return
    stdout.write(
        f"\nTài khoản demo (mật khẩu “{DEMO_PASSWORD}”; mã xác thực hai lớp hiện trên trang "
        f"nhập mã, khóa bí mật {mfa.DEMO_SECRET_BASE32}):"
    )
    width = max(len(a["username"]) for a in accounts)
    for a in accounts:
        who = f" — {a['member']}" if a["member"] else ""
        stdout.write(f"  {a['username']:<{width}}  {a['role']} @ {a['organization_code']}{who}")
