"""The one data-table reader: comments and blanks skipped, column counts checked, errors at file:line."""
from __future__ import annotations

import pytest

from eventscope import ConfigError
from eventscope.tables import read_data_table, read_table, table_rows


def test_rows_skip_comments_and_blank_lines_and_keep_their_line() -> None:
    rows = list(table_rows("# header\n\nsay\tgovernor\tsubject\n  \nclaim\tnoun\towner\n", "x.tsv", min_cols=3))
    assert [r.cols for r in rows] == [["say", "governor", "subject"], ["claim", "noun", "owner"]]
    assert [r.where for r in rows] == ["x.tsv:3", "x.tsv:5"]


def test_a_short_row_is_reported_with_its_file_and_line() -> None:
    with pytest.raises(ConfigError, match=r"reported\.tsv:2.*3 tab-separated columns, got 2"):
        list(table_rows("say\tgovernor\tsubject\nsay\tgovernor\n", "data/cues/reported.tsv", min_cols=3, max_cols=3))


def test_a_long_row_is_an_error_when_the_table_has_a_maximum() -> None:
    with pytest.raises(ConfigError, match="t.tsv:1"):
        list(table_rows("a\tb\tc\td\n", "t.tsv", min_cols=1, max_cols=3))


def test_a_missing_file_names_itself(tmp_path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        read_table(str(tmp_path / "nope.tsv"))


def test_shipped_tables_read() -> None:
    assert read_data_table("cues", "reported.tsv", min_cols=3, max_cols=3)
