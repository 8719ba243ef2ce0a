"""Writes for directives, year themes, resolutions and focus issues: checked, atomic, audited."""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hatnhan.audit.services import EventSpec, record_event, record_events, snapshot
from hatnhan.core.restrict import CHANGE, VIEW, can
from hatnhan.core.services import (
    field_error,
    refuse_unknown,
    require,
    save_audited,
    validate_rows,
)
from hatnhan.core.text import clean_text, search_key
from hatnhan.core.uploads import as_file, check_document, clean_original_name
from hatnhan.organizations.models import Organization

from .models import (
    Directive,
    DirectiveKind,
    FocusIssue,
    FocusLevel,
    Resolution,
    ResolutionKind,
    YearTheme,
)

DIRECTIVE_FIELDS = (
    "kind",
    "number_symbol",
    "issuing_body",
    "issued_on",
    "title",
    "summary",
    "is_active",
)
RESOLUTION_FIELDS = (
    "kind",
    "number_symbol",
    "title",
    "adopted_on",
    "period_start",
    "period_end",
    "content",
    "year_theme",
)
FOCUS_ISSUE_FIELDS = ("title", "description", "level", "year_theme", "position")
YEAR_THEME_FIELDS = ("year", "title", "note")
_TEXT = {"number_symbol", "issuing_body", "title"}
Record = Directive | YearTheme | Resolution | FocusIssue


def _set(obj: Any, fields: Iterable[str], values: dict[str, Any]) -> None:
    for field in fields:
        if field in values:
            value = values[field]
            if field in _TEXT:
                value = clean_text(value)
            elif isinstance(value, str):
                value = value.strip()
            setattr(obj, field, value)


def _attach_file(obj: Directive | Resolution, upload: IO[bytes] | None) -> None:
    """Check the file from its bytes and put it on the object (a directive or resolution)
    under a server-made name."""
    if upload is None:
        return
    name = clean_original_name(getattr(upload, "name", "") or "")
    try:
        # Named like the browser's own check before upload names it (app.js).
        kind, size = check_document(upload, label=f"Tệp “{name}”")
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    obj.file_kind = kind
    obj.file_size = size
    obj.file_name = name
    obj.file = as_file(upload, name=name)


def _detach_file(obj: Directive | Resolution) -> None:
    """Take the document off the record. The stored file stays on the server: the audit
    event keeps its storage name, so what was attached can still be found."""
    obj.file = None
    obj.file_name = ""
    obj.file_kind = ""
    obj.file_size = 0


def _check_directives(
    actor: Any,
    directives: Iterable[Directive],
    organization: Organization,
    field: str = "directives",
) -> list[Directive]:
    chosen = list(directives)
    for directive in chosen:
        if actor is not None and not can(actor, VIEW, directive):
            raise field_error(field, f"Không tìm thấy văn bản “{directive}”.")
        if not organization.path.startswith(directive.organization.path) and not (
            directive.organization.path.startswith(organization.path)
        ):
            raise field_error(field, f"Văn bản “{directive}” không áp dụng cho tổ chức này.")
    return chosen


def _check_theme(theme: YearTheme | None, organization: Organization) -> None:
    if theme is not None and not organization.path.startswith(theme.organization.path):
        raise field_error("year_theme", "Chủ đề năm không thuộc tổ chức này hoặc cấp trên.")


def _directive_derived(directive: Directive) -> None:
    if directive.kind not in DirectiveKind.values:
        raise field_error("kind", "Loại văn bản không hợp lệ.")
    for field, label in (
        ("number_symbol", "Số, ký hiệu"),
        ("issuing_body", "Cơ quan ban hành"),
        ("title", "Trích yếu"),
    ):
        if not getattr(directive, field):
            raise field_error(field, f"{label} không được để trống.")
    directive.search_text = search_key(
        f"{directive.number_symbol} {directive.title} {directive.issuing_body}"
    )[:900]


def _title_required(theme: YearTheme) -> None:
    if not theme.title:
        raise field_error("title", "Chủ đề không được để trống.")


