"""How old each dataset is: the status page's table, computed on the day of the build."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from conftest import cell_texts, page_soup
from mongolia_report.data import read_package
from mongolia_report.freshness import freshness_rows, months_between, period_end
from mongolia_report.text import long_date


def test_periods_end_on_their_last_day():
    assert period_end("2025") == dt.date(2025, 12, 31)
    assert period_end("2026-02") == dt.date(2026, 2, 28)
    assert period_end("2024-02") == dt.date(2024, 2, 29)
    assert period_end("2026-11-28") == dt.date(2026, 11, 28)
    assert period_end("Natural Earth data as packaged in world-atlas 2.0.2") is None


def test_age_is_counted_in_whole_months():
    assert months_between(dt.date(2024, 12, 31), dt.date(2026, 11, 28)) == 22
    assert months_between(dt.date(2026, 11, 28), dt.date(2026, 11, 28)) == 0
    assert months_between(dt.date(2026, 10, 29), dt.date(2026, 11, 28)) == 0
    assert months_between(dt.date(2026, 12, 1), dt.date(2026, 11, 28)) == 0


def test_a_dataset_is_due_when_its_sources_could_cover_a_newer_period(tmp_path):
    common = {"path": "x.csv", "description": "A test table.", "sources": [], "x-update-checked": "2026-11-28", "x-min-rows": 1}
    package = {"name": "test", "title": "Test", "licenses": [],
               "x-news-reach": {"date": "2026-03-19", "searched_on": "2026-12-02", "note": "A test."}, "resources": [
        {**common, "name": "due", "title": "Due", "x-current-to": "2024-12-31", "x-complete-through": "2024-12-31",
         "x-newest-available": "2025"},
        {**common, "name": "fresh", "title": "Fresh", "x-current-to": "2025-12-31", "x-complete-through": "2025-12-31",
         "x-newest-available": "2025"},
        {**common, "name": "geometry", "title": "Outlines", "x-current-to": "Natural Earth 5.1",
         "x-complete-through": "Natural Earth 5.1", "x-newest-available": "Natural Earth 5.1"},
    ]}
    path = tmp_path / "datapackage.json"
    path.write_text(json.dumps(package))
    rows = {r["name"]: r for r in freshness_rows(dt.date(2026, 11, 28), path)}
    assert rows["due"]["behind"] and rows["due"]["age_months"] == 22
    assert not rows["fresh"]["behind"] and rows["fresh"]["age_months"] == 10
    assert rows["geometry"]["age_months"] is None and not rows["geometry"]["behind"]


def test_the_status_page_lists_every_dataset_with_its_age(site):
    package = read_package()
    soup = page_soup(site / "status.html")
    table = soup.select_one("table.mnr-freshness")
    assert table, "no data freshness table on the status page"
    rows = table.select("tbody tr")
    assert len(rows) == len(package["resources"])
    today = dt.date.today()
    page = " ".join(soup.get_text(" ").split())
    for resource, row in zip(package["resources"], rows):
        cells = cell_texts(row)
        assert f"({resource['name']})" in cells[0]
        assert cells[1].startswith(str(resource["x-complete-through"]))
        assert cells[2] == str(resource["x-current-to"])
        end = period_end(resource["x-complete-through"])
        if end is not None:
            assert cells[3] == str(months_between(end, today)), resource["name"]
        assert cells[4], f"{resource['name']}: no page uses it"
    assert f"How far the stored news reach: {long_date(pd.Timestamp(package['x-news-reach']['date']))}." in page
