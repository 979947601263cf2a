"""The review app: HTTP requests of the review page -> reads and writes of the review database.

A Starlette application. Every request must name the loopback host it was sent to (no DNS
rebinding) and every /api request carry the session's token in a header (no other page can send
one); bodies are limited in size; every decision is written before the answer. Source text goes
to the page as JSON and is put in it as text, never as HTML.
"""
from __future__ import annotations

import json
import secrets
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any, Awaitable, Callable

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from reportgen.review.api import AppError, added_decision, change_of, choices, fact_json
from reportgen.store.decisions import Change, Decision, DecisionError
from reportgen.store.queries import (
    Filters,
    fact_ids_where,
    fact_row,
    facts_of_source,
    facts_page,
    options,
    source_summaries,
)
from reportgen.store.reviewdb import ReviewStore
from reportgen.store.transfer import Loader, import_files

__all__ = ["create_app", "BODY_LIMIT", "UPLOAD_LIMIT", "TOKEN_HEADER"]

TOKEN_HEADER = "x-reportgen-token"
BODY_LIMIT = 64 * 1024  # a decision, a filter
UPLOAD_LIMIT = 5 * 1024 * 1024  # a corrections file or spreadsheet
PAGE_SIZES = (20, 50, 100, 200)
_ASSETS = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
_HEADERS = {"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                      "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
            "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}


def _asset(name: str) -> str:
    return resources.files("reportgen.review").joinpath(name).read_text(encoding="utf-8")


async def _json_body(request: Request, limit: int = BODY_LIMIT) -> dict[str, Any]:
    data = await _body(request, limit)
    try:
        body = json.loads(data or b"{}")
    except ValueError:
        raise AppError("Yêu cầu không hợp lệ") from None
    if not isinstance(body, dict):
        raise AppError("Yêu cầu không hợp lệ")
    return body


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused beyond `limit` bytes (also when no length is announced)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise _TooLarge()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


class _TooLarge(Exception):
    pass


def _filters(data: Any) -> Filters:
    get = data.get
    return Filters(source=str(get("source") or ""), unit=str(get("unit") or ""), province=str(get("province") or ""),
                   metric=str(get("metric") or ""), confidence=str(get("confidence") or ""),
                   finding=str(get("finding") or ""), state=str(get("state") or ""))


def create_app(store: ReviewStore, token: str, reviewer: str, load: Loader, hosts: tuple[str, ...] = (
        "127.0.0.1", "localhost")) -> Starlette:
    """The app over `store` for one reviewer; `load` reads a source an imported file names."""

    def guarded(handler: Callable[[Request], Awaitable[Any]]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            if not secrets.compare_digest(request.headers.get(TOKEN_HEADER, ""), token):
                return JSONResponse({"error": "Thiếu hoặc sai mã truy cập"}, 403, headers=_HEADERS)
            try:
                result = await handler(request)
            except AppError as err:
                return JSONResponse({"error": str(err)}, 400, headers=_HEADERS)
            except DecisionError as err:
                return JSONResponse({"error": f"Không ghi được quyết định: {err}"}, 400, headers=_HEADERS)
            except _TooLarge:
                return JSONResponse({"error": "Dữ liệu gửi lên quá lớn"}, 413, headers=_HEADERS)
            return result if isinstance(result, Response) else JSONResponse(result, headers=_HEADERS)
        return endpoint

    async def home(request: Request) -> Response:
        if not secrets.compare_digest(request.query_params.get("t", ""), token):
            return HTMLResponse("<!DOCTYPE html><meta charset=utf-8><title>reportgen</title>"
                                "<p>Thiếu mã truy cập: hãy mở đúng địa chỉ mà lệnh reportgen review in ra.</p>",
                                403, headers=_HEADERS)
        return HTMLResponse(_asset("app.html"), headers=_HEADERS)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _ASSETS:
            return Response("not found", 404)
        return Response(_asset(name), media_type=_ASSETS[name], headers=_HEADERS)

    async def overview(request: Request) -> dict[str, Any]:
        sources = [dict(r) for r in source_summaries(store)]
        total = sum(s["facts"] for s in sources)
        # the filter lists are read once, when the page opens: not after every decision
        wanted = request.query_params.get("choices", "1") != "0"
        return {"reviewer": reviewer, "sources": sources, "choices": choices(options(store)) if wanted else None,
                "progress": {"facts": total, "reviewed": sum(s["reviewed"] for s in sources),
                             "doubtful": sum(s["doubtful"] for s in sources)}}

    async def facts(request: Request) -> dict[str, Any]:
        q = request.query_params
        size = int(q["size"]) if q.get("size", "").isdigit() and int(q["size"]) in PAGE_SIZES else 50
        page = int(q["page"]) if q.get("page", "").isdigit() and int(q["page"]) > 0 else 1
        total, rows = facts_page(store, _filters(q), page, size)
        return {"total": total, "page": page, "size": size, "facts": [fact_json(r) for r in rows]}

    async def source(request: Request) -> dict[str, Any]:
        path = request.query_params.get("path", "")
        row = store.source_of(path)
        if row is None:
            raise AppError("Không có nguồn này trong phiên rà soát")
        found = store.query("SELECT fact_id, severity, code, message, line FROM findings WHERE sha256 = ?",
                            (row["sha256"],))
        return {"path": path, "title": row["title"] or Path(path).name, "text": row["text"],
                "unit": f"{row['unit_kind']} {row['unit_name']}" if row["unit_name"] else "—",
                "province": row["province"] or "", "report_year": row["report_year"],
                "findings": [dict(f) for f in found], "facts": [fact_json(r) for r in facts_of_source(store, path)],
                "stale": [dict(r) for r in store.query(
                    "SELECT d.metric, d.value, d.year, d.action FROM decisions d JOIN current c ON c.decision = d.id "
                    "WHERE d.source = ? AND d.sha256 != ?", (path, row["sha256"]))]}

    def _fact(fid: str) -> dict[str, Any]:
        row = fact_row(store, fid)
        if row is None:
            raise AppError("Không có số liệu này")
        return fact_json(row)

    async def decide(request: Request) -> dict[str, Any]:
        body = await _json_body(request)
        fid, action = str(body.get("fact_id") or ""), body.get("action")
        if action not in ("accept", "reject", "correct", "clear"):
            raise AppError("Quyết định không hợp lệ")
        fact = _fact(fid)
        note = str(body.get("note") or "").strip() or None
        base = Decision(fid, fact["source"], fact["sha256"], "accept", fact["metric"], fact["value"], fact["year"],
                        reviewer=reviewer, note=note, origin="app")
        if fact["added"]:
            current = store.current_of(fid)
            assert current is not None
            if action == "correct":  # an added fact edited: added again as it now is
                change = change_of(body, fact)
                if change.empty:
                    raise AppError("Không có gì thay đổi")
                merged = {**current.change.to_json(), **change.to_json()}
                decision = Decision(fid, current.source, current.sha256, "add", current.metric, None, None,
                                    change=Change.from_json(merged), reviewer=reviewer, note=note or current.note,
                                    origin="app")
            elif action in ("reject", "clear"):
                decision = Decision(fid, current.source, current.sha256, "reject", current.metric, None, None,
                                    reviewer=reviewer, note=note, origin="app")
            else:
                return {"fact": fact}
        elif action == "correct":
            change = change_of(body, fact)
            if change.empty:
                raise AppError("Không có gì thay đổi: sửa ít nhất một trường")
            decision = Decision(**{**base.__dict__, "action": "correct", "change": change})
        else:
            decision = Decision(**{**base.__dict__, "action": action})
        store.record([decision], reviewer)
        return {"fact": _fact(fid) if decision.action != "reject" or not fact["added"] else None}

    async def add(request: Request) -> dict[str, Any]:
        body = await _json_body(request)
        row = store.source_of(str(body.get("source") or ""))
        if row is None:
            raise AppError("Không có nguồn này trong phiên rà soát")
        decision = added_decision(body, row, reviewer)
        store.record([decision], reviewer)
        return {"fact": _fact(decision.fact_id)}

    async def accept_all(request: Request) -> dict[str, Any]:
        body = await _json_body(request)
        try:
            threshold = float(str(body.get("min_confidence", "0.8")).replace(",", "."))
        except ValueError:
            raise AppError("Ngưỡng độ tin cậy không hợp lệ") from None
        if not 0 <= threshold <= 1:
            raise AppError("Ngưỡng độ tin cậy phải từ 0 đến 1")
        rows = fact_ids_where(store, _filters(body.get("filters") or {}),
                              "AND state IS NULL AND stale = 0 AND confidence >= ?", (threshold,))
        decisions = []
        for r in rows:
            decisions.append(Decision(r["id"], r["path"], r["sha256"], "accept", r["metric"], r["value"], r["year"],
                                      reviewer=reviewer, note=f"chấp nhận hàng loạt (độ tin cậy ≥ {threshold:g})",
                                      origin="app"))
        if decisions:
            store.record(decisions, reviewer, kind="accept-all")
        return {"accepted": len(decisions)}

    async def undo(request: Request) -> dict[str, Any]:
        await _json_body(request)
        return {"restored": store.undo(reviewer)}

    async def upload(request: Request) -> dict[str, Any]:
        name = Path(request.query_params.get("name", "")).name
        suffix = Path(name).suffix.lower()
        if suffix not in (".json", ".yaml", ".yml", ".csv", ".xlsx"):
            raise AppError("Chỉ nhận tệp .json, .yaml, .csv hoặc .xlsx")
        data = await _body(request, UPLOAD_LIMIT)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / (name or f"upload{suffix}")
            path.write_bytes(data)
            report = import_files([path], store, load, reviewer)
        return {"recorded": report.recorded, "unchanged": report.unchanged,
                "problems": list(report.conflicts + report.problems)}

    routes = [Route("/", home), Route("/static/{name}", asset),
              Route("/api/overview", guarded(overview)), Route("/api/facts", guarded(facts)),
              Route("/api/source", guarded(source)), Route("/api/decide", guarded(decide), methods=["POST"]),
              Route("/api/add", guarded(add), methods=["POST"]),
              Route("/api/accept-all", guarded(accept_all), methods=["POST"]),
              Route("/api/undo", guarded(undo), methods=["POST"]),
              Route("/api/import", guarded(upload), methods=["POST"])]
    return Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))])
