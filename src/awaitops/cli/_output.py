"""What commands print: rich tables and progress bars on a terminal, aligned plain lines
when stdout is not a terminal, one JSON document with ``--json`` (a list is an array), or
one JSON object per line as results arrive with ``--jsonl``.

rich is imported only when stdout is a terminal, so piped and scripted runs never load it
and never write a control code.
"""

from __future__ import annotations

import json
import sys
from abc import ABC, abstractmethod
from collections.abc import AsyncIterable, Callable, Iterable, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Self, TextIO, TypeAlias, TypeVar

import attrs

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

__all__ = ["Format", "Output", "Snapshot", "Tracker"]

#: ``text`` for people; ``json``: one document per command; ``jsonl``: one object per line.
Format: TypeAlias = Literal["text", "json", "jsonl"]


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


#: Columns of prose, the only ones a narrow terminal may wrap.
FREE_TEXT_COLUMNS = frozenset({"error"})


#: Room a free-text column keeps however narrow the terminal, in characters.
_FREE_TEXT_MIN = 20


def _table_width(columns: Sequence[str], cells: Sequence[Sequence[str]]) -> int:
    """Width of a box table whose id columns show in full: each column's widest cell, plus
    a space either side and one border each, plus the closing border."""
    from rich.cells import cell_len

    total = 1
    for index, column in enumerate(columns):
        widest = max([cell_len(column), *(cell_len(row[index]) for row in cells)])
        if column in FREE_TEXT_COLUMNS:
            widest = min(widest, _FREE_TEXT_MIN)
        total += widest + 3
    return total


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


class Output:
    """Where a command's results go; ``format`` and ``terminal`` pick the form.

    With ``format="json"`` the records are kept and :meth:`finish` writes them as one
    document: the record itself when the command shows one thing, else an array.
    """

    def __init__(
        self,
        *,
        format: Format = "text",
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        terminal: bool | None = None,
    ) -> None:
        self.stdout = stdout if stdout is not None else sys.stdout
        self.stderr = stderr if stderr is not None else sys.stderr
        self.format = format
        #: Machine-readable output: results on stdout are JSON, messages go to stderr.
        self.json = format != "text"
        is_tty = terminal if terminal is not None else self.stdout.isatty()
        self.rich = is_tty and not self.json
        self._console: Console | None = None
        self._document: list[Any] = []
        self._single = False

    def _write_json(self, value: Any) -> None:
        self.stdout.write(json.dumps(value, default=str, separators=(",", ":")) + "\n")
        self.stdout.flush()

    def finish(self) -> None:
        """With ``--json``, write the command's one document (after it succeeded)."""
        if self.format != "json":
            return
        if self._single and len(self._document) == 1:
            self._write_json(self._document[0])
        else:
            self._write_json(self._document)
        self._document = []

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(file=self.stdout, highlight=False)
        return self._console

    def emit(
        self, record: Mapping[str, Any], *, event: str | None = None, single: bool = False
    ) -> None:
        """One record (wrapped as ``{"event", "data"}`` when tagged): a line of its own with
        ``--jsonl``, part of the document with ``--json`` (``single``: the whole of it)."""
        payload = dict(record) if event is None else {"event": event, "data": dict(record)}
        if self.format == "jsonl":
            self._write_json(payload)
        else:
            self._document.append(payload)
            self._single = single

    def note(self, text: str, *, style: str = "") -> None:
        """A message for people: stdout normally, stderr with ``--json`` (stdout stays JSON)."""
        if self.json:
            self.stderr.write(text + "\n")
            self.stderr.flush()
        elif self.rich:
            # soft_wrap: the terminal folds a long line (a command to copy) without a newline.
            self.console.print(text, style=style or None, markup=False, soft_wrap=True)
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
        """A pager's items: JSON lines as pages arrive with ``--jsonl``, one array with
        ``--json``, else one table."""
        if self.json:
            async for item in items:
                self.emit(record(item))
        else:
            self.table(columns, [row(item) async for item in items])

    def models(
        self, items: Sequence[Any], columns: Sequence[str], row: Callable[[Any], Any]
    ) -> None:
        """Snapshots: rows as a table, each ``to_dict()`` (the answer as sent) as JSON."""
        self.table(columns, map(row, items), [item.to_dict() for item in items])

    def table(
        self,
        columns: Sequence[str],
        rows: Iterable[Sequence[Any]],
        records: Iterable[Mapping[str, Any]] = (),
        *,
        title: str | None = None,
        event: str | None = None,
        single: bool = False,
    ) -> None:
        """Rows as a table, or ``records`` as JSON (``single``: the one thing the command
        shows, written as an object rather than an array with ``--json``)."""
        if self.json:
            for record in records:
                self.emit(record, event=event, single=single)
            return
        cells = [[_cell(value) for value in row] for row in rows]
        if self.rich:
            self._rich_table(columns, cells, title)
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

    def _rich_table(
        self, columns: Sequence[str], cells: list[list[str]], title: str | None
    ) -> None:
        """A box table; on a terminal too narrow for its ids, one block of ``column  value``
        lines per row instead, since rich would cut an id short to fit."""
        if _table_width(columns, cells) > self.console.width:
            if title:
                self.note(title)
            width = max(map(len, columns))
            for row in cells:
                for column, value in zip(columns, row, strict=True):
                    if value:
                        # soft_wrap: the terminal folds a long line, rich never splits an id.
                        self.console.print(
                            f"{column.ljust(width)}  {value}", markup=False, soft_wrap=True
                        )
                self.console.print()
            return
        from rich.table import Table

        table = Table(title=title, title_justify="left", header_style="bold")
        for column in columns:
            # Identifiers are copied from here: never wrapped; free text folds.
            if column in FREE_TEXT_COLUMNS:
                table.add_column(column, overflow="fold", ratio=1)
            else:
                table.add_column(column, no_wrap=True)
        for row in cells:
            table.add_row(*row)
        self.console.print(table)

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

    # Optional hooks, empty here: most trackers need neither.
    def _start(self) -> None:  # noqa: B027
        """Called on entering the ``with`` block."""

    def _stop(self) -> None:  # noqa: B027
        """Called on leaving the ``with`` block, however it is left."""

    def __enter__(self) -> Self:
        self._start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop()


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
        if self._output.format == "jsonl":
            self._output.emit(snapshot.record, event=self._event)

    def _stop(self) -> None:
        # One document: each operation's last state, in the order they were first seen.
        if self._output.format == "json":
            for snapshot in self._last.values():
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

    def _start(self) -> None:
        self._progress.start()

    def _stop(self) -> None:
        self._progress.stop()


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
