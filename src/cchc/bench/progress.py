"""Progress and timing for the benchmarks: rich progress bars on stderr, timed blocks."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class Reporter:
    """Rich progress bars on stderr (stdout stays clean for --json)."""

    def __init__(self, show: bool) -> None:
        self.console = Console(stderr=True, highlight=False)
        self.progress = Progress(
            TextColumn("{task.description:<28}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.console,
            disable=not show,
            transient=False,
        )
        self.show = show

    @contextmanager
    def task(self, description: str, total: int) -> Iterator[Callable[[int], None]]:
        """A progress bar for the block; the block advances it through the callable given."""
        task = self.progress.add_task(description, total=total)
        yield lambda n: self.progress.advance(task, n)
        self.progress.update(task, completed=total)

    def note(self, message: str) -> None:
        """Print ``message`` above the bars (when they show)."""
        if self.show:
            self.progress.console.print(message)


@contextmanager
def timed(seconds: dict[str, float], name: str) -> Iterator[None]:
    """Store the block's wall-clock time in ``seconds[name]``."""
    start = time.perf_counter()
    yield
    seconds[name] = time.perf_counter() - start
