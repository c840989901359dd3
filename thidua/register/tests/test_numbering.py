"""The register of an issuing body: numbers taken under a lock, typed numbers checked against it."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connections, transaction

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.awards.decisions.services import decision_issue
from thidua.awards.tests.fixtures_decisions import LEGAL_BASES, SUBJECT, build_round
from thidua.errors import DomainError
from thidua.evaluations.models import Decision, Dossier, DossierKind, DossierStatus
from thidua.evaluations.services import decision_record
from thidua.register.models import EntryKind, RegisterEntry, RegisterSequence
from thidua.register.selectors import entry_of
from thidua.register.services import number_claim, number_take, symbol_parts
from thidua.testing import Cast

D = datetime.date
WRITERS = 50


def _in_parallel(work: Callable[[int], Any], count: int = WRITERS) -> tuple[list[Any], list[BaseException]]:
    """Run ``work`` in ``count`` threads released at once, each on its own database connection."""
    barrier = threading.Barrier(count)
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=60)
            result = work(index)
            with lock:
                results.append(result)
        except BaseException as exc:
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def test_a_symbol_names_the_type_of_document_and_the_organ() -> None:
    assert symbol_parts("QĐ-UBND") == ("QĐ", "ubnd")
    assert symbol_parts("TTr-MTTQ") == ("TTr", "mttq")
    assert symbol_parts("QĐ-MTTQ-BTT") == ("QĐ", "mttq")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_writers_get_every_number_once_with_no_gap(cast: Cast) -> None:
    town = cast.town

    def take(_index: int) -> int:
        with transaction.atomic():
            return number_take(issuer=town, symbol="QĐ-UBND", issued_on=D(2014, 3, 1), kind=EntryKind.AWARD).number

    numbers, errors = _in_parallel(take)
    assert errors == []
    assert sorted(numbers) == list(range(1, WRITERS + 1))
    registered = list(
        RegisterEntry.objects.filter(issuer=town, year=2014).order_by("number").values_list("number", flat=True)
    )
    assert registered == list(range(1, WRITERS + 1))
    assert RegisterSequence.objects.get(issuer=town, year=2014, type_symbol="QĐ").last == WRITERS


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_officers_typing_the_same_number_at_once_register_it_once(cast: Cast) -> None:
    ward = cast.duc_xuan

    def claim(_index: int) -> int:
        with transaction.atomic():
            return number_claim(
                issuer=ward, symbol="QĐ-UBND", number=77, issued_on=D(2014, 12, 20), kind=EntryKind.RECOGNITION
            ).number

    numbers, errors = _in_parallel(claim)
    assert numbers == [77]
    assert len(errors) == WRITERS - 1
    assert all(isinstance(error, DomainError) for error in errors)
    assert "77/QĐ-UBND is already in the register" in str(errors[0])
    assert RegisterEntry.objects.filter(issuer=ward, year=2014, number=77).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_recognition_decisions_typed_with_one_number_at_once_make_one_decision(cast: Cast) -> None:
    dossiers = [
        Dossier.objects.create(kind=DossierKind.GDVH, unit=cast.to_8a, year=year, status=DossierStatus.REVIEWED)
        for year in range(1994, 2014)
    ]

    def record(index: int) -> Decision:
        return decision_record(
            dossier=dossiers[index],
            number=77,
            issued_on=D(2014, 12, 20),
            issuer=cast.duc_xuan,
            signer_title="CHỦ TỊCH",
            signer_name="Nông Văn Chí",
            titled_ids=[],
            actor=SYSTEM_ACTOR,
        )

    decisions, errors = _in_parallel(record, len(dossiers))
    assert len(decisions) == 1 and len(errors) == len(dossiers) - 1
    assert all(isinstance(error, DomainError) for error in errors), errors[:1]
    assert Decision.objects.filter(issuer=cast.duc_xuan, number=77).count() == 1


def test_a_recognition_decision_cannot_take_the_number_of_an_award_decision(cast: Cast) -> None:
    data = build_round(cast)
    award = decision_issue(
        round=data.round,
        form_codes=["gk-kdc", "gk-bctmt"],
        issued_on=D(2014, 1, 10),
        subject=SUBJECT,
        legal_bases=LEGAL_BASES,
        signer_prefix="",
        signer_title="Chủ tịch",
        signer_name="Nguyễn Văn Du",
        recipients_note="",
        actor=cast["backan"],
    )
    assert str(award) == "01/QĐ-UBND"
    entry = entry_of(award)
    assert entry is not None and (entry.number, entry.kind, entry.allocated) == (1, EntryKind.AWARD, True)
    dossier = Dossier.objects.create(kind=DossierKind.GDVH, unit=cast.to_8a, year=2013, status=DossierStatus.REVIEWED)
    with pytest.raises(DomainError) as refusal:
        decision_record(
            dossier=dossier,
            number=1,
            issued_on=D(2014, 2, 15),
            issuer=cast.town,
            signer_title="CHỦ TỊCH",
            signer_name="Nguyễn Văn Du",
            titled_ids=[],
            actor=SYSTEM_ACTOR,
        )
    assert "01/QĐ-UBND is already in the register" in str(refusal.value)
    assert "commendation decision of 10/01/2014" in str(refusal.value)
    assert not Decision.objects.filter(issuer=cast.town).exists()
    # The next number of the town is 02, for either kind of decision.
    recognition = decision_record(
        dossier=dossier,
        number=2,
        issued_on=D(2014, 2, 15),
        issuer=cast.town,
        signer_title="CHỦ TỊCH",
        signer_name="Nguyễn Văn Du",
        titled_ids=[],
        actor=SYSTEM_ACTOR,
    )
    typed = entry_of(recognition)
    assert typed is not None and (typed.number, typed.kind, typed.allocated) == (2, EntryKind.RECOGNITION, False)
    with transaction.atomic():
        assert (
            number_take(issuer=cast.town, symbol="QĐ-UBND", issued_on=D(2014, 5, 1), kind=EntryKind.AWARD).number == 3
        )


def test_a_number_below_one_is_refused_naming_the_column(cast: Cast) -> None:
    with transaction.atomic(), pytest.raises(DomainError) as refusal:
        number_claim(issuer=cast.town, symbol="QĐ-UBND", number=0, issued_on=D(2014, 1, 1), kind=EntryKind.RECOGNITION)
    assert refusal.value.column == "number"
