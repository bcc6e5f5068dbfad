"""storyline/collector.py: the cyclic collector paused for a block, and restored."""

from __future__ import annotations

import gc

import pytest

from storyline.collector import collector_paused


def test_paused_inside_restored_after_even_on_error():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_left_paused_when_paused_before_and_usable_as_decorator():
    @collector_paused()
    def inside() -> bool:
        return gc.isenabled()

    gc.disable()
    try:
        assert inside() is False
        assert not gc.isenabled()  # someone else's pause is theirs to end
    finally:
        gc.enable()
    assert inside() is False and gc.isenabled()
