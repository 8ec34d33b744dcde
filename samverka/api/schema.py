"""The API's OpenAPI description says what the API answers: who may call what (anyone reads;
writes need a signed-in session and its CSRF token) and the errors every operation can give,
each a JSON object."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import SAFE_METHODS

from .filters import LARGEST, largest_key

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# Refused data: per field (or non_field_errors) what to change; a list's items or a nested
# object's fields get their messages under their index or name. A body that is no JSON at
# all gets a `detail`.
FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {"anyOf": [
        {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "object"}]}},
        {"type": "object"},
        {"type": "string"},
    ]},
}
# A query's text: Django's forms refuse a null character in it.
NO_NULL = "^[^\\u0000]*$"
# Django's CSRF_HEADER_NAME (HTTP_X_CSRFTOKEN) as a client writes it.
CSRF_HEADER = "X-CSRFToken"


def _json(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


class SessionScheme(OpenApiAuthenticationExtension):
    """Reads need no account (signed in, drafts one may see are included); writes need the
    session of a signed-in user and the CSRF token of that session, as the pages do."""

    target_class = "rest_framework.authentication.SessionAuthentication"
    name = ["cookieAuth", "csrfToken"]
    priority = 1

    def get_security_definition(self, auto_schema):
        return [
            {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME,
             "description": "The session cookie of a signed-in user."},
            {"type": "apiKey", "in": "header", "name": CSRF_HEADER,
             "description": f"The value of the {settings.CSRF_COOKIE_NAME} cookie of the same session."},
        ]

    def get_security_requirement(self, auto_schema):
        if auto_schema.method in SAFE_METHODS:
            return [{"cookieAuth": []}, {}]
        return {"cookieAuth": [], "csrfToken": []}


class SamverkaAutoSchema(AutoSchema):
    """drf-spectacular's description, with the errors DRF answers for every operation."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        errors = {"429": _json("Too many requests; try again after the seconds in Retry-After.", DETAIL)}
        if self.method in SAFE_METHODS:
            if self._is_list_view():
                errors["400"] = _json("A filter's value is not of its kind (a date that is no date).", FIELD_ERRORS)
                errors["404"] = _json("No such page of the list.", DETAIL)
        else:
            errors["400"] = _json("The data is not valid: what to change, per field.", FIELD_ERRORS)
            errors["403"] = _json("Not signed in, no valid CSRF token, or no right to do this.", DETAIL)
        if "{" in path:
            errors["404"] = _json("Nothing with this address, or nothing you may see.", DETAIL)
        for status, response in errors.items():
            operation["responses"].setdefault(status, response)
        filterset = getattr(self.view, "filterset_class", None)
        filters = filterset.base_filters if filterset is not None else {}
        for parameter in operation.get("parameters", []):
            schema = parameter.get("schema", {})
            if parameter["in"] == "query" and schema.get("type") == "string" and "enum" not in schema:
                schema.setdefault("pattern", NO_NULL)
            if parameter["in"] == "query" and schema.get("type") == "integer":
                # A key, a page or a year: never negative, and no larger than api/filters.py accepts.
                schema.setdefault("minimum", 0)
                found = filters.get(parameter["name"])
                schema["maximum"] = largest_key(found) if found is not None else schema.get("maximum", LARGEST)
        return operation
