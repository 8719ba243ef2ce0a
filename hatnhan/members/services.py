import datetime as dt
import functools
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.services import EventSpec, diff, record_events, snapshot
from hatnhan.core.bulk import insert_rows
from hatnhan.core.restrict import CHANGE
from hatnhan.core.services import field_error, refuse_unknown, require, row_error, save_audited
from hatnhan.core.text import clean_text, search_key, vietnamese_sort_key
from hatnhan.organizations.models import Organization

from .models import CommitteeSeat, Member, MemberStatus, MemberTransfer

# Fields a form or an import may set; the organization moves only by transfer.
MEMBER_FIELDS = (
    "full_name",
    "date_of_birth",
    "gender",
    "party_card_number",
    "probationary_date",
    "full_membership_date",
    "post",
    "status",
    "email",
    "phone",
)
_TEXT_FIELDS = {"full_name", "post", "party_card_number", "email", "phone"}


def apply_member_values(
    member: Member, values: Mapping[str, Any], *, today: dt.date | None = None
) -> None:
    """Set and check member fields without saving: the one place members' field rules live
    (forms, the API and the Excel import preview all meet them here). `today` is the day the
    dates are checked against (the local date when not given; a bulk caller reads it once)."""
    for field in MEMBER_FIELDS:
        if field not in values:
            continue
        value = values[field]
        if field in _TEXT_FIELDS:
            value = clean_text(value)
        if field == "party_card_number":
            value = value or None
        if field == "gender":
            value = value or ""
        setattr(member, field, value)
    if not member.full_name:
        raise field_error("full_name", "Họ và tên không được để trống.")
    member.sort_key = vietnamese_sort_key(member.full_name)
    member.search_text = search_key(f"{member.full_name} {member.party_card_number or ''}")
    today = today or timezone.localdate()
    if member.date_of_birth and member.date_of_birth >= today:
        raise field_error("date_of_birth", "Ngày sinh phải trước ngày hôm nay.")
    if member.probationary_date and member.probationary_date > today:
        raise field_error("probationary_date", "Ngày vào Đảng không được ở tương lai.")
    if (
        member.date_of_birth
        and member.probationary_date
        and member.probationary_date < _add_years(member.date_of_birth, 18)
    ):
        raise field_error("probationary_date", "Đảng viên phải đủ 18 tuổi khi vào Đảng.")
    if member.full_membership_date and not member.probationary_date:
        raise field_error("probationary_date", "Có ngày chính thức thì phải có ngày vào Đảng.")
    if (
        member.full_membership_date
        and member.probationary_date
        and member.full_membership_date < member.probationary_date
    ):
        raise field_error("full_membership_date", "Ngày chính thức phải sau ngày vào Đảng.")


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/02
        return day.replace(year=day.year + years, day=28)


def check_member(
    member: Member, values: Mapping[str, Any], *, today: dt.date | None = None
) -> None:
    """The per-member rule, the one every write path runs (`create_member`, `update_member`,
    the bulk `create_members`/`update_members`, the import's preview): the members app's
    field rules, then the model's field checks, which need no query. Uniqueness and the
    organization are left to the caller (the single save checks them by query, the bulk
    path by one query per chunk).

    What it reads is `values`, the member's own fields and `today` — never the member's
    organization (excluded below) nor the database: that is what lets a new member's
    result be kept and written later without running it again (:class:`CheckedMember`)."""
    refuse_unknown(values, MEMBER_FIELDS)
    apply_member_values(member, values, today=today)
    member.full_clean(exclude=["organization"], validate_unique=False, validate_constraints=False)


@functools.cache
def _blank_row() -> tuple[Any, ...]:
    # A new Member's concrete values (its defaults), in the order Member(*row) takes them.
    blank = Member()
    return tuple(getattr(blank, f.attname) for f in Member._meta.concrete_fields)


@functools.cache
def _row_index() -> dict[str, int]:
    return {f.attname: i for i, f in enumerate(Member._meta.concrete_fields)}


@functools.cache
def _row_of() -> Callable[[Member], tuple[Any, ...]]:
    return operator.attrgetter(*(f.attname for f in Member._meta.concrete_fields))


def new_member(organization: Organization | None = None) -> Member:
    """`Member(organization=organization)`, the same instance built positionally: the keyword
    path looks up every field's default, a third of an import's cost of building a member."""
    member = Member(*_blank_row())
    if organization is not None:
        member.organization = organization
    return member


