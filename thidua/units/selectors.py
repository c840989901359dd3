"""Reads on the administrative tree: as of a date, across lineage, scoped to what a user may see.

Tree queries run as recursive SQL over the versions (the same on PostgreSQL and SQLite) and answer
from the ``unitversion_parent_idx`` index, so the subtree of a province costs one round trip.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL

from thidua.accounts.system import SystemActor
from thidua.db import vi_order
from thidua.lib.text import fold, vi_sort_key
from thidua.units.models import KIND_PREFIX, LineageEvent, LineageLink, Unit, UnitVersion
from thidua.units.rules import Period

if TYPE_CHECKING:
    from thidua.accounts.system import Actor

# Units below the root on one day.
_SUBTREE_AT_SQL = """
WITH RECURSIVE subtree(id) AS (
    SELECT CAST(%s AS BIGINT)
    UNION
    SELECT v.unit_id FROM units_unitversion AS v JOIN subtree ON v.parent_id = subtree.id
    WHERE (v.valid_from IS NULL OR v.valid_from <= %s) AND (v.valid_to IS NULL OR v.valid_to >= %s)
)
SELECT id FROM subtree
"""

# Everything a unit ever answered for: every unit that hung under it at any time, and, through
# lineage, every predecessor of those (the three wards merged into today's phường Đức Xuân).
# PostgreSQL reaches both kinds of edge through one LATERAL join, which lets it use the parent and
# successor indexes (5 ms for a province, against 80 ms for a join on a UNION of the edges); SQLite
# has no LATERAL but accepts two recursive terms.
_REACH_SQL_POSTGRESQL = """
WITH RECURSIVE reach(id) AS (
    SELECT CAST(%s AS BIGINT)
    UNION
    SELECT edge.dst FROM reach JOIN LATERAL (
        SELECT v.unit_id AS dst FROM units_unitversion AS v WHERE v.parent_id = reach.id
        UNION ALL
        SELECT l.predecessor_id FROM units_lineagelink AS l
        WHERE l.successor_id = reach.id AND l.predecessor_id IS NOT NULL AND l.predecessor_id <> l.successor_id
    ) AS edge ON TRUE
)
SELECT id FROM reach
"""
_REACH_SQL_SQLITE = """
WITH RECURSIVE reach(id) AS (
    SELECT CAST(%s AS BIGINT)
    UNION
    SELECT v.unit_id FROM units_unitversion AS v JOIN reach ON v.parent_id = reach.id
    UNION
    SELECT l.predecessor_id FROM units_lineagelink AS l JOIN reach ON l.successor_id = reach.id
    WHERE l.predecessor_id IS NOT NULL AND l.predecessor_id <> l.successor_id
)
SELECT id FROM reach
"""


def _reach_sql() -> str:
    return _REACH_SQL_POSTGRESQL if connection.vendor == "postgresql" else _REACH_SQL_SQLITE


_ANCESTORS_AT_SQL = """
WITH RECURSIVE ancestors(id, depth) AS (
    SELECT CAST(%s AS BIGINT), 0
    UNION ALL
    SELECT v.parent_id, ancestors.depth + 1
    FROM units_unitversion AS v JOIN ancestors ON v.unit_id = ancestors.id
    WHERE v.parent_id IS NOT NULL AND ancestors.depth < 16
      AND (v.valid_from IS NULL OR v.valid_from <= %s) AND (v.valid_to IS NULL OR v.valid_to >= %s)
)
SELECT id FROM ancestors ORDER BY depth DESC
"""

_LINEAGE_SQL = """
WITH RECURSIVE line(id) AS (
    SELECT CAST(%s AS BIGINT)
    UNION
    SELECT l.{far} FROM units_lineagelink AS l JOIN line ON l.{near} = line.id
    WHERE l.{far} IS NOT NULL AND l.predecessor_id <> l.successor_id
)
SELECT id FROM line
"""


def valid_on(day: datetime.date, prefix: str = "") -> Q:
    """A filter for rows (units or versions) valid on ``day``."""
    starts = Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})
    ends = Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    return starts & ends


def subtree_q(root_id: int, *, as_of: datetime.date | None = None, field_name: str = "id") -> Q:
    """A filter on ``field_name`` (a unit id): the root and the units below it on ``as_of``, or ever."""
    # The SQL is a constant and the values bound parameters: nothing user-supplied is interpolated.
    if as_of is None:
        return Q(**{f"{field_name}__in": RawSQL(_reach_sql(), (root_id,))})  # noqa: S611
    return Q(**{f"{field_name}__in": RawSQL(_SUBTREE_AT_SQL, (root_id, as_of, as_of))})  # noqa: S611


def unit_subtree(root: Unit, *, as_of: datetime.date | None = None) -> QuerySet[Unit]:
    return Unit.objects.filter(subtree_q(root.pk, as_of=as_of))


def unit_subtree_ids(root_id: int, as_of: datetime.date) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(_SUBTREE_AT_SQL, [root_id, as_of, as_of])
        return [row[0] for row in cursor.fetchall()]


def unit_version_at(unit: Unit, day: datetime.date) -> UnitVersion | None:
    return UnitVersion.objects.filter(unit=unit).filter(valid_on(day)).first()


def unit_ancestors(unit: Unit, *, as_of: datetime.date | None = None) -> list[Unit]:
    """The chain from the root down to ``unit`` on ``as_of`` (by default its last day, or today)."""
    day = as_of or unit_last_day(unit)
    ids = [row.pk for row in Unit.objects.raw(_ANCESTORS_AT_SQL, [unit.pk, day, day])]
    by_id = Unit.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def unit_last_day(unit: Unit) -> datetime.date:
    today = datetime.date.today()
    return unit.valid_to if unit.valid_to and unit.valid_to < today else today


def unit_name_at(unit: Unit, day: datetime.date) -> str:
    version = unit_version_at(unit, day)
    return version.full_name if version else unit.full_name


def unit_address_at(unit: Unit, day: datetime.date) -> str:
    """The full administrative address on ``day``: "tổ 8A, phường Đức Xuân, thị xã Bắc Kạn, tỉnh Bắc Kạn"."""
    chain = unit_ancestors(unit, as_of=day)
    versions = {
        v.unit_id: v for v in UnitVersion.objects.filter(unit_id__in=[u.pk for u in chain]).filter(valid_on(day))
    }
    names = [versions[u.pk].full_name if u.pk in versions else u.full_name for u in reversed(chain)]
    return ", ".join(names)


def _lineage(unit: Unit, *, forward: bool) -> list[Unit]:
    near, far = ("predecessor_id", "successor_id") if forward else ("successor_id", "predecessor_id")
    sql = _LINEAGE_SQL.format(near=near, far=far)
    ids = [row.pk for row in Unit.objects.raw(sql, [unit.pk]) if row.pk != unit.pk]
    return list(Unit.objects.filter(pk__in=ids).order_by("valid_from", "level", vi_order("name")))


def unit_successors(unit: Unit) -> list[Unit]:
    """What it became, transitively ("what is it now")."""
    return _lineage(unit, forward=True)


def unit_predecessors(unit: Unit) -> list[Unit]:
    """What it came from, transitively ("what was it then")."""
    return _lineage(unit, forward=False)


def unit_current(unit: Unit) -> list[Unit]:
    """The units of today that ``unit`` lives on in (itself if it still exists)."""
    if unit.valid_to is None:
        return [unit]
    return [u for u in unit_successors(unit) if u.valid_to is None]


def units_visible_to(user: Actor) -> QuerySet[Unit]:
    """Every unit the user may see: what their unit ever answered for, across lineage, or everything
    for an administrator and for thidua itself (``SYSTEM_ACTOR``: a console command acting as nobody).
    An officer of a unit that no longer exists keeps seeing its records."""
    if isinstance(user, SystemActor) or user.is_superuser or user.is_administrator:
        return Unit.objects.all()
    if user.unit_id is None:
        return Unit.objects.none()
    return Unit.objects.filter(subtree_q(user.unit_id))


def unit_children(unit: Unit | None, *, as_of: datetime.date | None = None) -> QuerySet[Unit]:
    """The direct children of ``unit`` (the provinces when None) on ``as_of``, or at any time."""
    versions = UnitVersion.objects.filter(parent=unit)
    if as_of is not None:
        versions = versions.filter(valid_on(as_of))
    return Unit.objects.filter(pk__in=versions.values("unit_id")).order_by(vi_order("name"))


def unit_search(queryset: QuerySet[Unit], text: str) -> QuerySet[Unit]:
    """Units whose name (any name they ever had) or code contains ``text``, ignoring case and
    diacritics ("duc xuan")."""
    for word in fold(text).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


@dataclass
class TreeNode:
    unit: Unit
    version: UnitVersion
    children: list[TreeNode] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return f"{KIND_PREFIX[self.version.kind]} {self.version.name}"


def unit_tree(as_of: datetime.date, *, root: Unit | None = None, depth: int = 4) -> list[TreeNode]:
    """The tree on ``as_of`` as nested nodes with the names of that day, in Vietnamese order.

    ``depth`` counts the steps down from the root (from the top when there is no root: 1 gives
    the provinces alone).
    """
    versions = UnitVersion.objects.filter(valid_on(as_of)).select_related("unit")
    if root is not None:
        versions = versions.filter(unit_id__in=unit_subtree_ids(root.pk, as_of))
    if depth < 4:
        # The level only pre-filters: since 1/7/2025 a commune hangs straight under its province,
        # one level down the tree but two levels down the scale, and that is the only gap.
        base = root.level if root else 0
        versions = versions.filter(level__lte=base + depth + 1)
    by_parent: dict[int | None, list[UnitVersion]] = {}
    for version in versions:
        by_parent.setdefault(version.parent_id, []).append(version)

    def build(parent_id: int | None, remaining: int) -> list[TreeNode]:
        if remaining <= 0:
            return []
        children = sorted(by_parent.get(parent_id, []), key=lambda v: vi_sort_key(v.name))
        return [TreeNode(v.unit, v, build(v.unit_id, remaining - 1)) for v in children]

    if root is not None:
        own = next((v for v in versions if v.unit_id == root.pk), None)
        return [TreeNode(root, own, build(root.pk, depth))] if own else []
    return build(None, depth)


def unit_events(unit: Unit) -> list[tuple[LineageEvent, list[LineageLink]]]:
    """The lineage events that name ``unit``, oldest first, with all their links."""
    event_ids = LineageLink.objects.filter(Q(predecessor=unit) | Q(successor=unit)).values("event_id")
    events = LineageEvent.objects.filter(pk__in=event_ids).order_by("date", "id")
    links = LineageLink.objects.filter(event__in=events).select_related("predecessor", "successor")
    grouped: dict[int, list[LineageLink]] = {}
    for link in links:
        grouped.setdefault(link.event_id, []).append(link)
    return [(event, grouped.get(event.pk, [])) for event in events]


def unit_by_code(code: str, as_of: datetime.date | None = None) -> Unit | None:
    """The unit a code names: the one valid on ``as_of`` (a code is reused by a successor), else
    the latest one; a source key ("vn-2024:058") names its unit exactly."""
    if ":" in code:
        return Unit.objects.filter(source_key=code).first()
    units = Unit.objects.filter(code=code)
    if as_of is not None:
        valid = units.filter(valid_on(as_of)).first()
        if valid is not None:
            return valid
    return units.order_by(F("valid_to").desc(nulls_first=True), F("valid_from").desc(nulls_last=True)).first()


def units_topmost_on(visible: QuerySet[Unit], as_of: datetime.date) -> list[TreeNode]:
    """The highest units of ``visible`` that exist on ``as_of``: where the tree of a user whose own
    unit did not exist that day begins (the residential areas of a dissolved town, in 2026)."""
    versions = (
        UnitVersion.objects.filter(valid_on(as_of), unit__in=visible)
        .exclude(parent__in=visible)
        .select_related("unit", "parent")
    )
    return [TreeNode(v.unit, v) for v in sorted(versions, key=lambda v: (v.level, vi_sort_key(v.name)))]


@dataclass
class LinkedUnit:
    """A unit on one side of a lineage event, by the name it had there: a predecessor by its name
    on the eve of the event, a successor by its name on the day (xã Huyền Tụng in 1990, not the
    phường it became)."""

    unit: Unit
    name: str
    partial: bool = False


@dataclass
class TimelineEntry:
    """One line of a unit's history: a version (what it was over a period) or a lineage event."""

    date: datetime.date | None
    version: UnitVersion | None = None
    event: LineageEvent | None = None
    predecessors: list[LinkedUnit] = field(default_factory=list)
    successors: list[LinkedUnit] = field(default_factory=list)
    # The parent of a version by the name it had at the end of the version.
    parent_name: str = ""

    @property
    def continues(self) -> bool:
        """A rename, reclassification or transfer: the unit goes on, only its version changes."""
        return [u.unit.pk for u in self.predecessors] == [u.unit.pk for u in self.successors]


