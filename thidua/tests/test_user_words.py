"""Messages in the user's words (#15.2): an error names a file's column by its header, never a field's key."""

from __future__ import annotations

from thidua.errors import DomainError


def test_a_field_key_never_reaches_the_sentence_the_reader_sees() -> None:
    error = DomainError("Type a number.", column="votes_for")
    assert "votes_for" not in error.text("vi") and "votes_for" not in error.text("en")
    assert error.text("en") == "Type a number."
    # The key stays for the API's field and the form that marks the field.
    assert error.column == "votes_for"


def test_a_file_s_column_is_named_by_its_header_with_the_row() -> None:
    error = DomainError("Type a number.", row=7, column="Số phiếu đồng ý")
    assert error.text("vi") == "dòng 7, cột Số phiếu đồng ý: Type a number."


def test_a_household_s_year_reads_as_its_head_and_code_not_its_id(db: None) -> None:
    from thidua.evaluations.models import HouseholdYear
    from thidua.people.models import Household

    household = Household(pk=670, code="HGD-08A-014", head_name="Hoàng Văn Thụ")
    line = HouseholdYear(household=household, year=2014)
    assert str(line) == "Hoàng Văn Thụ (HGD-08A-014) · 2014"
