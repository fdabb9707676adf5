"""Node classes declaring STATIC_FILES through a mixin, as Lona's packages do."""

from lona.html import Div
from lona.static_files import SORT_ORDER, Script, StyleSheet


class PackageFiles:
    STATIC_FILES = [
        Script(name="package.js", path="files/package.js", sort_order=SORT_ORDER.LIBRARY),
        StyleSheet(
            name="framework.css",
            path="files/framework.css",
            url="/framework.css",
            sort_order=SORT_ORDER.FRAMEWORK,
        ),
        Script(name="package.js.map", path="files/package.js", url="package.js.map", link=False),
    ]


class PackageWidget(PackageFiles, Div):
    pass
