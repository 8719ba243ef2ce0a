"""Organization pages: the tree, one organization, and its create/edit/term forms.
Views are thin: read through selectors (restricted), write through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hatnhan.core.forms import write_form
from hatnhan.core.restrict import CHANGE, VIEW, can

from . import sections, selectors
from .forms import OrganizationForm, TermForm
from .models import Organization, OrganizationKind, Term
from .services import create_organization, create_term, update_organization, update_term


def _get(request: HttpRequest, organization_id: int) -> Organization:
    return get_object_or_404(Organization.objects.restrict(request.user, VIEW), pk=organization_id)


def _get_changeable(request: HttpRequest, organization_id: int) -> Organization:
    """404 outside reach; 403 for a role that sees but may not change (e.g. an inspector)."""
    organization = _get(request, organization_id)
    if not can(request.user, CHANGE, organization):
        raise PermissionDenied(_("Đồng chí không có quyền sửa tổ chức này."))
    return organization


@login_required
@require_GET
def tree(request: HttpRequest) -> HttpResponse:
    return render(request, "organizations/tree.html", {"roots": selectors.tree_roots(request.user)})


@login_required
@require_GET
def tree_children(request: HttpRequest, organization_id: int) -> HttpResponse:
    """htmx partial: one node's children, fetched when the node is first expanded."""
    organization = _get(request, organization_id)
    return render(
        request,
        "organizations/tree.html#children",
        {"nodes": selectors.children_of(request.user, organization), "parent": organization},
    )


@login_required
@require_GET
def detail(request: HttpRequest, organization_id: int) -> HttpResponse:
    organization = get_object_or_404(
        Organization.objects.restrict(request.user, VIEW).select_related("parent"),
        pk=organization_id,
    )
    # The same counts as the tree's (set by children_of, with the children's); the higher
    # apps' sections (members: the committee and the member list) come from
    # hatnhan.organizations.sections.
    children = selectors.children_of(request.user, organization)
    added = sections.detail_context(request, organization)
    terms = list(selectors.terms_of(organization))
    return render(
        request,
        "organizations/detail.html",
        {
            **added,
            "organization": organization,
            "ancestors": selectors.ancestors_in_reach(request.user, organization),
            "terms": terms,
            # The organization's own changes with those of its terms and the sections' records.
            "history_objects": [organization, *terms, *added["history_objects"]],
            "children": children,
            "can_change": can(request.user, CHANGE, organization),
        },
    )


@login_required
def create(request: HttpRequest, organization_id: int) -> HttpResponse:
    """A new organization under the one in the URL."""
    parent = _get_changeable(request, organization_id)
    # Under a grassroots or sub-committee the usual new unit is a cell.
    form = OrganizationForm(
        request.POST or None, user=request.user, initial={"kind": OrganizationKind.CELL}
    )
    if org := write_form(
        request, form, lambda data: create_organization(actor=request.user, parent=parent, **data)
    ):
        messages.success(request, _("Đã tạo tổ chức “%(name)s”.") % {"name": org.result.name})
        return redirect("organizations:detail", organization_id=org.result.pk)
    return render(
        request, "organizations/form.html", {"form": form, "parent": parent, "organization": None}
    )


@login_required
def edit(request: HttpRequest, organization_id: int) -> HttpResponse:
    organization = _get_changeable(request, organization_id)
    form = OrganizationForm(request.POST or None, user=request.user, instance=organization)
    if write_form(
        request,
        form,
        lambda data: update_organization(actor=request.user, organization=organization, **data),
    ):
        messages.success(request, _("Đã lưu thay đổi."))
        return redirect("organizations:detail", organization_id=organization.pk)
    return render(
        request,
        "organizations/form.html",
        {"form": form, "organization": organization, "parent": organization.parent},
    )


@login_required
def term_create(request: HttpRequest, organization_id: int) -> HttpResponse:
    organization = _get_changeable(request, organization_id)
    form = TermForm(request.POST or None)
    if write_form(
        request,
        form,
        lambda data: create_term(actor=request.user, organization=organization, **data),
    ):
        messages.success(request, _("Đã thêm nhiệm kỳ."))
        return redirect("organizations:detail", organization_id=organization.pk)
    return render(
        request, "organizations/term_form.html", {"form": form, "organization": organization}
    )


@login_required
def term_edit(request: HttpRequest, term_id: int) -> HttpResponse:
    """Correct a term (a mistyped name or date): audited, the before and after in the
    organization's history."""
    term = get_object_or_404(
        Term.objects.restrict(request.user, VIEW).select_related("organization"), pk=term_id
    )
    if not can(request.user, CHANGE, term):
        raise PermissionDenied(_("Bạn không có quyền sửa tổ chức này."))
    form = TermForm(request.POST or None, initial=TermForm.initial_for(term))
    if wrote := write_form(
        request, form, lambda data: update_term(actor=request.user, term=term, **data)
    ):
        messages.success(
            request, _("Đã lưu thay đổi.") if wrote.result else _("Không có gì thay đổi.")
        )
        return redirect("organizations:detail", organization_id=term.organization_id)
    return render(
        request,
        "organizations/term_form.html",
        {"form": form, "organization": term.organization, "term": term},
    )