# The given fields of the rows of one import are a handful of combinations: shared, not one
# tuple per row.
_GIVEN: dict[frozenset[str], tuple[str, ...]] = {}


class CheckedMember(Mapping[str, Any]):
    """A new member as the members rule left it: made only by :func:`check_new_member`, read
    as the mapping of the fields the row gave (normalized by the rule), and written by
    :func:`create_members` as it is, without running the rule a second time on the same day.

    Why that is still the members rule: `check_member` is a function of the values and the
    day only (see its docstring), so on the same day and the same values it would build the
    very member held here. The day is kept and compared when writing (a preview confirmed
    the next day is checked again); what else can change between the check and the write —
    the stored members (card numbers taken since) and the actor's rights — is not part of
    the rule and is checked by `create_members` on every row anyway. Immutable: its slots are
    set once, to a tuple of immutable values."""

    __slots__ = ("_given", "_row", "today")

    _given: tuple[str, ...]
    _row: tuple[Any, ...]
    today: dt.date

    def __getitem__(self, name: str) -> Any:
        if name not in self._given:
            raise KeyError(name)
        return self._row[_row_index()[name]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._given)

    def __len__(self) -> int:
        return len(self._given)

    def __contains__(self, name: object) -> bool:
        return name in self._given

    def __repr__(self) -> str:
        return f"CheckedMember({dict(self)!r}, today={self.today})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("A checked member is not changed: check the new values instead.")

    def member(self, organization: Organization) -> Member:
        """The unsaved member the rule built, in `organization`."""
        member = Member(*self._row)
        member.organization = organization
        return member


def check_new_member(values: Mapping[str, Any], *, today: dt.date | None = None) -> CheckedMember:
    """Run the members rule on a new member's values (ValidationError as `check_member`
    raises it) and keep its result, for a write that comes later (an import's preview)."""
    today = today or timezone.localdate()
    member = new_member()
    check_member(member, values, today=today)
    given = frozenset(values)
    checked = CheckedMember()
    fields = _GIVEN.get(given) or _GIVEN.setdefault(
        given, tuple(f for f in MEMBER_FIELDS if f in given)
    )
    object.__setattr__(checked, "_given", fields)
    object.__setattr__(checked, "_row", _row_of()(member))
    object.__setattr__(checked, "today", today)
    return checked


@transaction.atomic
def create_member(*, actor: Any, organization: Organization, **values: Any) -> Member:
    require(actor, CHANGE, organization)
    member = Member(organization=organization)
    check_member(member, values)
    save_audited(
        actor=actor,
        obj=member,
        action="member.create",
        before=None,
        organization_path=organization.path,
    )
    return member


@transaction.atomic
def update_member(*, actor: Any, member: Member, **values: Any) -> bool:
    """Apply the changed fields only; True when anything changed (and was audited)."""
    member = Member.objects.select_for_update().select_related("organization").get(pk=member.pk)
    require(actor, CHANGE, member)
    before = snapshot(member)
    check_member(member, values)
    return save_audited(
        actor=actor,
        obj=member,
        action="member.update",
        before=before,
        organization_path=member.organization.path,
    )


# Rows per statement of a bulk write: well under SQLite's 32,766 bound parameters.
_BULK_BATCH = 500


def _check_cards_free(members: Sequence[Member], labels: Sequence[str]) -> None:
    """Party card numbers unique within the batch and against the stored members not being
    written: one query per chunk instead of one per member (the single save's check)."""
    seen: dict[str, str] = {}
    for member, label in zip(members, labels, strict=True):
        card = member.party_card_number
        if not card:
            continue
        if card in seen:
            raise field_error(label, f"Số thẻ đảng viên {card} trùng với {seen[card]}.")
        seen[card] = label
    own = [m.pk for m in members if m.pk]
    cards = list(seen)
    for start in range(0, len(cards), _BULK_BATCH):
        taken = (
            Member.objects.filter(party_card_number__in=cards[start : start + _BULK_BATCH])
            .exclude(pk__in=own)
            .values_list("party_card_number", flat=True)
            .first()
        )
        if taken:
            raise field_error(
                seen[taken],
                str(Member._meta.get_field("party_card_number").error_messages["unique"]),
            )


