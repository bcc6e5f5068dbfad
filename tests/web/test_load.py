"""Load test (bench/web_load.py): a real uvicorn server on 127.0.0.1, 50 concurrent uploads and
200 concurrent reads; no 5xx, every upload's article stored exactly once."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "web_load.py"


@pytest.mark.slow  # 12-35 s on a shared 2-core machine; still in the default suite
def test_50_uploads_and_200_reads_at_once():
    spec = importlib.util.spec_from_file_location("web_load", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    result = mod.run(uploads=50, reads=200, timeout=120)
    print({k: v for k, v in result.items() if k.endswith("_ms")})  # p50/p99 with pytest -s
    assert result["server_errors"] == 0 and result["transport_errors"] == {}, result
    assert set(result["statuses"]) == {200, 202}, result
    assert (
        result["statuses"][202] == 50
        and result["statuses"][200] > 200
        and result["jobs"] == {"done": 50}
    ), result
    assert result["jobs_unfinished"] == 0, result
    assert result["missing"] == [] and result["duplicated"] == [], result
    assert mod.percentile([5, 1, 3, 2, 4], 50) == 3 and mod.percentile([5, 1, 3, 2, 4], 99) == 5
    assert mod.percentile([4, 1, 3, 2, 6, 5], 50) == 3  # nearest rank: ceil(0.5 * 6) = 3rd
