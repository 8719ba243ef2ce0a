"""Every URL of the site keeps other organizations' data out of reach.

The walker reads ALL URL patterns of ``hatnhan.urls`` (includes, namespaces, the API
router with its format-suffix variants, regex and converter patterns) and makes one test
case per pattern, so a failure names the URL:

- a pattern with object kwargs is requested as ``users["other"]`` (the SYT secretary) with
  the pk of an object inside the STC subtree and must answer 404 (405 is tolerated for a
  method the view does not take, as long as one method answers 404). Pages are tried with
  GET and POST; API views with every method their route maps (GET, POST, PATCH, ...).
- every pattern is requested anonymously and must refuse: a page redirects to the login
  page, an API view answers 401/403.

Where the pks come from: each app may have ``hatnhan/<app>/tests/url_objects.py`` with

    def url_objects(ctx) -> dict[str, int]: ...
    # optional:
    PUBLIC_URL_NAMES: dict[str, str] = {"feedback:track": "why anonymous may open it"}
    UNSCOPED_URL_NAMES: dict[str, str] = {"evaluations:year": "why it is not an object"}

``url_objects`` returns, for every URL kwarg name (``organization_id``, ``task_id``, ...) and
for every model label an API viewset serves through ``pk`` (``members.member``), the pk of
an object created INSIDE the STC subtree; ``ctx`` has ``.tree``, ``.users``,
``.make_member``. A kwarg or model nobody registered fails its case, telling the developer
to register it: a new URL cannot slip past this test by being unknown to it.
"""

import importlib
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils.regex_helper import normalize

# Kwargs that select a representation, not an object.
FORMAT_KWARGS = {"format": ["json", ".json"]}
WRITE_ORDER = ["get", "post", "put", "patch", "delete"]
# Open to anyone by nature; apps add theirs with PUBLIC_URL_NAMES in url_objects.py.
PUBLIC_URL_NAMES = {
    "login": "the login page",
    "healthz": "the liveness probe (answers 'ok', reads nothing)",
    "set_language": "choosing the interface language",
    "password_reset": "asking for a new password",
    "password_reset_done": "asking for a new password",
    "password_reset_confirm": "the link in the password e-mail",
    "password_reset_complete": "asking for a new password",
}


@dataclass(frozen=True)
class Route:
    regex: str  # the full regex, from the root
    name: str | None  # the namespaced name, e.g. "members:detail"
    callback: Callable[..., HttpResponse]
    possibilities: list[tuple[str, list[str]]] = field(hash=False, compare=False)

    @property
    def params(self) -> list[str]:
        return self.possibilities[0][1]

    @property
    def object_params(self) -> list[str]:
        return [p for p in self.params if p not in FORMAT_KWARGS]

    @property
    def view_class(self) -> type | None:
        return getattr(self.callback, "cls", None) or getattr(self.callback, "view_class", None)

    @property
    def is_api(self) -> bool:
        from rest_framework.views import APIView

        return isinstance(self.view_class, type) and issubclass(self.view_class, APIView)

    @property
    def display(self) -> str:
        template, params = self.possibilities[0]
        shown = "/" + template % {p: "{" + p + "}" for p in params}
        return f"{shown} [{self.name}]" if self.name else shown

    def methods(self) -> list[str]:
        """What to try: pages GET and POST; API views every method their route maps."""
        if not self.is_api:
            return ["get", "post"]
        actions = getattr(self.callback, "actions", None)
        if actions:  # a viewset route (DRF adds "head" to it on the first request)
            return [m for m in WRITE_ORDER if m in actions]
        return [m for m in WRITE_ORDER if hasattr(self.view_class, m)]


def walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for pattern in patterns:
        # Django joins nested patterns the same way when it builds its reverse map.
        regex = prefix + pattern.pattern.regex.pattern.removeprefix("^")
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            yield from walk(pattern.url_patterns, regex, ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield Route(regex, name, pattern.callback, normalize(regex))


def all_routes() -> list[Route]:
    return list(walk(get_resolver("hatnhan.urls").url_patterns))


@dataclass
class Registry:
    objects: dict[str, Any]
    public: dict[str, str]
    unscoped: dict[str, str]


def registry_modules() -> list[Any]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("hatnhan."):
            continue
        module_name = f"{config.name}.tests.url_objects"
        try:
            found.append(importlib.import_module(module_name))
        except ModuleNotFoundError as exc:
            # Only "this app has no registry" is fine; a broken import inside one is not.
            if exc.name not in {module_name, f"{config.name}.tests"}:
                raise
    return found


def exemptions() -> tuple[dict[str, str], dict[str, str]]:
    public = dict(PUBLIC_URL_NAMES)
    unscoped: dict[str, str] = {}
    for module in registry_modules():
        public |= getattr(module, "PUBLIC_URL_NAMES", {})
        unscoped |= getattr(module, "UNSCOPED_URL_NAMES", {})
    return public, unscoped


def load_registry(ctx: Any) -> dict[str, Any]:
    """Every app's objects for this case. A registry may call another app's url_objects(ctx)
    to reuse its objects (tasks build on directives): each registry runs once per case."""
    modules = [m for m in registry_modules() if hasattr(m, "url_objects")]
    originals = {m: m.url_objects for m in modules}
    made: dict[Any, dict[str, Any]] = {}

    def once(module: Any) -> Callable[[Any], dict[str, Any]]:
        def call(context: Any) -> dict[str, Any]:
            if module not in made:
                made[module] = originals[module](context)
            return made[module]

        return call

    objects: dict[str, Any] = {}
    try:
        for module in modules:
            module.url_objects = once(module)
        for module in modules:
            for key, value in module.url_objects(ctx).items():
                objects.setdefault(key, value)
    finally:
        for module in modules:
            module.url_objects = originals[module]
    return objects


class Unregistered(Exception):
    pass


def served_model(view: type) -> type | None:
    """The model an API view serves: its queryset's, else its model serializer's."""
    queryset = getattr(view, "queryset", None)
    if queryset is not None:
        return queryset.model
    meta = getattr(getattr(view, "serializer_class", None), "Meta", None)
    return getattr(meta, "model", None)


def registry_key(route: Route, param: str) -> str:
    """The registry key for one URL kwarg: the kwarg name, or for an API viewset's lookup
    kwarg the label of the model its queryset serves."""
    view = route.view_class
    if route.is_api and view is not None:
        lookup = getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", None)
        if param == lookup:
            model = served_model(view)
            if model is None:
                raise Unregistered(
                    f"{route.display}: the walker cannot tell which model `{param}` selects in "
                    f"{view.__name__}. Set `queryset = Model.objects.all()` on it (get_queryset "
                    "still restricts) or a ModelSerializer as its serializer_class."
                )
            return model._meta.label_lower
    return param


def build_url(route: Route, objects: dict[str, Any]) -> str:
    """A concrete URL for the route, pks from the registries; it must resolve back to the
    same view, or the walker says it could not build one."""
    candidates: dict[str, list[str]] = {}
    for param in route.params:
        if param in FORMAT_KWARGS:
            candidates[param] = FORMAT_KWARGS[param]
            continue
        key = registry_key(route, param)
        if key not in objects:
            raise Unregistered(
                f"{route.display}: no object registered for {key!r}. Add "
                f"`{key!r}: <pk of an object inside the STC subtree>` to the dict returned by "
                "url_objects(ctx) in hatnhan/<your app>/tests/url_objects.py, so this test can "
                "prove another organization's user gets 404 there."
            )
        candidates[param] = [str(objects[key])]
    tried = []
    for template, params in route.possibilities:
        if set(params) != set(candidates):
            continue
        for values in itertools.product(*(candidates[p] for p in params)):
            url = "/" + template % dict(zip(params, values, strict=True))
            tried.append(url)
            try:
                match = resolve(url)
            except Resolver404:
                continue
            if match.func is route.callback:
                return url
    raise Unregistered(
        f"{route.display}: the walker built {tried or 'no URL'} but none resolves to this "
        "view; give the pattern a plain `<int:name_id>` kwarg or extend the walker."
    )


def routes_with_objects() -> list[Route]:
    public, unscoped = exemptions()
    return [
        r
        for r in all_routes()
        if r.object_params and r.name not in public and r.name not in unscoped
    ]


def guarded_routes() -> list[Route]:
    public, _ = exemptions()
    return [r for r in all_routes() if r.name not in public]


def request(client: Any, route: Route, method: str, url: str) -> HttpResponse:
    if route.is_api and method != "get":
        return getattr(client, method)(url, data="{}", content_type="application/json")
    return getattr(client, method)(url)


def login_url() -> str:
    return resolve_url(settings.LOGIN_URL)


@pytest.fixture
def ctx(tree, users, make_member) -> SimpleNamespace:
    return SimpleNamespace(tree=tree, users=users, make_member=make_member)


def refusal_to_other(client: Any, route: Route, url: str) -> str | None:
    """None when every method answers 404 (405 tolerated); else what went wrong."""
    answers = {m: request(client, route, m, url).status_code for m in route.methods()}
    if set(answers.values()) <= {404, 405} and 404 in answers.values():
        return None
    return (
        f"{url} answered {answers} to the SYT secretary for an STC object; it must be 404: "
        "read through Model.objects.restrict(request.user, ...) / get_object_or_404 on it."
    )


def refusal_to_anonymous(client: Any, route: Route, url: str) -> str | None:
    """None when an anonymous visitor is sent to log in (pages) or refused 401/403 (API)."""
    answers: dict[str, Any] = {}
    for method in route.methods():
        response = request(client, route, method, url)
        if response.status_code in (301, 302, 303):
            target = response["Location"].split("?")[0]
            answers[method] = "login" if target == login_url() else f"redirect to {target}"
        else:
            answers[method] = response.status_code
    refusals: set[Any] = {401, 403} if route.is_api else {"login", 401, 403}
    if set(answers.values()) <= refusals | {405} and refusals & set(answers.values()):
        return None
    return (
        f"{url} answered {answers} to an anonymous visitor; pages must send them to the login "
        "page (login_required), the API must answer 401/403. If the page is public by nature, "
        "list its URL name in PUBLIC_URL_NAMES in your app's tests/url_objects.py, with why."
    )


def url_for(route: Route, ctx: Any) -> str:
    try:
        return build_url(route, load_registry(ctx) if route.object_params else {})
    except Unregistered as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.mark.parametrize("route", routes_with_objects(), ids=lambda r: r.display)
def test_other_organization_gets_404(route: Route, ctx, client):
    url = url_for(route, ctx)
    client.force_login(ctx.users["other"])
    problem = refusal_to_other(client, route, url)
    assert problem is None, problem


@pytest.mark.parametrize("route", guarded_routes(), ids=lambda r: r.display)
def test_anonymous_is_refused(route: Route, ctx, client):
    problem = refusal_to_anonymous(client, route, url_for(route, ctx))
    assert problem is None, problem


# --- The walker itself -----------------------------------------------------------------------


def test_walker_sees_the_api_router_and_its_format_suffixes():
    names = {r.name for r in all_routes()}
    assert {"organization-detail", "member-detail", "seat-detail", "audit-event-detail"} <= names
    suffixed = [r for r in all_routes() if r.name == "member-detail" and "format" in r.params]
    assert suffixed, "format-suffix patterns must be walked too"
    assert len(routes_with_objects()) >= 8


def test_api_pk_is_keyed_by_model_label():
    detail = next(r for r in all_routes() if r.name == "member-detail" and len(r.params) == 1)
    assert registry_key(detail, "pk") == "members.member"
    assert build_url(detail, {"members.member": 7}) == "/api/v1/members/7/"
    suffixed = next(r for r in all_routes() if r.name == "member-detail" and len(r.params) == 2)
    assert build_url(suffixed, {"members.member": 7}) == "/api/v1/members/7.json"


def test_format_suffix_of_the_api_root_resolves():
    root = next(r for r in all_routes() if r.name == "api-root" and r.params == ["format"])
    assert build_url(root, {}) == "/api/v1/.json"


def test_unregistered_kwarg_fails_with_a_hint():
    from django.urls import path, re_path

    def view(request, **kwargs):
        return HttpResponse()

    page = path("things/<int:thing_id>/<slug:part>/", view, name="thing")
    route = next(walk([page]))
    assert route.object_params == ["thing_id", "part"]
    with pytest.raises(Unregistered, match=r"'thing_id'.*url_objects\.py"):
        build_url(route, {})
    regex = next(walk([re_path(r"^gadgets/(?P<gadget_id>\d+)/$", view)]))
    with pytest.raises(Unregistered, match="'gadget_id'"):
        build_url(regex, {"thing_id": 1})


def test_unregistered_api_model_fails_with_a_hint():
    detail = next(r for r in all_routes() if r.name == "seat-detail" and len(r.params) == 1)
    with pytest.raises(Unregistered, match=r"'members\.committeeseat'"):
        build_url(detail, {"members.member": 1})


@pytest.mark.urls("hatnhan.core.tests.walker_urls")
def test_walker_tells_restricted_pages_from_leaky_ones(ctx, client):
    routes = {r.name: r for r in walk(get_resolver("hatnhan.core.tests.walker_urls").url_patterns)}
    objects = {"member_id": ctx.make_member(ctx.tree["stc_cell"], "Lê Văn Khuất").pk}
    restricted = routes["fake:restricted"]
    assert restricted.methods() == ["get", "post"]
    url = build_url(restricted, objects)
    assert refusal_to_anonymous(client, restricted, url) is None
    leaky = routes["fake:leaky"]
    leaky_url = build_url(leaky, objects)
    assert refusal_to_anonymous(client, leaky, leaky_url) is None  # it does require login
    public = routes["fake:public"]
    assert "anonymous visitor" in refusal_to_anonymous(client, public, build_url(public, {}))
    client.force_login(ctx.users["other"])
    assert refusal_to_other(client, restricted, url) is None
    assert "{'get': 200, 'post': 200}" in refusal_to_other(client, leaky, leaky_url)


def test_api_model_comes_from_the_serializer_when_there_is_no_queryset():
    from rest_framework import viewsets

    from hatnhan.members.api import MemberSerializer

    class NoQueryset(viewsets.ReadOnlyModelViewSet):
        serializer_class = MemberSerializer

    class Neither(viewsets.ViewSet):
        def retrieve(self, request, pk=None):
            return HttpResponse()

    assert served_model(NoQueryset).__name__ == "Member"
    assert served_model(Neither) is None