# One spelling per record in audit actions ("year_theme.update", never "yeartheme.update").
# Events written before it was unified keep their old spelling (the chain hashes them as
# written); apps.py labels both, so their history still reads.
ACTION_NAMES: dict[type[Record], str] = {
    Directive: "directive",
    YearTheme: "year_theme",
    Resolution: "resolution",
    FocusIssue: "focus_issue",
}


def _action(obj: Record, verb: str) -> str:
    return f"{ACTION_NAMES[type(obj)]}.{verb}"


def _create(
    *,
    actor: Any,
    obj: Record,
    organization: Organization,
    fields: Iterable[str],
    values: dict[str, Any],
    derive: Callable[[Any], None],
    directives: Iterable[Directive] = (),
    file: IO[bytes] | None = None,
) -> None:
    """Fill a new record from `values`, check it, save it audited, then link the directives
    it cites (their own event). The caller has already required CHANGE on `organization`."""
    _set(obj, fields, values)
    derive(obj)
    chosen = _check_directives(actor, directives, organization)
    if file is not None:
        _attach_file(obj, file)
    save_audited(
        actor=actor,
        obj=obj,
        action=_action(obj, "create"),
        before=None,
        organization_path=organization.path,
    )
    if chosen:
        obj.directives.set(chosen)
        record_event(
            actor=actor,
            action=_action(obj, "directives"),
            obj=obj,
            after={"directives": [d.pk for d in chosen]},
            organization_path=organization.path,
        )


def _update(
    *,
    actor: Any,
    obj: Record,
    fields: Iterable[str],
    values: dict[str, Any],
    derive: Callable[[Any], None],
    file: IO[bytes] | None = None,
    remove_file: bool = False,
) -> bool:
    """Correct a record under a row lock: CHANGE required on it, audited if anything changed
    (its cited directives included, when `values` names them; its document replaced by
    `file` or taken off by `remove_file`). A keyword that is not one of the record's
    correctable fields is refused, never ignored: a misspelt field must not look saved."""
    refuse_unknown(values, (*fields, *(("directives",) if hasattr(obj, "directives") else ())))
    obj = type(obj).objects.select_for_update().select_related("organization").get(pk=obj.pk)
    require(actor, CHANGE, obj)
    before = snapshot(obj)
    _set(obj, fields, values)
    derive(obj)
    if isinstance(obj, Directive | Resolution):
        if file is not None:
            _attach_file(obj, file)
        elif remove_file and obj.file:
            _detach_file(obj)
    chosen = None
    if "directives" in values:
        # Checked before anything is saved, so a refused citation changes nothing.
        chosen = _check_directives(actor, values["directives"] or (), obj.organization)
    changed = save_audited(
        actor=actor,
        obj=obj,
        action=_action(obj, "update"),
        before=before,
        organization_path=obj.organization.path,
    )
    if chosen is not None:
        changed |= _set_directives(actor, obj, chosen)
    return changed


def _set_directives(
    actor: Any, obj: YearTheme | Resolution | FocusIssue, chosen: list[Directive]
) -> bool:
    before = sorted(obj.directives.values_list("pk", flat=True))
    after = sorted(d.pk for d in chosen)
    if before == after:
        return False
    obj.directives.set(chosen)
    record_event(
        actor=actor,
        action=_action(obj, "directives"),
        obj=obj,
        before={"directives": before},
        after={"directives": after},
        organization_path=obj.organization.path,
    )
    return True


@transaction.atomic
def create_directive(
    *,
    actor: Any,
    organization: Organization,
    kind: str,
    number_symbol: str,
    issuing_body: str,
    issued_on: dt.date,
    title: str,
    summary: str = "",
    is_active: bool = True,
    file: IO[bytes] | None = None,
) -> Directive:
    """Record a directive from above at `organization` (its whole subtree then reads it)."""
    require(actor, CHANGE, organization)
    directive = Directive(organization=organization, created_by=actor if actor else None)
    _create(
        actor=actor,
        obj=directive,
        organization=organization,
        fields=DIRECTIVE_FIELDS,
        values={
            "kind": kind,
            "number_symbol": number_symbol,
            "issuing_body": issuing_body,
            "issued_on": issued_on,
            "title": title,
            "summary": summary,
            "is_active": is_active,
        },
        derive=_directive_derived,
        file=file,
    )
    return directive


