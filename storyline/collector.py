"""The cyclic garbage collector paused around stages that build many long-lived objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for a block (reference counting still frees almost all):
    the story stage and the store's reads and writes make many small objects that live to the
    block's end, which the collector would otherwise walk hundreds of times (a fifth of the
    story stage's time). Also a decorator. Left paused if it was paused before."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
