"""Routing with Lona's API: ``Router().add_routes``, ``resolve`` -> (match, route, match_info)."""

from __future__ import annotations

import logging

import pytest

from lona.routing import MATCH_ALL, Route, Router


def router_of(*routes: Route) -> Router:
    router = Router()
    router.add_routes(*routes)
    return router


def test_placeholders_regexes_and_optional_trailing_slash() -> None:
    router = router_of(
        Route("/", "index", name="index"),
        Route("/users/<name>/", "user", name="user"),
        Route("/files<path:.*>", "files"),
        Route("/items/<id:[0-9]+>(/)", "item", name="item"),
    )
    matched, route, match_info = router.resolve("/")
    assert matched and route is not None and route.view == "index" and match_info == {}
    assert router.resolve("/users/alice/").match_info == {"name": "alice"}
    assert router.resolve("/users/a/b/") == (False, None, {})
    assert router.resolve("/files/a/b.txt").match_info == {"path": "/a/b.txt"}
    assert router.resolve("/items/12").match_info == {"id": "12"}
    assert router.resolve("/items/12/").match_info == {"id": "12"}
    assert not router.resolve("/items/x").match


def test_optional_trailing_slash_of_plain_routes_follows_lona() -> None:
    router = router_of(Route("/foo(/)", "foo"), Route("/bar/", "bar"))
    assert router.resolve("/foo").match and router.resolve("/foo/").match
    assert not router.resolve("/foo//").match
    assert router.resolve("/bar/").match and not router.resolve("/bar").match
    # as in Lona: one trailing slash is dropped before comparing, so '/(/)' never matches '/'
    assert not router_of(Route("/(/)", "root")).resolve("/").match


def test_first_match_wins_and_match_all() -> None:
    router = router_of(Route("/a", "first"), Route("/a", "second"), Route(MATCH_ALL, "rest"))
    assert router.resolve("/a").route.view == "first"  # type: ignore[union-attr]
    assert router.resolve("/anything/else") == (True, router.routes[2], {})
    assert repr(router.routes[2]) == "<Route(MATCH_ALL, rest)>"


def test_literal_parts_are_not_regexes() -> None:
    router = router_of(Route("/report.json", "report"), Route("/a.b/<x>", "ab"))
    assert router.resolve("/report.json").match
    assert not router.resolve("/reportXjson").match
    assert router.resolve("/a.b/1").match and not router.resolve("/aXb/1").match


def test_a_view_changing_its_match_info_does_not_change_later_resolves() -> None:
    router = router_of(Route("/users/<name>", "user"))
    router.resolve("/users/bob").match_info["name"] = "mallory"
    assert router.resolve("/users/bob").match_info == {"name": "bob"}


def test_routes_added_later_are_found_although_resolves_are_cached() -> None:
    router = router_of(Route("/a", "a"))
    assert not router.resolve("/b").match
    router.add_route(Route("/b", "b", name="b"))
    assert router.resolve("/b").match
    assert router.get_route("b") is router.routes[1]
    assert router.get_route("missing") is None
    assert router.get_resolve_cache_info().currsize >= 1


def test_reverse() -> None:
    router = router_of(
        Route("/users/<name>/", "user", name="user"),
        Route("/items/<id:[0-9]+>(/)", "item", name="item"),
        Route("/about(/)", "about", name="about"),
        Route("/curly/{x}/<y>", "curly", name="curly"),
    )
    assert router.reverse("user", name="bob") == "/users/bob/"
    assert router.reverse(route_name="user", name="bob") == "/users/bob/"
    assert router.reverse("item", 5) == "/items/5"
    assert router.reverse("about") == "/about"
    assert router.reverse("curly", y=[1]) == "/curly/{x}/[1]"  # unhashable: not cached
    with pytest.raises(ValueError, match="missing URL arg: name"):
        router.reverse("user")
    with pytest.raises(ValueError, match="missing URL arg: name"):
        router.reverse("user", nickname="bob")
    with pytest.raises(ValueError, match="no route named 'nope' found"):
        router.reverse("nope")


def test_duplicate_names_only_warn(caplog) -> None:
    with caplog.at_level(logging.WARNING, "lona.routing"):
        router = router_of(Route("/a", "a", name="x"), Route("/b", "b", name="x"))
    assert "route name 'x' already exists" in caplog.text
    assert router.reverse("x") == "/a"


def test_a_pattern_that_is_no_string_is_refused() -> None:
    with pytest.raises(TypeError, match="a route pattern is a string or MATCH_ALL"):
        Route(2, "view")