def unit_timeline(unit: Unit) -> list[TimelineEntry]:
    """The versions and lineage events of ``unit`` in date order (an event before the version it opens)."""
    entries = [
        TimelineEntry(
            v.valid_from,
            version=v,
            parent_name=unit_name_at(v.parent, v.valid_to or unit_last_day(v.parent)) if v.parent else "",
        )
        for v in unit.versions.select_related("parent").order_by(F("valid_from").asc(nulls_first=True))
    ]
    for event, links in unit_events(unit):
        eve = event.date - datetime.timedelta(days=1)
        predecessors: dict[int, LinkedUnit] = {}
        successors: dict[int, LinkedUnit] = {}
        for link in sorted(links, key=lambda link: link.pk):
            if link.predecessor is not None and link.predecessor.pk not in predecessors:
                name = unit_name_at(link.predecessor, eve)
                predecessors[link.predecessor.pk] = LinkedUnit(link.predecessor, name, link.partial)
            if link.successor is not None and link.successor.pk not in successors:
                successors[link.successor.pk] = LinkedUnit(link.successor, unit_name_at(link.successor, event.date))
        entries.append(
            TimelineEntry(
                event.date, event=event, predecessors=list(predecessors.values()), successors=list(successors.values())
            )
        )
    return sorted(entries, key=lambda e: (e.date or datetime.date.min, e.version is not None))


