"""Live pages inside the host application's own layout (``layout=`` of the
adapters' embedding calls): ``LAYOUT`` holds the marks a host's template puts
where the page's parts go.  The machinery is ``lona.http.layout``."""

from lona.http.layout import LAYOUT, Layout, fill_layout, is_page_load

__all__ = ["LAYOUT", "Layout", "fill_layout", "is_page_load"]
