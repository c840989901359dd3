"""Numbers of the register: taken under a lock when thidua numbers, checked against it when typed.

These helpers write inside the transaction of the service that issues the document, after that
service authorized its actor (they take no actor: they decide nothing about who may issue).

- ``number_take`` gives the next number of a body's documents of one type in a year. It locks the
  ``RegisterSequence`` row (``SELECT … FOR UPDATE``) until the caller's transaction ends: a second
  officer issuing at the same moment waits for the first; a refused or failed issue rolls the entry
  and the increment back with everything else, so allocated numbers have no gap and no duplicate.
  The next number is also past the highest number already registered (a paper document whose
  number an officer typed), so that the two never meet.
- ``number_claim`` registers a number typed by hand (a decision signed on paper). It takes the
  same lock, looks the number up in the register and inserts it: of N officers typing the same number
  at once, exactly one succeeds and the others are told which document holds it. The database's
  unique constraint is the last guard, turned into the same refusal.
- ``entry_attach`` ties the entry to the document that carries its number, once.
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from thidua.errors import DomainError
from thidua.register.models import EntryKind, Organ, RegisterEntry, RegisterSequence
from thidua.units.models import Unit


def symbol_parts(symbol: str) -> tuple[str, str]:
    """The type of document and the organ a full symbol names: "QĐ-UBND" → ("QĐ", "ubnd")."""
    type_symbol, _sep, rest = symbol.strip().partition("-")
    organ = Organ.MTTQ if rest.upper().startswith("MTTQ") else Organ.UBND
    return type_symbol, organ


def _in_transaction(name: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{name} must run inside the transaction that uses the number.")


def _lock(issuer: Unit, organ: str, year: int, type_symbol: str) -> RegisterSequence:
    # get_or_create on a select_for_update queryset: the get locks an existing row; when two callers
    # create the first row of a year at once, the loser's insert fails on the unique constraint
    # inside a savepoint and Django reads the winner's row again, this time locked.
    sequence, _created = RegisterSequence.objects.select_for_update().get_or_create(
        issuer=issuer, organ=organ, year=year, type_symbol=type_symbol
    )
    return sequence


def _taken(issuer: Unit, organ: str, year: int, type_symbol: str, number: int) -> DomainError:
    holder = RegisterEntry.objects.filter(
        issuer=issuer, organ=organ, year=year, type_symbol=type_symbol, number=number
    ).first()
    if holder is None:
        return DomainError(
            _("The number %(number)s is already taken in the register of %(issuer)s for %(year)s."),
            column="number",
            number=f"{number:02d}/{type_symbol}",
            issuer=issuer.full_name,
            year=year,
        )
    return DomainError(
        _(
            "The number %(number)s is already in the register of %(issuer)s for %(year)s: "
            "%(kind)s of %(day)s. Each number is given once a year."
        ),
        column="number",
        number=f"{holder.number:02d}/{holder.symbol}",
        issuer=issuer.full_name,
        year=year,
        kind=holder.get_kind_display(),
        day=f"{holder.issued_on:%d/%m/%Y}",
    )


def number_take(*, issuer: Unit, symbol: str, issued_on: datetime.date, kind: EntryKind | str) -> RegisterEntry:
    """Register the next number of ``symbol`` for ``issuer`` in the year of ``issued_on``."""
    _in_transaction("number_take")
    type_symbol, organ = symbol_parts(symbol)
    year = issued_on.year
    sequence = _lock(issuer, organ, year, type_symbol)
    top = RegisterEntry.objects.filter(issuer=issuer, organ=organ, year=year, type_symbol=type_symbol).aggregate(
        top=Max("number")
    )["top"]
    sequence.last = max(sequence.last, top or 0) + 1
    sequence.save(update_fields=["last"])
    return RegisterEntry.objects.create(
        issuer=issuer,
        organ=organ,
        year=year,
        number=sequence.last,
        type_symbol=type_symbol,
        symbol=symbol.strip(),
        issued_on=issued_on,
        kind=kind,
        allocated=True,
    )


def number_claim(
    *, issuer: Unit, symbol: str, number: int, issued_on: datetime.date, kind: EntryKind | str
) -> RegisterEntry:
    """Register ``number`` typed by hand, or refuse it if the register already holds it."""
    _in_transaction("number_claim")
    if number < 1:
        raise DomainError(_("A document number is a whole number from 1."), column="number")
    type_symbol, organ = symbol_parts(symbol)
    year = issued_on.year
    _lock(issuer, organ, year, type_symbol)
    if RegisterEntry.objects.filter(
        issuer=issuer, organ=organ, year=year, type_symbol=type_symbol, number=number
    ).exists():
        raise _taken(issuer, organ, year, type_symbol, number)
    try:
        with transaction.atomic():
            return RegisterEntry.objects.create(
                issuer=issuer,
                organ=organ,
                year=year,
                number=number,
                type_symbol=type_symbol,
                symbol=symbol.strip(),
                issued_on=issued_on,
                kind=kind,
                allocated=False,
            )
    except IntegrityError:
        raise _taken(issuer, organ, year, type_symbol, number) from None


def entry_attach(*, entry: RegisterEntry, document: models.Model) -> RegisterEntry:
    """Tie ``entry`` to the document that carries its number (once: the trigger refuses a second),
    and have its text rendered and stored once the issuing transaction commits (``issued.py``)."""
    from thidua.register.issued import render_later

    entry.content_type = ContentType.objects.get_for_model(document)
    entry.object_id = document.pk
    entry.save(update_fields=["content_type", "object_id"])
    render_later(entry)
    return entry
