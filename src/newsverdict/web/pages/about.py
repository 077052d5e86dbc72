"""Reference pages: how to read a verdict (/about), the API reference written from the OpenAPI document
(/docs, no viewer script), and the one stylesheet (/style.css)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from newsverdict.card.registry import FAMILIES
from newsverdict.render import TEMPLATE_DIR
from newsverdict.render.reader import plain_signals
from newsverdict.web.templating import page

router = APIRouter()


@router.get("/about", response_class=HTMLResponse, include_in_schema=False)
def about_page(request: Request):
    families = [(f, [label for label, key in plain_signals().values() if key == f.key]) for f in FAMILIES]
    return page(request, "about.html", {"families": families})


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def api_page(request: Request):
    return page(request, "api.html", {"api": api_reference(request.app.openapi())})


@router.get("/style.css", include_in_schema=False)
def stylesheet() -> Response:
    return Response(TEMPLATE_DIR.joinpath("style.css").read_text(), media_type="text/css")


def api_reference(spec: dict) -> dict:
    """The OpenAPI document as plain data for the offline reference page (no viewer script)."""
    endpoints = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "where": p["in"], "required": p.get("required", False),
                       "type": _schema_type(p.get("schema", {})), "description": p.get("description", "")}
                      for p in op.get("parameters", [])]
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            responses = [{"code": code, "description": r.get("description", ""),
                          "type": _schema_type(r.get("content", {}).get("application/json", {}).get("schema", {}))}
                         for code, r in op.get("responses", {}).items()]
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "description": op.get("description", ""), "params": params,
                              "body": _schema_type(body) if body else "", "responses": responses})
    schemas = []
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        fields = [{"name": k, "type": _schema_type(v), "required": k in schema.get("required", []),
                   "description": v.get("description", "")} for k, v in schema.get("properties", {}).items()]
        schemas.append({"name": name, "description": schema.get("description", ""), "fields": fields})
    return {"title": spec["info"]["title"], "version": spec["info"]["version"],
            "description": spec["info"].get("description", ""), "endpoints": endpoints, "schemas": schemas}


def _schema_type(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_schema_type(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_schema_type(schema.get('items', {}))}"
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    return str(schema.get("type", "any"))
