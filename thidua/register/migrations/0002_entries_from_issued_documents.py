"""Register every numbered document thidua already holds, and carry the award sequences over.

Recognition decisions (typed numbers), commendation decisions and tờ trình each get their entry in the
register of their issuing body and year (the year of the day they were issued). Before the register,
a typed number was checked with no lock, so a database may hold two documents with one number: the
first one issued (by day, then by when it was recorded) takes the entry and the others are listed
here, unregistered, for the officers to correct by a new decision. Nothing is renumbered: what was
issued stays as it was issued.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def _parts(symbol: str) -> tuple[str, str]:
    type_symbol, _sep, rest = symbol.strip().partition("-")
    return type_symbol, "mttq" if rest.upper().startswith("MTTQ") else "ubnd"


def forward(apps: Any, schema_editor: Any) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Entry = apps.get_model("register", "RegisterEntry")
    Sequence = apps.get_model("register", "RegisterSequence")
    Decision = apps.get_model("evaluations", "Decision")
    AwardDecision = apps.get_model("awards", "AwardDecision")
    Proposal = apps.get_model("awards", "Proposal")
    NumberSequence = apps.get_model("awards", "NumberSequence")

    documents: list[tuple[Any, ...]] = []
    for d in Decision.objects.all():
        type_symbol, organ = _parts(d.symbol)
        documents.append((d.issued_on, d.issuer_id, organ, d.number, type_symbol, d.symbol, "evaluations.decision", False, "evaluations", "decision", d.pk))
    for d in AwardDecision.objects.all():
        type_symbol, _organ = _parts(d.symbol)
        documents.append((d.issued_on, d.issuer_id, d.organ, d.number, type_symbol, d.symbol, "awards.decision", True, "awards", "awarddecision", d.pk))
    for p in Proposal.objects.select_related("round"):
        type_symbol, _organ = _parts(p.symbol)
        documents.append((p.sent_on, p.round.issuer_id, p.round.organ, p.number, type_symbol, p.symbol, "awards.proposal", True, "awards", "proposal", p.pk))
    documents.sort(key=lambda row: (row[0], row[6], row[10]))

    seen: set[tuple[Any, ...]] = set()
    entries = []
    for issued_on, issuer_id, organ, number, type_symbol, symbol, kind, allocated, app_label, model, pk in documents:
        key = (issuer_id, organ, issued_on.year, type_symbol, number)
        if key in seen:
            print(f"\n  register: {number:02d}/{symbol} of {issued_on:%d/%m/%Y} ({kind} #{pk}) repeats a number already registered; left unregistered")
            continue
        seen.add(key)
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        entries.append(
            Entry(
                issuer_id=issuer_id,
                organ=organ,
                year=issued_on.year,
                number=number,
                type_symbol=type_symbol,
                symbol=symbol,
                issued_on=issued_on,
                kind=kind,
                allocated=allocated,
                content_type=content_type,
                object_id=pk,
            )
        )
    Entry.objects.bulk_create(entries, batch_size=1000)
    Sequence.objects.bulk_create(
        [
            Sequence(
                issuer_id=row.issuer_id,
                organ=row.organ,
                year=row.year,
                type_symbol=_parts(row.symbol)[0],
                last=row.last,
            )
            for row in NumberSequence.objects.all()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("evaluations", "0004_streak_runs"),
        ("awards", "0004_sessions_and_ballots_have_a_status"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
