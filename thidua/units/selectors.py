"""Reads on the administrative tree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from thidua.db import vi_order
from thidua.lib.text import fold
from thidua.units.models import Unit

if TYPE_CHECKING:
    import datetime

    from thidua.accounts.models import User

# A recursive query works on PostgreSQL and SQLite alike and answers from the parent index,
# so the subtree of a province (≈ 100 communes, thousands of areas) costs one round trip.
_SUBTREE_SQL = """
WITH RECURSIVE subtree(id) AS (
    SELECT id FROM units_unit WHERE id = %s
    UNION ALL
    SELECT child.id FROM units_unit AS child JOIN subtree ON child.parent_id = subtree.id
)
SELECT id FROM subtree
"""

_ANCESTORS_SQL = """
WITH RECURSIVE ancestors(id, parent_id, depth) AS (
    SELECT id, parent_id, 0 FROM units_unit WHERE id = %s
    UNION ALL
    SELECT parent.id, parent.parent_id, ancestors.depth + 1
    FROM units_unit AS parent JOIN ancestors ON parent.id = ancestors.parent_id
)
SELECT id FROM ancestors ORDER BY depth DESC
"""


def subtree_q(root_id: int, field: str = "id") -> Q:
    """A filter on ``field`` (a unit id) that keeps the unit ``root_id`` and everything below it."""
    # The SQL is a constant and the id a bound parameter: nothing user-supplied is interpolated.
    return Q(**{f"{field}__in": RawSQL(_SUBTREE_SQL, (root_id,))})  # noqa: S611


def unit_subtree(root: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(subtree_q(root.pk))


def unit_ancestors(unit: Unit) -> list[Unit]:
    """The chain from the root down to ``unit`` itself (the breadcrumbs of a unit page)."""
    ids = [row.pk for row in Unit.objects.raw(_ANCESTORS_SQL, [unit.pk])]
    by_id = Unit.objects.in_bulk(ids)
    return [by_id[i] for i in ids]


def units_visible_to(user: User) -> QuerySet[Unit]:
    """Every unit the user may see: the subtree of their unit, or everything for an administrator."""
    if user.is_superuser or user.is_administrator:
        return Unit.objects.all()
    if user.unit_id is None:
        return Unit.objects.none()
    return Unit.objects.filter(subtree_q(user.unit_id))


def unit_children(unit: Unit | None, *, as_of: datetime.date | None = None) -> QuerySet[Unit]:
    """The direct children of ``unit`` (the provinces when None), valid on ``as_of`` when given."""
    queryset = Unit.objects.filter(parent=unit)
    if as_of is not None:
        queryset = queryset.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=as_of),
            Q(valid_to__isnull=True) | Q(valid_to__gte=as_of),
        )
    return queryset.order_by(vi_order("name"))


def unit_search(queryset: QuerySet[Unit], text: str) -> QuerySet[Unit]:
    """Units whose name or code contains ``text``, ignoring case and diacritics ("duc xuan")."""
    for word in fold(text).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset
