"""What commands print: rich tables and progress bars on a terminal, aligned plain lines
when stdout is not a terminal, and one JSON object per line with ``--json``.

rich is imported only when stdout is a terminal, so piped and scripted runs never load it
and never write a control code.
"""

from __future__ import annotations

import json
import sys
from abc import ABC, abstractmethod
from collections.abc import AsyncIterable, Callable, Iterable, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TextIO, TypeVar

import attrs

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

__all__ = ["Output", "Snapshot", "Tracker"]


T = TypeVar("T")


@attrs.frozen
class Snapshot:
    """One operation's state as a tracker shows it, whatever API it came from."""

    key: str
    status: str
    percent: int | None
    done: bool
    failed: bool
    message: str | None
    record: Mapping[str, Any] = attrs.field(eq=False)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


class Output:
    """Where a command's results go; ``json`` and ``terminal`` pick the form."""

    def __init__(
        self,
        *,
        json: bool = False,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        terminal: bool | None = None,
    ) -> None:
        self.stdout = stdout if stdout is not None else sys.stdout
        self.stderr = stderr if stderr is not None else sys.stderr
        self.json = json
        is_tty = terminal if terminal is not None else self.stdout.isatty()
        self.rich = is_tty and not json
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(file=self.stdout, highlight=False)
        return self._console

    def emit(self, record: Mapping[str, Any], *, event: str | None = None) -> None:
        """One JSON object on its own line (wrapped as ``{"event", "data"}`` when tagged)."""
        payload = dict(record) if event is None else {"event": event, "data": dict(record)}
        self.stdout.write(json.dumps(payload, default=str, separators=(",", ":")) + "\n")
        self.stdout.flush()

    def note(self, text: str, *, style: str = "") -> None:
        """A message for people: stdout normally, stderr with ``--json`` (stdout stays JSON)."""
        if self.json:
            self.stderr.write(text + "\n")
            self.stderr.flush()
        elif self.rich:
            self.console.print(text, style=style or None, markup=False)
        else:
            self.stdout.write(text + "\n")
            self.stdout.flush()

    def heading(self, text: str) -> None:
        if self.rich:
            self.console.print()
            self.console.rule(text, align="left", style="cyan")
        else:
            self.note(f"== {text}")

    async def listing(
        self,
        items: AsyncIterable[T],
        columns: Sequence[str],
        row: Callable[[T], Sequence[Any]],
        record: Callable[[T], Mapping[str, Any]],
    ) -> None:
        """A pager's items: JSON lines as pages arrive with ``--json``, else one table."""
        if self.json:
            async for item in items:
                self.emit(record(item))
        else:
            self.table(columns, [row(item) async for item in items])

    def table(
        self,
        columns: Sequence[str],
        rows: Iterable[Sequence[Any]],
        records: Iterable[Mapping[str, Any]] = (),
        *,
        title: str | None = None,
        event: str | None = None,
    ) -> None:
        """Rows as a table, or ``records`` as JSON lines with ``--json``."""
        if self.json:
            for record in records:
                self.emit(record, event=event)
            return
        cells = [[_cell(value) for value in row] for row in rows]
        if self.rich:
            from rich.table import Table

            table = Table(title=title, title_justify="left", header_style="bold")
            for column in columns:
                table.add_column(column, overflow="fold")
            for row in cells:
                table.add_row(*row)
            self.console.print(table)
            return
        if title:
            self.note(title)
        widths = [len(c) for c in columns]
        for row in cells:
            widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
        for row in [list(columns), *cells]:
            line = "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
            self.stdout.write(line.rstrip() + "\n")
        self.stdout.flush()

    def tracker(self, *, event: str | None = None) -> Tracker:
        """Live progress of several operations, one bar (or line) each."""
        if self.json:
            return _JsonTracker(self, event)
        if self.rich:
            return _RichTracker(self.console)
        return _PlainTracker(self)


class Tracker(ABC):
    """Shows operations as they progress. Use as a context manager; call :meth:`add` for each
    operation, then :meth:`show` with each new snapshot."""

    def __init__(self) -> None:
        self._labels: dict[str, str] = {}
        self._last: dict[str, Snapshot] = {}

    def add(self, key: str, label: str) -> None:
        self._labels[key] = label

    def show(self, snapshot: Snapshot) -> None:
        if self._last.get(snapshot.key) == snapshot:
            return
        self._last[snapshot.key] = snapshot
        self._render(self._labels.get(snapshot.key, snapshot.key), snapshot)

    @abstractmethod
    def _render(self, label: str, snapshot: Snapshot) -> None: ...

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None


def _outcome(snapshot: Snapshot) -> str:
    if snapshot.failed:
        return f"{snapshot.status}: {snapshot.message}" if snapshot.message else snapshot.status
    if not snapshot.done and snapshot.percent is not None:
        return f"{snapshot.status} {snapshot.percent}%"
    return snapshot.status


class _PlainTracker(Tracker):
    def __init__(self, output: Output) -> None:
        super().__init__()
        self._output = output

    def _render(self, label: str, snapshot: Snapshot) -> None:
        width = max(map(len, self._labels.values()), default=0)
        self._output.note(f"{label.ljust(width)}  {_outcome(snapshot)}")


class _JsonTracker(Tracker):
    def __init__(self, output: Output, event: str | None) -> None:
        super().__init__()
        self._output = output
        self._event = event

    def _render(self, label: str, snapshot: Snapshot) -> None:
        self._output.emit(snapshot.record, event=self._event)


class _RichTracker(Tracker):
    def __init__(self, console: Console) -> None:
        super().__init__()
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

        self._progress: Progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(bar_width=30),
            TaskProgressColumn(),
            TextColumn("{task.fields[state]}"),
            console=console,
        )
        self._tasks: dict[str, TaskID] = {}

    def add(self, key: str, label: str) -> None:
        super().add(key, label)
        self._tasks[key] = self._progress.add_task(label, total=None, state="waiting")

    def _render(self, label: str, snapshot: Snapshot) -> None:
        task = self._tasks.get(snapshot.key)
        if task is None:
            task = self._tasks[snapshot.key] = self._progress.add_task(label, total=None)
        if snapshot.done and not snapshot.failed:
            state = f"[green]{snapshot.status}[/]"
            self._progress.update(task, total=100, completed=100, state=state)
        elif snapshot.failed:
            reason = f": {snapshot.message}" if snapshot.message else ""
            state = f"[red]{snapshot.status}{_escape(reason)}[/]"
            done = snapshot.percent if snapshot.percent is not None else 0
            self._progress.update(task, total=100, completed=done, state=state)
        else:
            total = None if snapshot.percent is None else 100
            self._progress.update(
                task, total=total, completed=snapshot.percent or 0, state=snapshot.status
            )

    def __enter__(self) -> Self:
        self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.stop()


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
