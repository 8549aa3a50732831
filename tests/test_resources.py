"""Reading the package data files: a malformed file is a DataError naming it."""

from __future__ import annotations

import pytest

from rasd.errors import DataError
from rasd.resources import read_section, section


def test_a_data_file_section_is_read_as_a_list() -> None:
    countries = read_section("abroad.yaml", "countries")
    assert any(entry["code"] == "AF" for entry in countries)


@pytest.mark.parametrize("content", [None, [], {"countries": None}, {"countries": {"AF": 1}}])
def test_a_data_file_without_its_list_is_a_data_error(content: object) -> None:
    with pytest.raises(DataError, match=r"abroad\.yaml has no list under 'countries'"):
        section(content, "countries", "abroad.yaml")
