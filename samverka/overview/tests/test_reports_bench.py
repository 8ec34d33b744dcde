"""The bench's measure of the yearly report: one JSON line, and nothing left behind."""

import json
from datetime import date

import pytest
from django.core.files.storage import FileSystemStorage

from bench.reports import measure_yearly_report
from samverka.core.storage import private
from samverka.overview.models import Figure, Metric, Report


@pytest.mark.django_db
def test_the_bench_times_the_yearly_report_and_cleans_up(tmp_path, monkeypatch):
    monkeypatch.setattr(private, "_wrapped", FileSystemStorage(location=tmp_path))
    Figure.objects.create(metric=Metric.VOLUNTEERS, month=date(2025, 3, 1), count=12)
    line = json.loads(json.dumps(measure_yearly_report(year=2025)))
    assert line["name"] == "report_yearly" and line["unit"] == "s" and line["value"] > 0
    assert line["figures"] == 1 and line["pdf_bytes"] > 1000 and line["pass"]
    assert not Report.objects.exists()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]
