"""Reads for discipline, through the restriction; and the year's discipline of a member or an
organization, which the year-end evaluation reads (discipline caps ratings: REGULATIONS.md §1,
QĐ 124-QĐ/TW Art. 12 for 2023–2024, QĐ 366-QĐ/TW Art. 11 from 2025)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from hatnhan.core.expressions import InIds
from hatnhan.core.restrict import VIEW, ancestor_paths, outermost_paths
from hatnhan.members.models import CommitteeSeat, Member
from hatnhan.organizations.models import Organization

from .models import (
    SEVERITY,
    DecisionStatus,
    DisciplineDecision,
    DisciplineForm,
    StateDiscipline,
)


def decision_list(user: Any) -> QuerySet[DisciplineDecision]:
    """Before the list's filters (discipline.filters.DecisionFilter)."""
    return (
        DisciplineDecision.objects.restrict(user, VIEW)
        .select_related("deciding_body", "member", "subject_organization", "organization")
        .order_by("-decided_on", "-id")
    )


def decision_detail(user: Any, decision_id: int) -> DisciplineDecision:
    return get_object_or_404(
        DisciplineDecision.objects.restrict(user, VIEW)
        .select_related(
            "deciding_body__parent",
            "member__organization",
            "subject_organization",
            "organization",
            "seat__organization",
            "case",
            "created_by__member",
        )
        .prefetch_related("corrections__deciding_body"),
        pk=decision_id,
    )


def state_discipline_list(user: Any) -> QuerySet[StateDiscipline]:
    return (
        StateDiscipline.objects.restrict(user, VIEW)
        .select_related("member", "organization")
        .order_by("-decided_on", "-id")
    )


def state_discipline_detail(user: Any, state_discipline_id: int) -> StateDiscipline:
    return get_object_or_404(
        StateDiscipline.objects.restrict(user, VIEW).select_related(
            "member__organization", "organization"
        ),
        pk=state_discipline_id,
    )


def of_member(user: Any, member: Member) -> tuple[list[DisciplineDecision], list[StateDiscipline]]:
    """A member's party decisions and state discipline, as the member page shows them."""
    decisions = list(decision_list(user).filter(member=member).prefetch_related("corrections"))
    state = list(state_discipline_list(user).filter(member=member))
    return decisions, state


# --- The year's discipline, for the evaluation ----------------------------------------------
@dataclass(frozen=True)
class YearDiscipline:
    """The decisions in force on one subject decided in `year` (an annulled one is as if never
    decided). For a member, QĐ 124 Art. 12: disciplined in the year → "Không hoàn thành",
    unless they found and reported the fault themselves; one violation counts once (each
    decision here is one)."""

    year: int
    decisions: list[DisciplineDecision] = field(default_factory=list)

    @property
    def disciplined(self) -> bool:
        return bool(self.decisions)

    @property
    def worst(self) -> str | None:
        """The heaviest form of the year (SEVERITY), or None."""
        if not self.decisions:
            return None
        return max(self.decisions, key=lambda d: SEVERITY[DisciplineForm(d.form)]).form

    @property
    def all_self_reported(self) -> bool:
        return self.disciplined and all(d.self_reported for d in self.decisions)

    @property
    def caps_member_rating(self) -> bool:
        """QĐ 124-QĐ/TW Art. 12: rated no higher than "Không hoàn thành nhiệm vụ" unless every
        fault of the year was self-found and reported."""
        return self.disciplined and not self.all_self_reported

    def at_least(self, form: str) -> bool:
        """Whether a decision of the year is `form` or heavier (e.g. "cảnh cáo or higher")."""
        rank = SEVERITY[DisciplineForm(form)]
        return any(SEVERITY[DisciplineForm(d.form)] >= rank for d in self.decisions)


@dataclass(frozen=True)
class OrganizationYearDiscipline:
    """What the year's discipline says about a collective (QĐ 124 Art. 12; QĐ 366 Art. 11):
    its own discipline, that of members of its leadership (a committee seat held in the
    year), and how many of its direct subordinate units were disciplined."""

    year: int
    own: YearDiscipline
    leadership: dict[int, YearDiscipline]
    subordinates_disciplined: int
    subordinates_total: int

    @property
    def leadership_disciplined(self) -> bool:
        return any(d.disciplined for d in self.leadership.values())

    @property
    def leadership_warning_or_higher(self) -> bool:
        """QĐ 124 Art. 12: a collective whose leadership was disciplined cảnh cáo or higher is
        "Không hoàn thành"."""
        return any(d.at_least(DisciplineForm.WARNING) for d in self.leadership.values())

    @property
    def subordinates_share(self) -> float:
        """Share of direct subordinate units disciplined in the year (QĐ 124: > 20 % caps)."""
        if not self.subordinates_total:
            return 0.0
        return self.subordinates_disciplined / self.subordinates_total

    @property
    def any_disciplined(self) -> bool:
        """QĐ 366 Art. 11 (excellent): no subordinate unit and no member of its leadership
        disciplined in the year."""
        return self.leadership_disciplined or self.subordinates_disciplined > 0


