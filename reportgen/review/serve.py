"""Serving the review app: extractions and findings -> the review database, then the app on a free
port of 127.0.0.1 (uvicorn), its address with a fresh random token, and a browser opened on it."""
from __future__ import annotations

import secrets
import socket
import threading
import webbrowser
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

import uvicorn

from reportgen.model import Extraction, Finding
from reportgen.review.app import create_app
from reportgen.review.views import fact_findings
from reportgen.store.queries import use_paths
from reportgen.store.reviewdb import ReviewStore
from reportgen.store.transfer import Loader

__all__ = ["open_review", "serve", "running"]

HOST = "127.0.0.1"  # loopback only: the app is never reachable from another machine


def open_review(store: ReviewStore, extractions: Sequence[Extraction], findings: Sequence[Finding]) -> None:
    """Record the sources, facts and findings in the store and make them the review's sources."""
    store.sync(extractions, fact_findings(extractions, findings))
    use_paths(store, [e.source.path for e in extractions])


def _server(store: ReviewStore, reviewer: str, load: Loader, port: int) -> tuple[uvicorn.Server, socket.socket, str]:
    token = secrets.token_urlsafe(24)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, port))
    sock.listen(128)  # the printed address answers at once; uvicorn accepts what queued meanwhile
    app = create_app(store, token, reviewer, load)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False))
    return server, sock, f"http://{HOST}:{sock.getsockname()[1]}/?t={token}"


def serve(store: ReviewStore, extractions: Sequence[Extraction], findings: Sequence[Finding], reviewer: str,
          load: Loader, port: int = 0, browser: bool = True, announce: Callable[[str], None] = print) -> None:
    """Serve the review of `extractions` until interrupted."""
    open_review(store, extractions, findings)
    server, sock, url = _server(store, reviewer, load, port)
    announce(url)
    if browser:
        threading.Timer(0.3, webbrowser.open, [url]).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


@contextmanager
def running(store: ReviewStore, reviewer: str, load: Loader = lambda path: None) -> Iterator[str]:
    """The app served in a background thread for the duration of the block (tests, benchmarks);
    yields its address with the token."""
    server, sock, url = _server(store, reviewer, load, 0)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        threading.Event().wait(0.02)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
