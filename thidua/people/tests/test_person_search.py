"""``Person.search_text``: the folded name that the award history's search filters on in SQL."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.awards.history.selectors import person_search
from thidua.errors import DomainError
from thidua.people.models import Gender, Person, PositionKind
from thidua.people.services import person_create, position_assign
from thidua.testing import Cast

pytestmark = pytest.mark.django_db


def test_the_folded_name_is_filled_on_save_and_follows_a_renaming() -> None:
    person = Person.objects.create(full_name="Hoàng Thị Nông")
    assert person.search_text == "hoang thi nong"
    person.full_name = "Đặng Thị Nông"
    person.save(update_fields=["full_name"])
    assert Person.objects.get(pk=person.pk).search_text == "dang thi nong"


def test_person_create_records_the_person_with_the_folded_name_and_an_audit_entry(cast: Cast) -> None:
    person = person_create(full_name="  Lường   Văn Sơn ", gender=Gender.MALE, actor=cast["backan"])
    assert (person.full_name, person.search_text) == ("Lường Văn Sơn", "luong van son")
    assert AuditEntry.objects.filter(action="people.person_create").count() == 1


def test_person_create_refuses_a_blank_name_and_writes_nothing(cast: Cast) -> None:
    with pytest.raises(DomainError):
        person_create(full_name="   ", actor=SYSTEM_ACTOR)
    assert not Person.objects.exists()
    assert not AuditEntry.objects.filter(action="people.person_create").exists()


def test_the_search_matches_every_word_without_diacritics_in_one_query_in_vietnamese_order() -> None:
    for name in ("Nguyễn Văn Bình", "Nguyễn Thị An", "Hoàng Văn Nguyên", "Nông Thị Lan"):
        Person.objects.create(full_name=name)
    with CaptureQueriesContext(connection) as queries:
        found = person_search(Person.objects.all(), "nguyen", limit=10)
    assert len(queries) == 1 and "search_text" in queries[0]["sql"]
    # "Hoàng Văn Nguyên" contains "nguyen" too; order is by the Vietnamese order of the names.
    assert [p.full_name for p in found] == ["Hoàng Văn Nguyên", "Nguyễn Thị An", "Nguyễn Văn Bình"]
    assert [p.full_name for p in person_search(Person.objects.all(), "NGUYEN binh", limit=10)] == ["Nguyễn Văn Bình"]
    assert person_search(Person.objects.all(), "nguyen", limit=1)[0].full_name == "Hoàng Văn Nguyên"
    assert person_search(Person.objects.all(), "  ", limit=10) == []
    assert person_search(Person.objects.all(), "tran", limit=10) == []


def test_the_search_stays_within_the_queryset_it_is_given(cast: Cast) -> None:
    inside = Person.objects.create(full_name="Hoàng Văn Thụ")
    Person.objects.create(full_name="Hoàng Văn Thụy")
    position_assign(
        person=inside,
        kind=PositionKind.TRUONG_BAN_BCTMT,
        unit=cast.to_8a,
        term_from=datetime.date(2009, 1, 1),
        actor=SYSTEM_ACTOR,
    )
    scoped = Person.objects.filter(positions__unit=cast.to_8a)
    assert person_search(scoped, "hoang van thu", limit=10) == [inside]


def test_the_migration_folds_the_names_already_recorded() -> None:
    Person.objects.create(full_name="Triệu Đức Lâm")
    Person.objects.update(search_text="")  # as the rows were before the column existed
    migration = importlib.import_module("thidua.people.migrations.0003_person_search_text")
    migration.fill_search_text(apps, None)
    assert Person.objects.get().search_text == "trieu duc lam"
