"""Reading inputs: every format, and a clear error naming the input for every kind of bad input."""
from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from eventscope import Article, Failure
from eventscope.readers import read_inputs

from conftest import PEER_DEV, needs_shared


def read(*paths, **kw) -> list:
    return list(read_inputs([str(p) for p in paths], **kw))


def one_failure(items: list) -> Failure:
    assert len(items) == 1 and isinstance(items[0], Failure), items
    return items[0]


def test_seed_format_gives_stem_id_and_date(tmp_path: Path) -> None:
    f = tmp_path / "abc_123.txt"
    f.write_text("date 2022-03-22 Russia attacked Ukraine.\nSecond line.", encoding="utf-8")
    [art] = read(f)
    assert isinstance(art, Article)
    assert (art.doc_id, art.date) == ("abc_123", date(2022, 3, 22))
    assert art.text == "Russia attacked Ukraine.\nSecond line."


def test_seed_date_line_on_its_own_line(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("date 2021-01-05\nText here.", encoding="utf-8")
    [art] = read(f)
    assert art.text == "Text here." and art.date == date(2021, 1, 5)


def test_jsonl_and_csv_with_optional_fields(tmp_path: Path) -> None:
    j = tmp_path / "a.jsonl"
    j.write_text(json.dumps({"id": "x1", "date": "2020-02-29", "text": "Hello.", "title": "T", "url": "u"}) + "\n\n"
                 + json.dumps({"id": "x2", "date": "2020-03-01", "text": "World."}) + "\n", encoding="utf-8")
    c = tmp_path / "b.csv"
    c.write_text('id,date,text,source\ny1,2019-12-31,"A, quoted text.",Wire\n', encoding="utf-8")
    arts = read(j, c)
    assert [a.doc_id for a in arts] == ["x1", "x2", "y1"]
    assert arts[0].title == "T" and arts[2].source == "Wire" and arts[2].text == "A, quoted text."


def test_directory_is_recursive_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("date 2022-01-01 B.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("date 2022-01-01 A.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("date 2022-01-01 H.", encoding="utf-8")
    assert [a.doc_id for a in read(tmp_path)] == ["a", "sub/b"]  # ids from the path inside the folder


def test_stdin_seed_and_jsonl() -> None:
    [art] = list(read_inputs(["-"], stdin=io.StringIO("date 2022-05-01 From stdin.")))
    assert art.doc_id == "stdin" and art.text == "From stdin."
    arts = list(read_inputs(["-"], stdin=io.StringIO('{"id": "s1", "date": "2022-05-01", "text": "J."}\n')))
    assert arts[0].doc_id == "s1"


def test_html_page_text_title_and_meta_date(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text('<html><head><title>Talks</title><meta property="article:published_time" content="2022-04-02T10:00">'
                 '<script>var x=1;</script></head><body><p>Leaders met.</p><p>They agreed.</p></body></html>',
                 encoding="utf-8")
    [art] = read(f)
    assert art.title == "Talks" and art.date == date(2022, 4, 2)
    assert art.text == "Leaders met.\n\nThey agreed."


def test_default_date_for_text_without_date_line(tmp_path: Path) -> None:
    f = tmp_path / "plain.txt"
    f.write_text("No date line here.", encoding="utf-8")
    [art] = read(f, default_date=date(2020, 1, 1))
    assert art.date == date(2020, 1, 1)


@pytest.mark.parametrize(("content", "code", "words"), [
    (b"", "empty", "empty file"),
    (b"date 2022-03-22   \n\n", "empty", "no text"),
    (b"Just text without a date.", "bad_date", "first line must be `date YYYY-MM-DD`"),
    (b"date 22/03/2022 Text.", "bad_date", "malformed date '22/03/2022'"),
    (b"date 2022-02-30 Text.", "bad_date", "malformed date '2022-02-30'"),
    (b"date 2022-03-22 caf\xe9 latin-1", "encoding", "not UTF-8"),
    (b"\x7fELF\x00\x01\x02binary", "binary", "binary file"),
])
def test_bad_text_files_fail_with_clear_message(tmp_path: Path, content: bytes, code: str, words: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    failure = one_failure(read(f))
    assert failure.code == code
    assert words in failure.message
    assert failure.where == str(f)


def test_too_large_file(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_bytes(b"date 2022-01-01 " + b"word " * 4_200_000)  # 21 MB
    failure = one_failure(read(f, max_bytes=4_000_000))
    assert failure.code == "too_large" and "over the limit" in failure.message


def test_unknown_type_and_missing_path(tmp_path: Path) -> None:
    f = tmp_path / "x.docx"
    f.write_bytes(b"PK\x03\x04")
    assert "unknown file type '.docx'" in one_failure(read(f)).message
    assert one_failure(read(tmp_path / "nope.txt")).message == "no such file or folder"


def test_malformed_jsonl_lines_name_the_line_and_keep_the_rest(tmp_path: Path) -> None:
    f = tmp_path / "m.jsonl"
    f.write_text('{"id": "ok1", "date": "2022-01-01", "text": "Fine."}\n'
                 '{"id": "bad", "date": \n'
                 '["not", "an", "object"]\n'
                 '{"id": "nodate", "text": "No date."}\n'
                 '{"id": "ok2", "date": "2022-01-02", "text": "Also fine."}\n', encoding="utf-8")
    items = read(f)
    assert [i.doc_id for i in items if isinstance(i, Article)] == ["ok1", "ok2"]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [x.where for x in failures] == [f"{f}:2", f"{f}:3", f"{f}:4"]
    assert "malformed JSON" in failures[0].message and "missing date" in failures[2].message


def test_csv_without_text_column(tmp_path: Path) -> None:
    f = tmp_path / "c.csv"
    f.write_text("id,date\n1,2022-01-01\n", encoding="utf-8")
    assert "header row" in one_failure(read(f)).message


def test_partial_date_is_read_as_first_of_month(tmp_path: Path, caplog) -> None:
    f = tmp_path / "p.jsonl"
    f.write_text('{"id": "p", "date": "2008-08-", "text": "Talks."}\n', encoding="utf-8")
    [art] = read(f)
    assert art.date == date(2008, 8, 1)
    assert "partial date '2008-08-'" in caplog.text


def test_parquet_rows_read_like_jsonl_lines(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": "p1", "date": "2022-01-01", "text": "One."}, {"id": "p2", "date": "2022-01-02", "text": "Two."},
            {"id": "p3", "date": "someday", "text": "Three."}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "feed.parquet")
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    from_parquet, from_jsonl = read(tmp_path / "feed.parquet"), read(tmp_path / "feed.jsonl")
    assert [(a.doc_id, a.date, a.text) for a in from_parquet[:2]] == [(a.doc_id, a.date, a.text) for a in from_jsonl[:2]]
    assert from_parquet[2].code == from_jsonl[2].code == "bad_date"
    assert from_parquet[2].where == f"{tmp_path / 'feed.parquet'}:3"


def test_unreadable_parquet_is_a_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "broken.parquet"
    f.write_bytes(b"PAR1 not really")
    assert one_failure(read(f)).message.startswith("cannot read Parquet")


def test_peer_sentences_are_readable_as_they_are() -> None:
    items = read(needs_shared(PEER_DEV))
    assert len(items) == 265 and all(isinstance(i, Article) for i in items)


# -- one bad record is one named failure, the rest is read (issue 15) ----------------------------------------
def good_line(i: int) -> str:
    return json.dumps({"id": f"r{i}", "date": "2022-03-01", "text": f"Troops fired on protesters, report {i}."})


def test_a_lone_surrogate_in_jsonl_fails_its_line_only(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text(good_line(1) + '\n{"id": "bad", "date": "2022-03-01", "text": "half \\ud83d an emoji"}\n'
                    + good_line(3) + "\n", encoding="utf-8")
    items = read(path)
    assert [i.doc_id for i in items if isinstance(i, Article)] == ["r1", "r3"]
    failure = one_failure([i for i in items if isinstance(i, Failure)])
    assert failure.code == "encoding" and failure.where.endswith("s.jsonl:2") and "surrogate" in failure.message


def test_an_invalid_byte_on_one_jsonl_line_fails_that_line_only(tmp_path: Path) -> None:
    lines = [good_line(i).encode() for i in range(1, 401)]
    lines[199] = lines[199].replace(b"report", b"rep\xffort")
    path = tmp_path / "big.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = read(path)
    failure = one_failure([i for i in items if isinstance(i, Failure)])
    assert failure.where.endswith("big.jsonl:200") and failure.code == "encoding" and "0xff" in failure.message
    assert len([i for i in items if isinstance(i, Article)]) == 399


def test_a_bad_byte_on_stdin_is_one_named_error_beside_good_files(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("date 2022-03-01\nTroops fired on protesters.", encoding="utf-8")
    stdin = io.TextIOWrapper(io.BytesIO(b"date 2022-03-01\nA bad \xff byte."), encoding="utf-8")
    items = list(read_inputs([str(good), "-"], stdin=stdin))
    assert isinstance(items[0], Article) and items[0].doc_id == "good"
    assert items[1].code == "encoding" and items[1].where == "<stdin>"


def test_a_csv_field_over_the_csv_module_limit_is_read(tmp_path: Path) -> None:
    text = "Troops fired on protesters. " * 6000  # 168,000 characters, over csv's 131,072
    path = tmp_path / "long.csv"
    path.write_text(f'id,date,text\nlong,2022-03-01,"{text}"\nshort,2022-03-01,Police met.\n', encoding="utf-8")
    items = read(path, max_bytes=4_000_000)
    assert [i.doc_id for i in items] == ["long", "short"] and len(items[0].text) == len(text)


def test_a_folder_nested_1500_deep_is_walked_without_recursion(tmp_path: Path) -> None:
    folder = tmp_path / "root"
    deep = str(folder)
    os.mkdir(deep)
    for _ in range(1500):  # one by one: Path.mkdir(parents=True) itself recurses
        deep += "/d"
        os.mkdir(deep)
    deep = Path(deep)
    (deep / "x.txt").write_text("date 2022-03-01\nPolice met.", encoding="utf-8")
    (folder / "top.txt").write_text("date 2022-03-01\nPolice met.", encoding="utf-8")
    try:
        items = read(folder)
    finally:  # bottom-up, one folder at a time: pytest's own clean-up (shutil.rmtree) would recurse
        (deep / "x.txt").unlink()
        (folder / "top.txt").unlink()
        for _ in range(1501):
            deep.rmdir()
            deep = deep.parent
    assert [i.doc_id for i in items] == ["d/" * 1500 + "x", "top"]


def test_same_stem_in_different_folders_gets_different_ids(tmp_path: Path) -> None:
    for rel in ("2022/report/daily.txt", "2023/report/daily.txt", "2023/daily.txt", "2023/daily.html", "x.txt"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "<meta name='date' content='2022-03-01'><p>Police met.</p>" if rel.endswith("html") else \
            "date 2022-03-01\nPolice met."
        path.write_text(body, encoding="utf-8")
    ids = [i.doc_id for i in read(tmp_path)]
    assert ids == ["2022/report/daily", "2023/daily.html", "2023/daily.txt", "2023/report/daily", "x"]
    assert len(set(ids)) == len(ids)
    assert [i.doc_id for i in read(tmp_path / "2023" / "report" / "daily.txt")] == ["daily"]  # a file alone: its stem


@pytest.mark.parametrize("line", ["date 2022-03-015", "date 2022-3-1x", "date 0001-01-01", "date 9999-12-31",
                                  "date 2022-13-01"])
def test_bad_or_extreme_date_lines_are_clean_errors(tmp_path: Path, line: str) -> None:
    path = tmp_path / "d.txt"
    path.write_text(f"{line}\nPolice met.", encoding="utf-8")
    failure = one_failure(read(path))
    assert failure.code == "bad_date" and line.split()[1][:10] in failure.message


def test_a_date_with_a_time_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"id": "t", "date": "2022-03-01T10:00:00Z", "text": "Police met."}), encoding="utf-8")
    assert read(path)[0].date == date(2022, 3, 1)
