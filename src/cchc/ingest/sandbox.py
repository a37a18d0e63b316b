"""Reading a document in a child process, its time and memory capped (đọc tài liệu có giới
hạn): whatever a file holds — a flate bomb, a layout that makes a library loop — the reading
ends within ``Limits.seconds`` and ``Limits.memory_bytes``, the caller gets a Vietnamese
InputError, and nothing of the caller (its database connection, its transaction) is held
meanwhile. At most one reading per core runs at once; the others wait their turn.

Children come from a forkserver (a clean process started once, with the reader's modules
imported), so a multi-threaded web server never forks itself. ``stop_all`` ends every running
reading: the server calls it when it is asked to shut down.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import threading
from collections.abc import Callable
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from cchc.errors import CchcError, InputError
from cchc.ingest.limits import LIMITS, Limits

log = logging.getLogger(__name__)
T = TypeVar("T")
PRELOAD = ["cchc.ingest.importer"]  # imported once by the forkserver, inherited by children

_slots = threading.BoundedSemaphore(os.cpu_count() or 1)
_running: set[BaseProcess] = set()
_lock = threading.Lock()
_stopping = threading.Event()
_context: ForkServerContext | None = None


def run_bounded(function: Callable[..., T], *args: Any, limits: Limits = LIMITS, name: str) -> T:
    """``function(*args)`` in a child process with ``limits``' time and memory; its result,
    or the CchcError it raised, or an InputError naming ``name`` when a limit was hit."""
    with _slots:
        if _stopping.is_set():
            raise _stopped(name)
        return _run(function, args, limits, name)


def stop_all() -> None:
    """End every running reading now (the server is shutting down); new ones are refused."""
    _stopping.set()
    with _lock:
        for process in list(_running):
            process.kill()


def _run(function: Callable[..., T], args: tuple, limits: Limits, name: str) -> T:
    context = _forkserver()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(sender, function, args, limits.memory_bytes), daemon=True
    )
    with _lock:
        _running.add(process)
    try:
        process.start()
        sender.close()
        if not receiver.poll(limits.seconds):
            raise _too_slow(name, limits)
        ok, payload = receiver.recv()
    except EOFError:  # the child died without answering: out of memory, or killed
        raise _stopped(name) if _stopping.is_set() else _too_big(name, limits) from None
    finally:
        _end(process)
        receiver.close()
    if ok:
        return payload
    raise payload


def _end(process: BaseProcess) -> None:
    if process.is_alive():
        process.kill()
    process.join()
    with _lock:
        _running.discard(process)


def _forkserver() -> ForkServerContext:
    global _context
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        _context = context
    return _context


def _child(sender: Any, function: Callable, args: tuple, memory_bytes: int) -> None:
    """In the child: cap the memory, keep Tesseract to one thread, run, send the outcome."""
    resource.setrlimit(resource.RLIMIT_DATA, (memory_bytes, memory_bytes))
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one core per reading; readings run side by side
    try:
        outcome: tuple[bool, Any] = (True, function(*args))
    except CchcError as exc:
        outcome = (False, exc)
    except MemoryError:
        outcome = (False, None)
    except Exception:  # a library failing on a malformed file: a message, never a traceback
        log.info("reading failed", exc_info=True)
        outcome = (False, InputError("Không đọc được tài liệu: tệp hỏng hoặc có cấu trúc lạ."))
    if outcome == (False, None):
        sender.close()  # the parent reports it as too big
        return
    sender.send(outcome)
    sender.close()


def _too_slow(name: str, limits: Limits) -> InputError:
    return InputError(
        f"{name}: đọc tài liệu quá {limits.seconds:.0f} giây nên đã dừng (tài liệu quá dài hoặc "
        "có cấu trúc bất thường).",
        f"{name}: reading took over {limits.seconds:.0f} s and was stopped",
    )


def _too_big(name: str, limits: Limits) -> InputError:
    return InputError(
        f"{name}: đọc tài liệu cần hơn {limits.memory_bytes // 1024**2} MB bộ nhớ nên đã dừng "
        "(tài liệu quá lớn hoặc có cấu trúc bất thường).",
        f"{name}: reading needed over {limits.memory_bytes} bytes of memory and was stopped",
    )


def _stopped(name: str) -> InputError:
    return InputError(
        f"{name}: máy chủ đang tắt nên việc đọc tài liệu đã dừng; hãy nhập lại sau.",
        f"{name}: the server is shutting down",
    )
