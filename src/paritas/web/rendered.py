"""Renderings kept in a worker process, by key, least recently used dropped first: for what never changes
under its key (a snapshot's figures, a plan version's chart at one recorded change) and costs a chart
drawn by vl-convert to make again. Thread-safe; each worker process has its own."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any


class Rendered:
    def __init__(self, size: int = 256):
        self._items: OrderedDict[tuple[object, ...], Any] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: tuple[object, ...]) -> Any:
        """The rendering kept under ``key``, or None."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: tuple[object, ...], value: Any) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
