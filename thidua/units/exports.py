"""Excel exports of the unit lists (``?format=xlsx``): the searched list and the tree as of a date."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext as _

from thidua.documents.exports import Cell, export_subtitle, xlsx_response
from thidua.units.models import Unit
from thidua.units.selectors import TreeNode

# The searched list of an administrator is the whole country: about 14,000 rows.
MAX_ROWS = 50_000


def unit_list_xlsx(units: QuerySet[Unit], query: str, user_unit: Unit | None) -> HttpResponse:
    columns = [_("Code"), _("Name"), _("Kind"), _("Level"), _("Parent unit"), _("Valid from"), _("Valid to")]
    rows: list[list[Cell]] = [
        [
            unit.code,
            unit.full_name,
            str(unit.get_kind_display()),
            str(unit.get_level_display()),
            unit.parent.full_name if unit.parent else "",
            unit.valid_from,
            unit.valid_to,
        ]
        for unit in units[:MAX_ROWS]
    ]
    title = _("Administrative units") + (f" — “{query}”" if query else "")
    scope = user_unit.full_name if user_unit else _("the whole country")
    return xlsx_response("don-vi-hanh-chinh", title, columns, rows, subtitle=export_subtitle(scope))


def _flatten(nodes: Iterable[TreeNode], parent: str = "") -> Iterable[list[Cell]]:
    for node in nodes:
        version = node.version
        yield [node.unit.code, node.full_name, str(version.get_level_display()), parent, version.valid_from,
               version.valid_to]  # fmt: skip
        yield from _flatten(node.children, node.full_name)


def unit_tree_xlsx(nodes: list[TreeNode], as_of: datetime.date, root: Unit | None) -> HttpResponse:
    columns = [_("Code"), _("Name"), _("Level"), _("Parent unit"), _("Valid from"), _("Valid to")]
    title = _("Tree of administrative units as of %(date)s") % {"date": f"{as_of:%d/%m/%Y}"}
    scope = nodes[0].full_name if root is not None and nodes else _("the whole country")
    return xlsx_response(
        f"cay-don-vi-{as_of:%Y-%m-%d}", title, columns, list(_flatten(nodes)), subtitle=export_subtitle(scope)
    )
