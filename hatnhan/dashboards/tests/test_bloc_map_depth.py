"""The map of the tree shows two levels below the root, one when two would pass
bloc.MAP_MAX_NODES; the levels are counted in SQL, so the organizations of a level not shown
are never read, and the table's rows (one level down) are always there."""

from hatnhan.dashboards import bloc as blocs
from hatnhan.dashboards import selectors
from hatnhan.dashboards.periods import parse

from .conftest import AS_OF


def _table(tree, monkeypatch):
    """The table, and the organizations whose rows it read."""
    period, _ = parse({"year": "2026"}, AS_OF)
    read: list = []
    totals = selectors.subtree_totals

    def spy(orgs, months):
        read.extend(orgs)
        return totals(orgs, months)

    monkeypatch.setattr(selectors, "subtree_totals", spy)
    return blocs.bloc_table(tree["bloc"], period), read


def test_two_levels_when_they_fit(tree, refreshed, monkeypatch):
    refreshed()
    table, _ = _table(tree, monkeypatch)
    stc = next(n for n in table.tree.children if n.organization == tree["stc"])
    assert [n.organization for n in stc.children] == [tree["stc_cell"]]


def test_one_level_when_two_would_pass_the_limit(tree, refreshed, monkeypatch):
    refreshed()
    # The bloc, its two grassroots organizations and their two cells: 5 nodes at two levels.
    monkeypatch.setattr(blocs, "MAP_MAX_NODES", 4)
    table, read = _table(tree, monkeypatch)
    assert {n.organization for n in table.tree.children} == {tree["stc"], tree["syt"]}
    assert all(not n.children for n in table.tree.children)
    assert [r.organization for r in table.rows] == [tree["stc"], tree["syt"]]
    assert tree["stc_cell"] not in read and tree["syt_cell"] not in read  # never read