@transaction.atomic
def update_directive(
    *,
    actor: Any,
    directive: Directive,
    file: IO[bytes] | None = None,
    remove_file: bool = False,
    **values: Any,
) -> bool:
    """Correct a directive (DIRECTIVE_FIELDS; not where it is recorded), its document
    replaced or removed; True if anything changed."""
    return _update(
        actor=actor,
        obj=directive,
        fields=DIRECTIVE_FIELDS,
        values=values,
        derive=_directive_derived,
        file=file,
        remove_file=remove_file,
    )


@transaction.atomic
def create_year_theme(
    *,
    actor: Any,
    organization: Organization,
    year: int,
    title: str,
    note: str = "",
    directives: Iterable[Directive] = (),
) -> YearTheme:
    require(actor, CHANGE, organization)
    theme = YearTheme(organization=organization)
    _create(
        actor=actor,
        obj=theme,
        organization=organization,
        fields=YEAR_THEME_FIELDS,
        values={"year": year, "title": title, "note": note or ""},
        derive=_title_required,
        directives=directives,
    )
    return theme


@transaction.atomic
def update_year_theme(*, actor: Any, theme: YearTheme, **values: Any) -> bool:
    """Correct a year theme (YEAR_THEME_FIELDS and the directives it serves)."""
    return _update(
        actor=actor, obj=theme, fields=YEAR_THEME_FIELDS, values=values, derive=_title_required
    )


def _resolution_derived(resolution: Resolution) -> None:
    if resolution.kind not in ResolutionKind.values:
        raise field_error("kind", "Loại nghị quyết không hợp lệ.")
    if not resolution.title:
        raise field_error("title", "Trích yếu không được để trống.")
    if (
        resolution.period_start
        and resolution.period_end
        and (resolution.period_end < resolution.period_start)
    ):
        raise field_error("period_end", "Ngày kết thúc kỳ phải sau ngày bắt đầu.")
    _check_theme(resolution.year_theme, resolution.organization)
    resolution.search_text = search_key(f"{resolution.number_symbol} {resolution.title}")[:900]


@transaction.atomic
def create_resolution(
    *,
    actor: Any,
    organization: Organization,
    kind: str,
    title: str,
    adopted_on: dt.date,
    period_start: dt.date,
    period_end: dt.date,
    number_symbol: str = "",
    content: str = "",
    year_theme: YearTheme | None = None,
    directives: Iterable[Directive] = (),
    file: IO[bytes] | None = None,
) -> Resolution:
    """A resolution of `organization` for a period, citing the directives it carries out."""
    require(actor, CHANGE, organization)
    resolution = Resolution(organization=organization, created_by=actor if actor else None)
    _create(
        actor=actor,
        obj=resolution,
        organization=organization,
        fields=RESOLUTION_FIELDS,
        values={
            "kind": kind,
            "number_symbol": number_symbol,
            "title": title,
            "adopted_on": adopted_on,
            "period_start": period_start,
            "period_end": period_end,
            "content": content,
            "year_theme": year_theme,
        },
        derive=_resolution_derived,
        directives=directives,
        file=file,
    )
    return resolution


@transaction.atomic
def update_resolution(
    *,
    actor: Any,
    resolution: Resolution,
    file: IO[bytes] | None = None,
    remove_file: bool = False,
    **values: Any,
) -> bool:
    """Correct a resolution (RESOLUTION_FIELDS and the directives it carries out; not its
    organization), its document replaced or removed; True if anything changed."""
    return _update(
        actor=actor,
        obj=resolution,
        fields=RESOLUTION_FIELDS,
        values=values,
        derive=_resolution_derived,
        file=file,
        remove_file=remove_file,
    )


def _focus_derived(issue: FocusIssue) -> None:
    if issue.level not in FocusLevel.values:
        raise field_error("level", "Chọn mức độ: trọng tâm, then chốt hoặc bức xúc.")
    if not issue.title:
        raise field_error("title", "Vấn đề không được để trống.")
    _check_theme(issue.year_theme, issue.organization)
    issue.search_text = search_key(issue.title)[:600]


