from __future__ import annotations

import pytest

from lona.routing import MATCH_ALL, Route, Router


def test_placeholders_regexes_and_optional_trailing_slash() -> None:
    router = Router(
        [
            Route("/", "index", name="index"),
            Route("/users/<name>/", "user", name="user"),
            Route("/files<path:.*>", "files"),
            Route("/items/<id:[0-9]+>(/)", "item", name="item"),
        ]
    )
    assert router.resolve("/").route.view == "index"
    assert router.resolve("/users/alice/").match_info == {"name": "alice"}
    assert router.resolve("/users/a/b/") is None
    assert router.resolve("/files/a/b.txt").match_info == {"path": "/a/b.txt"}
    assert router.resolve("/items/12").match_info == {"id": "12"}
    assert router.resolve("/items/12/").match_info == {"id": "12"}
    assert router.resolve("/items/x") is None


def test_first_match_wins_and_match_all() -> None:
    router = Router([Route("/a", "first"), Route("/a", "second"), Route(MATCH_ALL, "rest")])
    assert router.resolve("/a").route.view == "first"
    assert router.resolve("/anything/else").route.view == "rest"


def test_literal_parts_are_not_regexes() -> None:
    router = Router([Route("/report.json", "report")])
    assert router.resolve("/report.json") is not None
    assert router.resolve("/reportXjson") is None


def test_reverse() -> None:
    router = Router(
        [
            Route("/users/<name>/", "user", name="user"),
            Route("/items/<id:[0-9]+>(/)", "item", name="item"),
            Route("/about(/)", "about", name="about"),
        ]
    )
    assert router.reverse("user", name="bob") == "/users/bob/"
    assert router.reverse("item", 5) == "/items/5"
    assert router.reverse("about") == "/about"
    with pytest.raises(ValueError, match="missing URL arg: name"):
        router.reverse("user")
    with pytest.raises(ValueError, match="no route named 'nope' found"):
        router.reverse("nope")
