"""The API under bad documents (issue 15): a runaway POST cannot wedge it; ids with `/`; huge offsets."""
from __future__ import annotations

import copy
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventscope.api import create_app
from eventscope.budget import Budget
from eventscope.records import Analysis


class Runaway:
    """A stage that never returns on texts with RUNAWAY (the kind of bug the budget exists for)."""

    name = "runaway"

    def __call__(self, analysis: Analysis) -> Analysis:
        if "RUNAWAY" in analysis.article.text:
            while True:
                pass
        return analysis


@pytest.fixture
def client(tmp_path: Path, pipeline):
    p = copy.copy(pipeline)
    p.stages = [*pipeline.stages, Runaway()]
    p.budget = Budget(floor=1.0, per_1000_words=0.0)
    with TestClient(create_app(tmp_path / "api.duckdb", pipeline=p)) as c:
        yield c


def test_a_runaway_post_times_out_and_the_api_goes_on(client) -> None:
    started = time.monotonic()
    stuck = client.post("/documents", json={"text": "RUNAWAY on Monday.", "date": "2022-03-01", "doc_id": "stuck"})
    assert stuck.status_code == 422 and "timeout" in stuck.json()["message"]
    extract = client.post("/extract", json={"text": "RUNAWAY on Monday.", "date": "2022-03-01"})
    assert extract.status_code == 422 and extract.json()["error"] == "timeout"
    assert time.monotonic() - started < 30
    assert client.get("/events").status_code == 200  # the store and pipeline locks were released
    good = client.post("/documents", json={"text": "Police arrested two protesters in Hamburg on Friday.",
                                           "date": "2022-03-01", "doc_id": "a/b"})
    assert good.status_code == 201


def test_ids_with_a_slash_can_be_opened(client) -> None:
    body = {"text": "Rebels attacked an army base near the border on Monday.", "date": "2022-03-01",
            "doc_id": "2022/report/daily"}
    assert client.post("/documents", json=body).status_code == 201
    doc = client.get("/documents/2022/report/daily")
    assert doc.status_code == 200 and doc.json()["doc_id"] == "2022/report/daily"
    event_id = client.get("/events", params={"doc_id": "2022/report/daily"}).json()["events"][0]["event_id"]
    assert "/" in event_id and client.get(f"/events/{event_id}").status_code == 200


@pytest.mark.parametrize("offset", [2**63, 10**30])
def test_an_offset_beyond_int64_is_a_422(client, offset: int) -> None:
    response = client.get("/events", params={"offset": offset})
    assert response.status_code == 422 and response.json()["error"] == "invalid_request"
    assert client.get("/events", params={"offset": 2**63 - 1}).status_code == 200