def _require_each(actor: Any, organizations: Sequence[Organization]) -> None:
    for organization in {o.pk: o for o in organizations}.values():
        require(actor, CHANGE, organization)


@transaction.atomic
def create_members(
    *,
    actor: Any,
    rows: Sequence[tuple[Organization, dict[str, Any]]],
    labels: Sequence[str] | None = None,
) -> list[Member]:
    """Many `create_member`s in one go: the same rule (`check_member`) on every row, the
    first failure named by its label ("Dòng 12") and nothing written; then one insert per
    chunk and one `member.create` event per member, chained in one pass.

    A row's values may be a :class:`CheckedMember` (an import's preview): the rule's own
    result, written as it is when it was made today, checked again otherwise. Card numbers
    are checked against the stored members here in every case: others may have been stored
    since the rule ran."""
    labels = labels or [f"Đảng viên {n}" for n in range(1, len(rows) + 1)]
    _require_each(actor, [organization for organization, _ in rows])
    today = timezone.localdate()
    members: list[Member] = []
    for (organization, values), label in zip(rows, labels, strict=True):
        if type(values) is CheckedMember and values.today == today:
            members.append(values.member(organization))
            continue
        member = new_member(organization)
        try:
            check_member(member, values, today=today)
        except ValidationError as error:
            raise row_error(label, error, model=Member) from error
        members.append(member)
    _check_cards_free(members, labels)
    insert_rows(members)
    record_events(
        actor=actor,
        events=[
            EventSpec(
                action="member.create",
                obj=m,
                organization_path=m.organization.path,
                after=snapshot(m),
            )
            for m in members
        ],
    )
    return members


@transaction.atomic
def update_members(
    *,
    actor: Any,
    rows: Sequence[tuple[int, dict[str, Any]]],
    labels: Sequence[str] | None = None,
) -> int:
    """Many `update_member`s in one go, as (member id, values): rows locked in id order, the
    same rule on each, only the members that changed written (one statement per chunk) and
    audited (one `member.update` event each). Returns how many changed."""
    labels = labels or [f"Đảng viên {n}" for n in range(1, len(rows) + 1)]
    ids = [member_id for member_id, _ in rows]
    query = Member.objects.select_for_update().select_related("organization")
    if actor is not None:
        query = query.restrict(actor, CHANGE)
    stored: dict[int, Member] = {}
    for start in range(0, len(ids), _BULK_BATCH):
        chunk = sorted(ids[start : start + _BULK_BATCH])
        stored.update((m.pk, m) for m in query.filter(pk__in=chunk).order_by("pk"))
    changed: list[Member] = []
    changed_labels: list[str] = []
    events: list[EventSpec] = []
    for (member_id, values), label in zip(rows, labels, strict=True):
        member = stored.get(member_id)
        if member is None:
            if Member.objects.filter(pk=member_id).exists():
                raise PermissionDenied(f"{label}: Đồng chí không có quyền thực hiện thao tác này.")
            raise field_error(label, "Không tìm thấy đảng viên.")
        before = snapshot(member)
        try:
            check_member(member, values)
        except ValidationError as error:
            raise row_error(label, error, model=Member) from error
        after = snapshot(member)
        if not diff(before, after):
            continue
        changed.append(member)
        changed_labels.append(label)
        events.append(
            EventSpec(
                action="member.update",
                obj=member,
                organization_path=member.organization.path,
                before=before,
                after=after,
            )
        )
    if not changed:
        return 0
    _check_cards_free(changed, changed_labels)
    now = timezone.now()
    for member in changed:
        member.updated_at = now
    fields = [*MEMBER_FIELDS, "sort_key", "search_text", "updated_at"]
    Member.objects.bulk_update(changed, fields, batch_size=_BULK_BATCH)
    record_events(actor=actor, events=events)
    return len(changed)


