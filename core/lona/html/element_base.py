"""An element's storage, its change recording and its wire form.

``ElementBase`` is what ``Node`` (``lona.html.node``, Lona's API: keyword
arguments, the live views, text helpers) builds on: the fields every element
has, filled from its class's defaults, the record of which attributes
changed since the last flush, structural equality and the node spec the
clients receive.  Nodes record changes instead of sending them: a node the
client already shows (it is *synced*, see ``lona.html.document``) marks
itself dirty when it changes, and the next flush turns all marks into the
fewest patches.  Many changes of one property between two flushes therefore
cost one patch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from lona.html.attributes import parse_style, wire_attributes
from lona.html.base import DIRTY_ATTRIBUTES
from lona.html.children import ParentNode, flat_children
from lona.html.events import EventSpec
from lona.html.node_state import NodeState
from lona.html.widget_data import check_data
from lona.html.widget_records import Record, WidgetDataOwner

if TYPE_CHECKING:
    from lona.static_files import StaticFile

__all__ = ["ElementBase"]


class ElementBase(ParentNode, WidgetDataOwner):
    """The fields, change recording and wire form of an HTML element (see ``Node``)."""

    TAG_NAME: ClassVar[str] = "div"
    NAMESPACE: ClassVar[str] = ""
    SELF_CLOSING_TAG: ClassVar[bool] = False
    ID_LIST: ClassVar[list[str]] = []
    CLASS_LIST: ClassVar[list[str]] = []
    STYLE: ClassVar[dict[str, str] | str] = {}
    ATTRIBUTES: ClassVar[dict[str, Any]] = {}
    EVENTS: ClassVar[list[EventSpec]] = []
    WIDGET: ClassVar[str] = ""
    WIDGET_DATA: ClassVar[Any] = None
    STATIC_FILES: ClassVar[list[StaticFile]] = []

    __slots__ = (
        "__dict__",
        "_attrs",
        "_classes",
        "_dirty_names",
        "_events",
        "_ids",
        "_namespace",
        "_self_closing",
        "_state",
        "_style",
        "_tag",
        "_widget",
        "_widget_data",
        "_widget_records",
    )

    _ELEMENT = True

    def _init_element(self) -> None:
        """Every field from the class's defaults (``TAG_NAME``, ``CLASS_LIST``, ...)."""
        self._init_node()
        cls = type(self)
        self._tag = cls.TAG_NAME
        self._namespace = cls.NAMESPACE
        self._self_closing = cls.SELF_CLOSING_TAG
        self._init_children()
        self._dirty_names: set[str] | None = None
        self._ids: list[str] | None = list(cls.ID_LIST) or None
        self._classes: list[str] | None = list(cls.CLASS_LIST) or None
        self._style: dict[str, str] | None = parse_style(cls.STYLE) or None
        self._attrs: dict[str, Any] | None = dict(cls.ATTRIBUTES) or None
        self._events: list[EventSpec] | None = list(cls.EVENTS) or None
        self._widget = cls.WIDGET
        self._widget_data: Any = check_data(cls.WIDGET_DATA, f"{cls.__name__}.WIDGET_DATA")
        self._widget_records: list[Record] | None = None
        self._state: NodeState | None = None

    @property
    def tag_name(self) -> str:
        return self._tag

    @property
    def namespace(self) -> str:
        return self._namespace

    @property
    def self_closing_tag(self) -> bool:
        return self._self_closing

    def _widget_name(self) -> str:
        return self._widget

    # change recording #######################################################

    def _forget_changes(self) -> None:
        self._dirty = 0
        self._old_nodes = None
        self._dirty_names = None
        self._widget_records = None

    def _change_attribute(self, names: Iterable[str], apply: Callable[[], None]) -> None:
        with self.lock:
            sync = self._mark(DIRTY_ATTRIBUTES)
            if sync is not None:
                names = list(names)
                if self._dirty_names is None:
                    self._dirty_names = set()
                self._dirty_names.update(names)
                # a change made on the server goes to every window again
                sync.document.forget_issuer(self, names)
            apply()

    def has_id(self, name: str) -> bool:
        return bool(self._ids) and name in self._ids  # type: ignore[operator]

    def has_class(self, name: str) -> bool:
        return bool(self._classes) and name in self._classes  # type: ignore[operator]

    # comparison and the wire ###############################################

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ElementBase):
            return NotImplemented
        if self is other:
            return True
        return (
            self._tag == other._tag
            and self._namespace == other._namespace
            and set(self._ids or ()) == set(other._ids or ())
            and set(self._classes or ()) == set(other._classes or ())
            and (self._style or {}) == (other._style or {})
            and (self._attrs or {}) == (other._attrs or {})
            and {e.serialize() for e in self._events or ()}
            == {e.serialize() for e in other._events or ()}
            and self._widget == other._widget
            and _data_or_empty(self._widget_data) == _data_or_empty(other._widget_data)
            and len(self._nodes) == len(other._nodes)
            and all(a == b for a, b in zip(self._nodes, other._nodes, strict=True))
        )

    __hash__ = None  # type: ignore[assignment]

    def _serialize(self, children: list[Any] | None = None) -> list[Any]:
        """``[id, tag, attributes, children, namespace?, widget?, widget_data?]``."""
        if children is None:
            children = [child._flat_spec() for child in flat_children(self)]
        spec: list[Any] = [self._id, self._tag, wire_attributes(self), children]
        if self._namespace or self._widget:
            spec.append(self._namespace)
        if self._widget:
            spec.append(self._widget)
            spec.append({} if self._widget_data is None else self._widget_data)
        return spec

    def _inner_html(self) -> str | None:
        """Markup to render as this element's content instead of its children."""
        return None


def _data_or_empty(data: Any) -> Any:
    return {} if data is None else data