def _in_force(year: int, user: Any | None) -> QuerySet[DisciplineDecision]:
    """Decisions in force decided in `year`. `user` None: the year-end run reads every
    organization (the operator's command line, as a service's actor=None)."""
    qs = (
        DisciplineDecision.objects.all()
        if user is None
        else DisciplineDecision.objects.restrict(user, VIEW)
    )
    return qs.filter(status=DecisionStatus.IN_FORCE, decided_on__year=year).order_by(
        "decided_on", "pk"
    )


def members_in_year(
    members: Iterable[Member], year: int, *, user: Any | None = None
) -> dict[int, YearDiscipline]:
    """Each member's discipline in `year`, one query for them all."""
    ids = [m.pk for m in members]
    found: dict[int, list[DisciplineDecision]] = defaultdict(list)
    for decision in _in_force(year, user).filter(InIds("member_id", ids)):
        found[decision.member_id].append(decision)  # type: ignore[index]
    return {pk: YearDiscipline(year, found.get(pk, [])) for pk in ids}


def member_in_year(member: Member, year: int, *, user: Any | None = None) -> YearDiscipline:
    return members_in_year([member], year, user=user)[member.pk]


def organization_in_year(
    organization: Organization, year: int, *, user: Any | None = None
) -> OrganizationYearDiscipline:
    """One organization's year (a fixed number of queries, whatever its size)."""
    return organizations_in_year([organization], year, user=user)[organization.pk]


def organizations_in_year(
    organizations: Iterable[Organization], year: int, *, user: Any | None = None
) -> dict[int, OrganizationYearDiscipline]:
    """Each organization's year, in five queries for them all (the year-end round rates every
    organization of a subtree: tens of thousands at a province's scale)."""
    organizations = list(organizations)
    ids = [o.pk for o in organizations]
    if not ids:
        return {}
    decisions = _in_force(year, user)
    own: dict[int, list[DisciplineDecision]] = defaultdict(list)
    for decision in decisions.filter(InIds("subject_organization_id", ids)):
        own[decision.subject_organization_id].append(decision)  # type: ignore[index]
    leaders: dict[int, set[int]] = defaultdict(set)
    seats = (
        CommitteeSeat.objects.filter(InIds("organization_id", ids))
        .filter(Q(start_date__isnull=True) | Q(start_date__year__lte=year))
        .filter(Q(end_date__isnull=True) | Q(end_date__year__gte=year))
        .values_list("organization_id", "member_id")
    )
    for organization_id, member_id in seats:
        leaders[organization_id].add(member_id)
    everyone = sorted(set().union(*leaders.values())) if leaders else []
    # members_in_year reads only the pk: unsaved instances, no query for the rows.
    leadership = members_in_year([Member(pk=pk) for pk in everyone], year, user=user)
    children: dict[int, list[str]] = defaultdict(list)
    for parent_id, path in Organization.objects.filter(InIds("parent_id", ids)).values_list(
        "parent_id", "path"
    ):
        children[parent_id].append(path)
    # A unit counts when it, or a unit inside it, was itself disciplined (not its members):
    # every ancestor of a disciplined unit's path is marked once.
    prefixes = outermost_paths([o.path for o in organizations])
    disciplined = decisions.filter(subject_organization__isnull=False).filter(
        reduce(or_, (Q(organization__path__startswith=p) for p in prefixes))
    )
    marked: set[str] = set()
    for path in disciplined.values_list("organization__path", flat=True):
        marked |= ancestor_paths(path)
    return {
        o.pk: OrganizationYearDiscipline(
            year=year,
            own=YearDiscipline(year, own.get(o.pk, [])),
            leadership={pk: leadership[pk] for pk in sorted(leaders.get(o.pk, ()))},
            subordinates_disciplined=sum(1 for path in children[o.pk] if path in marked),
            subordinates_total=len(children[o.pk]),
        )
        for o in organizations
    }
