"""Every address the URL configuration serves, found by walking it (`get_resolver()`), for the
site-wide tests of permissions (test_route_matrix.py) and rate limits (test_rate_limits.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern


@dataclass(frozen=True)
class Route:
    name: str  # "actors:edit"; an unnamed pattern is called by its route, "admin:<admin/(?P<url>.*)$>"
    route: str  # the pattern as written, prefixes included
    parameters: tuple[str, ...]
    callback: object
    namespace: str  # "actors", "admin:…" → "admin"; "" for none

    @property
    def is_api(self) -> bool:
        return self.namespace == "api"

    @property
    def is_admin(self) -> bool:
        return self.namespace == "admin"

    def __str__(self) -> str:
        return f"{self.name} ({self.route})"


def _parameters(pattern) -> list[str]:
    if isinstance(pattern, RoutePattern):
        return list(pattern.converters)
    regex = getattr(pattern, "regex", None)
    return list(regex.groupindex) if regex is not None else []


def routes() -> list[Route]:
    found = []

    def walk(patterns, namespace: str, prefix: str, parameters: list[str]):
        for pattern in patterns:
            inner = parameters + _parameters(pattern.pattern)
            if isinstance(pattern, URLResolver):
                space = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, space, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                name = namespace + (pattern.name or f"<{route}>")
                found.append(Route(name=name, route=route, parameters=tuple(inner), callback=pattern.callback,
                                   namespace=namespace.split(":", 1)[0]))

    walk(get_resolver().url_patterns, "", "", [])
    return found
