"""What a node with widget data records between two flushes, and the patches it becomes.

Every change of a shown widget's data (through the live views of
``lona.html.widget_data``) is recorded as one small operation on a key
path: set, remove, insert into a list.  Between two flushes the operations
of a node are kept in order; consecutive sets of the same path collapse into
one, and a long backlog becomes one replacement of the whole data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lona.html.base import DIRTY_WIDGET
from lona.protocol import Op

__all__ = [
    "MAX_PENDING_OPS",
    "Path",
    "Record",
    "WidgetDataOwner",
    "append_record",
    "plain_copy",
    "record_change",
    "widget_ops",
]

Path = tuple[str | int, ...]
# an operation as recorded: (op code, path, value); the node id is added at flush
Record = tuple[Op, Path, Any]

# Past this many pending operations one replacement of the data is cheaper.
MAX_PENDING_OPS = 64


class WidgetDataOwner:
    """What a node with widget data records: an element with ``WIDGET``, or a
    legacy widget with ``FRONTEND_WIDGET_CLASS``.

    Subclasses keep the data in ``_widget_data`` and the pending changes in
    ``_widget_records``; only a node the clients have records anything.
    """

    __slots__ = ()

    if TYPE_CHECKING:
        _id: int
        _dirty: int
        _widget_data: Any
        _widget_records: list[Record] | None

    if TYPE_CHECKING:

        def _mark(self, bit: int) -> Any: ...

        @property
        def lock(self) -> Any: ...

    def _widget_name(self) -> str:
        """The frontend widget class the clients run for this node ('' for none)."""
        raise NotImplementedError

    def _set_widget_data(self, checked: Any) -> None:
        self._widget_data = checked
        self._record_widget_change(None)

    def _record_widget_change(self, record: Record | None) -> None:
        """Record a change of the data (None: all of it) if a client shows this node."""
        was_dirty = self._dirty & DIRTY_WIDGET
        if self._mark(DIRTY_WIDGET) is None:
            return
        # (the slots are the subclasses', which mypy can not see from here)
        if record is None or not was_dirty:
            self._widget_records = None if record is None else [record]  # type: ignore[misc]
        elif self._widget_records is not None and not append_record(self._widget_records, record):
            self._widget_records = None  # type: ignore[misc]


def plain_copy(value: Any) -> Any:
    """A deep copy of stored data (already checked)."""
    if isinstance(value, dict):
        return {key: plain_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain_copy(item) for item in value]
    return value


def widget_ops(node: WidgetDataOwner, records: list[Record] | None) -> list[list[Any]]:
    """The patch operations of a node's recorded changes (None: the whole data)."""
    if records is None:
        data = node._widget_data
        return [[Op.WIDGET_DATA, node._id, {} if data is None else data]]
    ops: list[list[Any]] = []
    for code, path, value in records:
        if code == Op.DATA_REMOVE:
            ops.append([code, node._id, list(path)])
        else:
            ops.append([code, node._id, list(path), value])
    return ops


def record_change(node: WidgetDataOwner, code: Op, path: Path, value: Any = None) -> None:
    """Remember one change of a shown widget (call with the tree lock held)."""
    if not path:  # the whole data changed
        node._record_widget_change(None)
        return
    node._record_widget_change((code, path, plain_copy(value)))


def append_record(records: list[Record], record: Record) -> bool:
    """Add ``record`` to a node's backlog; False when the backlog is too long."""
    if records and record[0] == Op.DATA_SET:
        last = records[-1]
        if last[0] == Op.DATA_SET and last[1] == record[1]:
            records[-1] = record
            return True
    records.append(record)
    return len(records) <= MAX_PENDING_OPS