@transaction.atomic
def create_focus_issue(
    *,
    actor: Any,
    resolution: Resolution,
    title: str,
    level: str,
    description: str = "",
    directives: Iterable[Directive] = (),
    year_theme: YearTheme | None = None,
    position: int | None = None,
) -> FocusIssue:
    """A focus issue the resolution picks, citing the directives and theme it serves."""
    resolution = Resolution.objects.select_related("organization").get(pk=resolution.pk)
    require(actor, CHANGE, resolution)
    if year_theme is None:
        year_theme = resolution.year_theme
    if position is None:
        position = resolution.focus_issues.count() + 1
    issue = FocusIssue(resolution=resolution, organization=resolution.organization)
    _create(
        actor=actor,
        obj=issue,
        organization=resolution.organization,
        fields=FOCUS_ISSUE_FIELDS,
        values={
            "title": title,
            "level": level,
            "description": description,
            "year_theme": year_theme,
            "position": position,
        },
        derive=_focus_derived,
        directives=directives,
    )
    return issue


@transaction.atomic
def update_focus_issue(*, actor: Any, focus_issue: FocusIssue, **values: Any) -> bool:
    """Correct a focus issue (FOCUS_ISSUE_FIELDS and its directives; not its resolution)."""
    return _update(
        actor=actor,
        obj=focus_issue,
        fields=FOCUS_ISSUE_FIELDS,
        values=values,
        derive=_focus_derived,
    )


# --- bulk loads ----------------------------------------------------------------------------
def _bulk_create(
    *,
    actor: Any,
    objs: Sequence[Resolution] | Sequence[FocusIssue],
    citations: Sequence[Iterable[Directive]],
    label: str,
    derive: Callable[[Any], None],
) -> None:
    """What _create does per record, for many: the same checks (the first failure names its
    row), one insert, then the same events (creation, then the directives cited) per record."""
    if len(citations) != len(objs):
        raise ValueError("One list of cited directives per record.")
    for obj in objs:
        require(actor, CHANGE, obj.organization)
    chosen: list[list[Directive]] = []

    def check(obj: Any) -> None:
        derive(obj)
        chosen.append(_check_directives(actor, citations[len(chosen)], obj.organization))

    validate_rows(objs, label=label, check=check)
    model = type(objs[0]) if objs else Resolution
    model.objects.bulk_create(objs, batch_size=500)
    through = model.directives.through
    source = f"{model._meta.model_name}_id"
    through.objects.bulk_create(
        [
            through(**{source: obj.pk, "directive_id": d.pk})
            for obj, cited in zip(objs, chosen, strict=True)
            for d in cited
        ],
        batch_size=1000,
    )
    events: list[EventSpec] = []
    for obj, cited in zip(objs, chosen, strict=True):
        path = obj.organization.path
        events.append(
            EventSpec(
                action=_action(obj, "create"), obj=obj, organization_path=path, after=snapshot(obj)
            )
        )
        if cited:
            events.append(
                EventSpec(
                    action=_action(obj, "directives"),
                    obj=obj,
                    organization_path=path,
                    after={"directives": [d.pk for d in cited]},
                )
            )
    record_events(actor=actor, events=events)


@transaction.atomic
def bulk_create_resolutions(
    *,
    actor: Any,
    resolutions: Sequence[Resolution],
    citations: Sequence[Iterable[Directive]],
) -> None:
    """Many new resolutions at once (the demo's year of them), each checked and audited as
    create_resolution would; `citations[i]` are the directives resolution i carries out."""
    _bulk_create(
        actor=actor,
        objs=resolutions,
        citations=citations,
        label="Nghị quyết",
        derive=_resolution_derived,
    )


@transaction.atomic
def bulk_create_focus_issues(
    *,
    actor: Any,
    focus_issues: Sequence[FocusIssue],
    citations: Sequence[Iterable[Directive]],
) -> None:
    """Many new focus issues of saved resolutions, each checked and audited as
    create_focus_issue would (organization and theme as their resolution's unless given)."""
    for issue in focus_issues:
        if issue.resolution.pk is None:
            raise field_error("resolution", "Nghị quyết của vấn đề trọng tâm chưa được lưu.")
        issue.organization = issue.resolution.organization
    _bulk_create(
        actor=actor,
        objs=focus_issues,
        citations=citations,
        label="Vấn đề trọng tâm",
        derive=_focus_derived,
    )