@dataclass
class TreeAsOf:
    """What the tree page shows: the nodes from the root down ``loaded`` steps (deeper levels load on
    demand), or, when the root did not exist on the day, its relatives that did."""

    as_of: datetime.date
    root: Unit | None
    nodes: list[TreeNode]
    loaded: int
    missing: bool = False
    relatives: list[Unit] = field(default_factory=list)


def unit_tree_as_of(
    visible: QuerySet[Unit], as_of: datetime.date, root: Unit | None, *, own_unit: bool = False, depth: int = 2
) -> TreeAsOf:
    """The tree on ``as_of`` from ``root`` down ``depth`` steps (from the whole country when None: 2
    gives the provinces). A root that did not exist that day gives its predecessors and successors
    that did; when it is the user's own unit (a town dissolved in 2025), the tree begins at the
    highest units of ``visible`` that existed that day."""
    if root is None:
        return TreeAsOf(as_of, None, unit_tree(as_of, depth=max(depth - 1, 1)), loaded=max(depth - 2, 0))
    nodes = unit_tree(as_of, root=root, depth=depth)
    if nodes:
        return TreeAsOf(as_of, root, nodes, loaded=depth)
    relatives = [
        u
        for u in [*unit_predecessors(root), *unit_successors(root)]
        if Period(u.valid_from, u.valid_to).contains_day(as_of)
    ]
    forest = units_topmost_on(visible, as_of) if own_unit else []
    return TreeAsOf(as_of, root, forest, loaded=0, missing=True, relatives=relatives)