@transaction.atomic
def transfer_member(
    *,
    actor: Any,
    member: Member,
    to_organization: Organization,
    date: dt.date | None = None,
    note: str = "",
) -> MemberTransfer:
    """Move a member to another organization, keeping where they were as history."""
    member = Member.objects.select_for_update().select_related("organization").get(pk=member.pk)
    require(actor, CHANGE, member)
    require(actor, CHANGE, to_organization)
    if to_organization.pk == member.organization_id:
        raise field_error("to_organization", "Đảng viên đã sinh hoạt ở tổ chức này.")
    transfer = MemberTransfer(
        member=member,
        from_organization=member.organization,
        to_organization=to_organization,
        date=date or timezone.localdate(),
        note=clean_text(note),
    )
    save_audited(
        actor=actor,
        obj=transfer,
        action="member.transfer",
        before=None,
        organization_path=to_organization.path,
    )
    before = snapshot(member)
    member.organization = to_organization
    if member.status == MemberStatus.TRANSFERRED_OUT:
        member.status = MemberStatus.ACTIVE
    save_audited(
        actor=actor,
        obj=member,
        action="member.update",
        before=before,
        organization_path=to_organization.path,
    )
    # The dossier follows the member: the new organization reads the member's whole
    # history, the old one no longer does (it no longer reads the member either).
    AuditEvent.objects.about([member, *member.transfers.all()]).refile_to(to_organization.path)
    return transfer


SEAT_FIELDS = ("role", "term", "is_agency_head", "start_date", "end_date")


def _check_seat(seat: CommitteeSeat) -> None:
    if not seat.member.organization.path.startswith(seat.organization.path):
        raise field_error("member", "Đảng viên này không thuộc tổ chức (hoặc cấp dưới) của cấp ủy.")
    if seat.term_id and seat.term.organization_id != seat.organization_id:
        raise field_error("term", "Nhiệm kỳ không thuộc tổ chức này.")


@transaction.atomic
def create_seat(
    *, actor: Any, organization: Organization, member: Member, role: str, **values: Any
) -> CommitteeSeat:
    refuse_unknown(values, SEAT_FIELDS)
    require(actor, CHANGE, organization)
    seat = CommitteeSeat(organization=organization, member=member, role=role)
    for field in SEAT_FIELDS:
        if field in values:
            setattr(seat, field, values[field])
    _check_seat(seat)
    save_audited(
        actor=actor,
        obj=seat,
        action="seat.create",
        before=None,
        organization_path=organization.path,
    )
    return seat


@transaction.atomic
def update_seat(*, actor: Any, seat: CommitteeSeat, **values: Any) -> bool:
    refuse_unknown(values, SEAT_FIELDS)
    seat = (
        CommitteeSeat.objects.select_for_update()
        .select_related("organization", "member__organization")
        .get(pk=seat.pk)
    )
    require(actor, CHANGE, seat)
    before = snapshot(seat)
    for field in SEAT_FIELDS:
        if field in values:
            setattr(seat, field, values[field])
    _check_seat(seat)
    return save_audited(
        actor=actor,
        obj=seat,
        action="seat.update",
        before=before,
        organization_path=seat.organization.path,
    )


# --- Consequences decided elsewhere ---------------------------------------------------------
# A discipline decision (hatnhan.discipline) expels a member or ends a seat. The deciding body
# may be the inspection committee, which has no CHANGE over the member: the discipline service
# checks who may decide (its competence rule), these record the consequence, audited.
@transaction.atomic
def set_decided_status(*, actor: Any, member: Member, status: str, on: dt.date) -> bool:
    """Set the status a decision gives (expelled by a khai trừ; back to what it was when that
    decision is annulled). An expulsion ends every seat the member still holds on `on`."""
    member = Member.objects.select_for_update().select_related("organization").get(pk=member.pk)
    if status not in MemberStatus.values:
        raise field_error("status", "Tình trạng đảng viên không hợp lệ.")
    before = snapshot(member)
    member.status = status
    changed = save_audited(
        actor=actor,
        obj=member,
        action="member.update",
        before=before,
        organization_path=member.organization.path,
    )
    if status == MemberStatus.EXPELLED:
        seats = CommitteeSeat.objects.filter(member=member, end_date__isnull=True)
        for seat in seats.select_related("organization").order_by("pk"):
            end_seat(actor=actor, seat=seat, on=on)
    return changed


@transaction.atomic
def end_seat(*, actor: Any, seat: CommitteeSeat, on: dt.date) -> bool:
    """End a sitting seat on `on` (a cách chức, or the expulsion of its holder)."""
    seat = CommitteeSeat.objects.select_for_update().select_related("organization").get(pk=seat.pk)
    if seat.end_date is not None:
        return False
    before = snapshot(seat)
    seat.end_date = max(on, seat.start_date) if seat.start_date else on
    return save_audited(
        actor=actor,
        obj=seat,
        action="seat.update",
        before=before,
        organization_path=seat.organization.path,
    )
