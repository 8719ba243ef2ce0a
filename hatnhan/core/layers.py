"""The layers of DESIGN.md as data: which app may import which (docs/layers.md explains them).

An app may import an app earlier in its own layer's list or any app of a layer below, never
one later or above. hatnhan/core/tests/test_layers.py holds every module to it, and the demo
command loads the apps' demo parts in this order. App labels only: this module imports no
app, so anything may read it.
"""

LAYERS: list[tuple[str, list[str]]] = [
    ("foundation", ["core", "audit", "organizations", "members", "accounts"]),
    (
        "record",
        [
            "directives",
            "tasks",
            "meetings",
            "votes",
            "briefings",
            "inspections",
            "discipline",
            "feedback",
        ],
    ),
    ("judgment", ["evaluations", "dashboards", "scorecards"]),
    ("edge", ["api", "exchange", "portal"]),
]

# One seam crosses the foundation's order on purpose: core's audited save (save_audited)
# records into audit, while audit itself uses core's restriction and request context. The
# audit trail is a service helper every app needs, and splitting core in two for one
# function would put the service helpers away from the restriction they call.
SEAMS: frozenset[tuple[str, str]] = frozenset({("hatnhan.core.services", "audit")})


def rank(label: str) -> tuple[int, int] | None:
    """(layer, position in it) of an app label; None for a module outside every app."""
    for layer, (_name, labels) in enumerate(LAYERS):
        if label in labels:
            return layer, labels.index(label)
    return None


def may_import(importer: str, imported: str) -> bool:
    """Whether app `importer` may import app `imported` (both labels in LAYERS)."""
    if importer == imported:
        return True
    a, b = rank(importer), rank(imported)
    if a is None or b is None:
        raise ValueError(f"not an app of the layers: {importer if a is None else imported}")
    return b < a
