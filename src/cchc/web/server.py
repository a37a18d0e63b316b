"""The server of `cchc serve`: uvicorn, which on Ctrl+C / SIGTERM also ends the documents
being read, so that the requests waiting for them answer at once and shutdown is not held up
by a long reading (requests still running after ``GRACE_SECONDS`` are cancelled)."""

from __future__ import annotations

from types import FrameType

import uvicorn

from cchc.ingest.sandbox import stop_all
from cchc.web.app import create_app

GRACE_SECONDS = 20


class Server(uvicorn.Server):
    """uvicorn that stops the readings in progress when asked to exit."""

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        """Stop every reading, then exit as uvicorn does."""
        stop_all()
        super().handle_exit(sig, frame)


def serve(host: str, port: int) -> None:
    """Serve the web app until interrupted."""
    config = uvicorn.Config(
        create_app(),
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=GRACE_SECONDS,
    )
    Server(config).run()
