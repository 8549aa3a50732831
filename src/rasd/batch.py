"""Batch extraction over large inputs on a Dask cluster: partitioned, streamed, resumable.

``run_batch(inputs, target, config, client=client)`` is the whole job:

1. lock the state folder and check that it holds no run made with other settings;
2. plan partitions (:func:`plan_partitions`): plain JSONL is cut into byte ranges aligned to
   line starts (about ``partition_bytes`` each, 8 MB by default); a ``.gz`` file cannot be
   entered in the middle, so it is decompressed once, streaming, into gzip chunk files of about
   ``partition_bytes`` of JSONL each under ``_work/gz/``; each ``.txt`` file is one partition;
3. skip partitions that have a done-manifest, and move the outputs of partitions no longer
   planned (their input changed or is gone) to ``_stale/``;
4. run one Dask task per remaining partition. Each worker process loads the resources once
   (:class:`ResourcesPlugin`); a task streams its partition, extracts, writes its events to a
   temporary file published with ``os.replace`` (or to the store), then writes its manifest;
5. gather results as they finish (``progress`` is called for each) into a :class:`BatchReport`,
   also written to ``_report.json``.

The output folder (the state folder; for a store target it is given separately)::

    OUT/part-<id>.jsonl     events of one partition (``.parquet`` with format "parquet")
    OUT/_done/<id>.json     the partition's manifest: counts, first problems, seconds, worker
    OUT/_job.json           the settings the folder was written with
    OUT/_report.json        the last run's report
    OUT/_work/              lock, temporary files, gzip chunks (removed after a clean run)
    OUT/_stale/             outputs of partitions whose input has changed

Failures: a bad line is an input problem (counted and listed, never fatal). A partition that
cannot be read (binary content, corrupt gzip, a file that vanished) fails at once. An
exception (a store that went away) is retried by Dask (``retries``); a worker process that dies
is replaced and its task rerun elsewhere (Dask's ``distributed.scheduler.allowed-failures``).
Whatever still fails is listed in the report while the rest completes, and a rerun does only
the partitions that have no manifest.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import hashlib
import importlib
import json
import logging
import os
import resource
import shutil
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from rasd.acled import COLUMNS
from rasd.config import Config
from rasd.errors import InputError, RasdError
from rasd.io import (
    MAX_LINE_CHARS,
    InputProblem,
    ReadItem,
    event_record,
    parse_line,
    read_articles,
    write_jsonl,
)
from rasd.pipeline import PIPELINE_VERSION, extract
from rasd.resources import (
    Resources,
    build_gazetteer_index,
    data_version,
    gazetteer_path,
    load_resources,
)
from rasd.types import Article, Event

if TYPE_CHECKING:
    from distributed import Worker

    from rasd.store.base import Store

log = logging.getLogger(__name__)

DEFAULT_PARTITION_BYTES = 8 * 1024 * 1024
FORMATS = ("jsonl", "parquet")
JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
ARTICLE_SUFFIXES = (*JSONL_SUFFIXES, *(f"{s}.gz" for s in JSONL_SUFFIXES), ".txt")
"""Files read from an input folder; a file named on the command line is read whatever its name."""
MAX_LINE_BYTES = 4 * MAX_LINE_CHARS
"""Longer lines are skipped with a problem, without being held in memory."""
MAX_EXAMPLES = 20
"""Problems listed by name per partition and per report (all are counted)."""
DEFAULT_RETRIES = 2
PLUGIN_PREFIX = "rasd-resources-"
PARQUET_BATCH = 2000


class BatchError(RasdError):
    """The batch cannot start: bad output, settings clash, no cluster, missing extra."""


class PartitionError(InputError):
    """A partition cannot be read at all (binary content, corrupt gzip, vanished file)."""


# ----------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class Partition:
    """A piece of input that one task processes.

    ``path`` is what the task reads (the input itself, or a gzip chunk of it), ``source`` the
    input named in problems and default ids, ``start``/``end`` a byte range of ``path``
    (``end == -1``: to the end), ``first_line`` the line number of ``start`` in ``source``.
    ``id`` hashes the input's path, size and mtime and the range, so a changed input gets new
    ids and its old outputs are never mistaken for current ones.
    """

    id: str
    kind: str
    """"jsonl" (a byte range), "gz" (a whole gzip chunk) or "txt" (a whole text article)."""
    path: str
    source: str
    start: int = 0
    end: int = -1
    first_line: int = 1

    def __str__(self) -> str:
        where = f" [{self.start}-{self.end}]" if self.kind == "jsonl" else ""
        first = f" from line {self.first_line}" if self.kind == "gz" else ""
        return f"{self.source}{where}{first} (partition {self.id})"


@dataclass(frozen=True, slots=True)
class Target:
    """Where events go and where the run keeps its state.

    ``state`` is the output folder for part files; for a store (``url`` set) it only holds
    manifests, the lock and the report. ``format`` is "jsonl", "parquet" or "store".
    """

    state: Path
    format: str = "jsonl"
    url: str = ""

    def part_path(self, partition_id: str) -> Path:
        """The events file of a partition."""
        return self.state / f"part-{partition_id}.{self.format}"


@dataclass(frozen=True, slots=True)
class Job:
    """What every task needs: sent with each task (a few hundred bytes)."""

    config: Config
    target: Target
    partition_bytes: int = DEFAULT_PARTITION_BYTES
    plugin: str = ""
    """Name of the worker plugin holding the resources (:func:`plugin_name`)."""


class Status(StrEnum):
    """What became of a partition in a run."""

    DONE = "done"
    SKIPPED = "skipped"
    """Done by an earlier run (it has a manifest)."""
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """The outcome of one partition; the done-manifest is this value as JSON."""

    partition: Partition
    status: Status
    articles: int = 0
    events: int = 0
    problems: int = 0
    """Records skipped (bad lines, articles whose extraction failed)."""
    warnings: int = 0
    """Records kept with a warning (no Arabic text, a bad date)."""
    examples: tuple[str, ...] = ()
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    """CPU time of the worker process during the task: the work done, whatever the load."""
    worker: str = ""
    peak_rss_mb: float = 0.0
    """Peak resident memory of the worker process so far."""
    output: str = ""
    reason: str = ""
    """Why the partition failed."""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready values."""
        values = asdict(self)
        values["status"] = str(self.status)
        return values

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> PartitionResult:
        """Read back :meth:`as_dict` (raises KeyError/TypeError/ValueError when malformed)."""
        values = dict(values)
        values["partition"] = Partition(**values["partition"])
        values["status"] = Status(values["status"])
        values["examples"] = tuple(values["examples"])
        return cls(**values)


@dataclass(slots=True)
class BatchReport:
    """Counts, failures and speed of one run."""

    partitions: int = 0
    done: int = 0
    skipped: int = 0
    stale: int = 0
    failed: list[str] = field(default_factory=list)
    """One line per failed partition or unreadable input, with the reason."""
    articles: int = 0
    events: int = 0
    problems: int = 0
    warnings: int = 0
    examples: list[str] = field(default_factory=list)
    total_articles: int = 0
    """Over every completed partition, this run's and earlier runs'."""
    total_events: int = 0
    seconds: float = 0.0
    task_seconds: float = 0.0
    task_cpu_seconds: float = 0.0
    worker_peak_mb: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failed

    @property
    def articles_per_second(self) -> float:
        """This run's articles over its wall time."""
        return self.articles / self.seconds if self.seconds else 0.0

    def add(self, result: PartitionResult) -> None:
        """Count one partition's outcome."""
        if result.status is Status.FAILED:
            self.failed.append(f"{result.partition}: {result.reason}")
            return
        self.total_articles += result.articles
        self.total_events += result.events
        if result.status is Status.SKIPPED:
            self.skipped += 1
            return
        self.done += 1
        self.articles += result.articles
        self.events += result.events
        self.problems += result.problems
        self.warnings += result.warnings
        self.task_seconds += result.seconds
        self.task_cpu_seconds += result.cpu_seconds
        self.examples.extend(result.examples[: MAX_EXAMPLES - len(self.examples)])
        peak = self.worker_peak_mb.get(result.worker, 0.0)
        self.worker_peak_mb[result.worker] = max(peak, result.peak_rss_mb)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready values."""
        values = asdict(self)
        values["articles_per_second"] = round(self.articles_per_second, 1)
        values["ok"] = self.ok
        return values

    def summary(self) -> str:
        """The report as text, for the end of a run."""
        lines = [
            f"partitions {self.partitions}: {self.done} done, {self.skipped} skipped (done "
            f"before), {len(self.failed)} failed; {self.stale} stale outputs moved to _stale/",
            f"this run: {self.articles} articles, {self.events} events, {self.problems} "
            f"records skipped, {self.warnings} warnings, {self.seconds:.1f} s, "
            f"{self.articles_per_second:.1f} articles/s",
            f"in the output: {self.total_articles} articles, {self.total_events} events",
        ]
        if self.worker_peak_mb:
            peaks = ", ".join(f"{w} {mb:.0f} MB" for w, mb in sorted(self.worker_peak_mb.items()))
            lines.append(f"peak memory per worker: {peaks}")
        lines += [f"failed: {line}" for line in self.failed]
        lines += [f"problem: {line}" for line in self.examples]
        return "\n".join(lines)


# ----------------------------------------------------------------------------- planning


@dataclass(slots=True)
class Plan:
    """Partitions to process, and inputs that could not be planned."""

    partitions: list[Partition] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)


def plan_partitions(
    inputs: Sequence[str], *, partition_bytes: int, work: Path, exclude: Path | None = None
) -> Plan:
    """Partitions of every input file or folder (recursively, in name order).

    partition_bytes: target size of a partition (of uncompressed JSONL).
    work: folder for the gzip chunk files.
    exclude: a folder never read as input (the output folder).

    Example: ``plan_partitions(["a.jsonl"], partition_bytes=8 << 20, work=Path("out/_work"))``
    """
    plan = Plan()
    for path in input_files(inputs, exclude, plan.problems):
        _plan_file(path, partition_bytes, work, plan)
    unique = {p.id: p for p in plan.partitions}  # a file named twice is read once
    plan.partitions = list(unique.values())
    return plan


def input_files(
    inputs: Sequence[str], exclude: Path | None, problems: list[InputProblem]
) -> Iterator[Path]:
    """Files named, and article files found in folders (problems for missing ones)."""
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            found = (p for p in sorted(path.rglob("*")) if p.is_file() and _is_article_file(p))
            yield from (p for p in found if exclude is None or not _inside(p, exclude))
        elif path.is_file():
            yield path
        else:
            problems.append(InputProblem(name, 0, "no such file or folder"))


def _is_article_file(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(ARTICLE_SUFFIXES)


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _plan_file(path: Path, partition_bytes: int, work: Path, plan: Plan) -> None:
    try:
        stat = path.stat()
        if stat.st_size == 0:
            plan.problems.append(InputProblem(str(path), 0, "empty file", fatal=False))
        elif path.suffix == ".txt":
            plan.partitions.append(_partition("txt", path, path, _file_key(path), 0, -1, 1))
        elif path.suffix == ".gz":
            _plan_gz(path, partition_bytes, work, plan)
        else:
            plan.partitions.extend(split_jsonl(path, partition_bytes))
    except OSError as exc:
        plan.problems.append(InputProblem(str(path), 0, f"cannot read: {exc}"))


def _file_key(path: Path) -> str:
    """Identity of a file's content as far as cheaply known: path, size, mtime."""
    stat = path.stat()
    text = f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _partition(
    kind: str, path: Path, source: Path, key: str, start: int, end: int, first_line: int
) -> Partition:
    digest = hashlib.sha256(f"{key}\0{kind}\0{start}\0{end}\0{first_line}".encode())
    return Partition(digest.hexdigest()[:16], kind, str(path), str(source), start, end, first_line)


class _LineReader(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def _pieces(handle: _LineReader) -> Iterator[bytes]:
    """The file in lines, a line longer than MAX_LINE_BYTES in several pieces."""
    while piece := handle.readline(MAX_LINE_BYTES):
        yield piece


def split_jsonl(path: Path, partition_bytes: int) -> list[Partition]:
    """Byte ranges of about ``partition_bytes``, each starting at a line start.

    One streaming pass counts lines, so problems name their line in the whole file and
    articles without an id get the same default id as with ``rasd extract``.
    """
    key, ranges = _file_key(path), []
    start, position, line, first = 0, 0, 1, 1
    with open(path, "rb") as handle:
        for piece in _pieces(handle):
            position += len(piece)
            if piece.endswith(b"\n"):
                line += 1
                if position - start >= partition_bytes:
                    ranges.append((start, position, first))
                    start, first = position, line
    if position > start:
        ranges.append((start, position, first))
    return [_partition("jsonl", path, path, key, s, e, n) for s, e, n in ranges]


def _plan_gz(path: Path, partition_bytes: int, work: Path, plan: Plan) -> None:
    folder = work / "gz" / f"{_file_key(path)}-{partition_bytes}"
    index = folder / "chunks.json"
    known = _read_chunk_index(index)
    if known and all(Path(p.path).is_file() for p in known):
        plan.partitions.extend(known)
        return
    chunks, problem = split_gz(path, partition_bytes, folder)
    plan.partitions.extend(chunks)
    if problem is not None:
        plan.problems.append(problem)
        return
    _write_json_atomic(index, [asdict(c) for c in chunks])


def _read_chunk_index(index: Path) -> list[Partition]:
    """The chunks of an earlier split, or none when there is no usable index."""
    try:
        return [Partition(**p) for p in json.loads(index.read_text("utf-8"))]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, TypeError) as exc:
        log.warning("%s unreadable (%s): splitting again", index, exc)
        return []


def split_gz(
    path: Path, partition_bytes: int, folder: Path
) -> tuple[list[Partition], InputProblem | None]:
    """Decompress ``path`` once into gzip chunk files of about ``partition_bytes`` of JSONL.

    Costs one streaming decompression and a fast recompression (level 1) in the driver and
    about the input's size on disk. A corrupt or truncated file yields the chunks read before
    the damage and a problem naming the line where reading stopped.
    """
    folder.mkdir(parents=True, exist_ok=True)
    key, chunks = _file_key(path), []
    writer = _ChunkWriter(folder, partition_bytes)
    try:
        with gzip.open(path, "rb") as handle:
            for piece in _pieces(handle):
                if (done := writer.add(piece)) is not None:
                    chunks.append(_chunk_partition(done, path, key))
        if (done := writer.close()) is not None:
            chunks.append(_chunk_partition(done, path, key))
    except (OSError, EOFError, zlib.error) as exc:
        writer.abandon()
        line = writer.line
        return chunks, InputProblem(str(path), line, f"corrupt gzip, read stopped here: {exc}")
    return chunks, None


def _chunk_partition(chunk: tuple[Path, int, int], source: Path, key: str) -> Partition:
    path, first_line, size = chunk
    return _partition("gz", path, source, f"{key}\0{size}", 0, -1, first_line)


class _ChunkWriter:
    """Writes lines into numbered gzip chunk files, cutting only at line ends."""

    def __init__(self, folder: Path, partition_bytes: int) -> None:
        self.folder = folder
        self.limit = partition_bytes
        self.line = 1
        self.count = 0
        self._handle: gzip.GzipFile | None = None
        self._first = 1
        self._size = 0

    def add(self, piece: bytes) -> tuple[Path, int, int] | None:
        """Write a piece of a line; returns (file, first line, size) when a chunk is full."""
        if self._handle is None:
            self._handle = gzip.GzipFile(self._path(".tmp"), "wb", compresslevel=1)
            self._first, self._size = self.line, 0
        self._handle.write(piece)
        self._size += len(piece)
        if not piece.endswith(b"\n"):
            return None
        self.line += 1
        return self.close() if self._size >= self.limit else None

    def close(self) -> tuple[Path, int, int] | None:
        """Finish the current chunk, if any."""
        if self._handle is None:
            return None
        self._handle.close()
        self._handle = None
        final = self._path("")
        self._path(".tmp").replace(final)
        self.count += 1
        return final, self._first, self._size

    def abandon(self) -> None:
        """Drop the chunk being written (the input broke off inside it)."""
        if self._handle is not None:
            with contextlib.suppress(OSError, EOFError, zlib.error):
                self._handle.close()
            self._handle = None
            self._path(".tmp").unlink(missing_ok=True)

    def _path(self, suffix: str) -> Path:
        return self.folder / f"chunk-{self.count:06d}.jsonl.gz{suffix}"


# ----------------------------------------------------------------------------- reading


def read_partition(partition: Partition) -> Iterator[ReadItem]:
    """The partition's articles and input problems, streamed (file and line in each problem).

    Raises PartitionError when the partition cannot be read at all.
    """
    if partition.kind == "txt":
        yield from read_articles([partition.path])
        return
    opener: Any = gzip.open if partition.kind == "gz" else open
    length = None if partition.end < 0 else partition.end - partition.start
    try:
        with opener(partition.path, "rb") as handle:
            _reject_binary(handle, partition.start)
            for number, line in enumerate(_lines(handle, length), start=partition.first_line):
                yield from _parse(line, partition.source, number)
    except (OSError, EOFError, zlib.error) as exc:
        raise PartitionError(f"cannot read {partition.path}: {exc}") from exc


def _reject_binary(handle: IO[bytes], start: int) -> None:
    """Raise PartitionError when the partition starts with binary bytes; leave it at start."""
    handle.seek(start)
    if b"\0" in handle.read(4096):
        raise PartitionError("binary content (NUL bytes), not JSONL")
    handle.seek(start)


def _lines(handle: _LineReader, length: int | None) -> Iterator[bytes | None]:
    """Lines of at most ``length`` bytes in all; None stands for an over-long line."""
    left = length
    pieces = _pieces(handle)
    for first in pieces:
        line: bytes | None = first
        piece, size = first, len(first)
        while len(piece) == MAX_LINE_BYTES and not piece.endswith(b"\n"):
            piece = next(pieces, b"")
            line, size = None, size + len(piece)
        yield line
        if left is not None:
            left -= size
            if left <= 0:
                return


def _parse(line: bytes | None, source: str, number: int) -> Iterator[ReadItem]:
    if line is None:
        yield InputProblem(source, number, f"line longer than {MAX_LINE_BYTES} bytes")
        return
    text = line.decode("utf-8", errors="replace")
    if not text.strip():
        return
    if len(text) > MAX_LINE_CHARS:
        yield InputProblem(source, number, f"line longer than {MAX_LINE_CHARS} characters")
        return
    yield from parse_line(text, source, number)


# ----------------------------------------------------------------------------- processing


@dataclass(slots=True)
class _Tally:
    """Counts kept while a partition streams through."""

    articles: int = 0
    events: int = 0
    problems: int = 0
    warnings: int = 0
    examples: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    cpu_started: float = field(default_factory=time.process_time)

    def problem(self, problem: InputProblem | str, *, fatal: bool = True) -> None:
        if isinstance(problem, InputProblem):
            fatal = problem.fatal
        if fatal:
            self.problems += 1
        else:
            self.warnings += 1
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(str(problem))


def _articles(items: Iterable[ReadItem], tally: _Tally) -> Iterator[Article]:
    for item in items:
        if isinstance(item, InputProblem):
            tally.problem(item)
            continue
        tally.articles += 1
        yield item


def _events(
    articles: Iterable[Article], resources: Resources, config: Config, tally: _Tally
) -> Iterator[Event]:
    for article in articles:
        try:
            events = extract(article, resources, config)
        except Exception as exc:  # one article's failure must not stop the partition
            log.exception("article %s could not be processed", article.id)
            tally.problem(f"article {article.id}: extraction failed: {type(exc).__name__}: {exc}")
            continue
        tally.events += len(events)
        yield from events


def process_partition(
    partition: Partition, job: Job, resources: Resources, store: Store | None = None
) -> PartitionResult:
    """Extract one partition and record it as done.

    1. stream the partition's lines into articles, counting problems; 2. extract events;
    3. write them to a temporary file published with ``os.replace`` (or save each article to
    ``store``); 4. write the done-manifest. Returns a FAILED result, without a manifest,
    when the partition cannot be read; other exceptions propagate (Dask retries them).
    """
    tally = _Tally()
    items = read_partition(partition)
    try:
        if store is None:
            output = _write_part(items, partition, job, resources, tally)
        else:
            output = _save_to_store(items, partition, job, resources, store, tally)
    except PartitionError as exc:
        return _result(partition, Status.FAILED, tally, reason=str(exc))
    result = _result(partition, Status.DONE, tally, output=output)
    _write_json_atomic(_manifest_path(job.target, partition.id), result.as_dict())
    return result


def _result(partition: Partition, status: Status, tally: _Tally, **extra: str) -> PartitionResult:
    return PartitionResult(
        partition=partition,
        status=status,
        articles=tally.articles,
        events=tally.events,
        problems=tally.problems,
        warnings=tally.warnings,
        examples=tuple(tally.examples),
        seconds=round(time.perf_counter() - tally.started, 3),
        cpu_seconds=round(time.process_time() - tally.cpu_started, 3),
        worker=_worker_name(),
        peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        **extra,
    )


def _worker_name() -> str:
    try:
        return str(get_worker().address)
    except ValueError:  # not inside a Dask worker (a direct call, in tests)
        return f"pid {os.getpid()}"


def _write_part(
    items: Iterable[ReadItem], partition: Partition, job: Job, resources: Resources, tally: _Tally
) -> str:
    final = job.target.part_path(partition.id)
    temporary = job.target.state / "_work" / f"{final.name}.tmp-{os.getpid()}"
    events = _events(_articles(items, tally), resources, job.config, tally)
    try:
        if job.target.format == "parquet":
            write_parquet(events, temporary, numeric_inter=job.config.numeric_inter)
        else:
            with open(temporary, "w", encoding="utf-8") as handle:
                write_jsonl(events, handle, numeric_inter=job.config.numeric_inter)
        temporary.replace(final)
    finally:
        temporary.unlink(missing_ok=True)
    return final.name


def _save_to_store(
    items: Iterable[ReadItem],
    partition: Partition,
    job: Job,
    resources: Resources,
    store: Store,
    tally: _Tally,
) -> str:
    """Save each article with its events, one transaction per article (the Store contract).

    Articles already stored are skipped without extraction, so a partition redone after a crash
    or a lost database connection stores only what is missing. StoreError propagates.
    """
    from rasd.ingest import MAX_ID_CHARS, Ingestor, clean_article

    ingestor = Ingestor(store, resources, job.config)
    for article in _articles(items, tally):
        if len(article.id) > MAX_ID_CHARS:
            tally.problem(f"{partition.source}: id longer than {MAX_ID_CHARS}: {article.id[:80]}")
            continue
        result = ingestor.save(clean_article(article), partition.source)
        tally.events += result.events
        if result.extract_error:
            tally.problem(f"article {article.id}: {result.extract_error}")
    return store.url


def _write_json_atomic(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    temporary.write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.replace(path)


def _manifest_path(target: Target, partition_id: str) -> Path:
    return target.state / "_done" / f"{partition_id}.json"


# ----------------------------------------------------------------------------- parquet


def _pyarrow() -> Any:
    try:
        return importlib.import_module("pyarrow")
    except ImportError as exc:
        raise BatchError("--format parquet needs pyarrow: pip install 'rasd[parquet]'") from exc


def parquet_schema(*, numeric_inter: bool) -> Any:
    """The Arrow schema of event records (nested evidence, ``why`` as a map)."""
    pa = _pyarrow()
    ints = {"year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp"}
    if numeric_inter:
        ints |= {"inter1", "inter2", "interaction"}
    kinds = {name: pa.int64() if name in ints else pa.string() for name in COLUMNS}
    kinds |= {"event_date": pa.date32(), "latitude": pa.float64(), "longitude": pa.float64()}
    evidence = pa.struct(
        [("field", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())]
    )
    return pa.schema(
        [
            ("article_id", pa.string()),
            ("event_id", pa.string()),
            *kinds.items(),
            ("evidence", pa.list_(evidence)),
            ("claim", pa.string()),
            ("warnings", pa.list_(pa.string())),
            ("why", pa.map_(pa.string(), pa.string())),
        ]
    )


def _parquet_row(event: Event, numeric_inter: bool) -> dict[str, Any]:
    row = event_record(event, numeric_inter=numeric_inter)
    row["event_date"] = date.fromisoformat(row["event_date"]) if row["event_date"] else None
    row["why"] = list(row["why"].items())
    return row


def write_parquet(events: Iterable[Event], path: Path, *, numeric_inter: bool = False) -> int:
    """Write events to a Parquet file in row groups of PARQUET_BATCH; returns the count."""
    pa = _pyarrow()
    parquet = importlib.import_module("pyarrow.parquet")
    schema = parquet_schema(numeric_inter=numeric_inter)
    count, rows = 0, []
    with parquet.ParquetWriter(str(path), schema) as writer:
        for event in events:
            rows.append(_parquet_row(event, numeric_inter))
            if len(rows) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count, rows = count + len(rows), []
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return count + len(rows)


# ----------------------------------------------------------------------------- workers


def plugin_name(config: Config) -> str:
    """The worker plugin's name: one per data folder, cache folder and data version."""
    text = f"{config.data_dir}\0{config.cache_dir}\0{data_version()}"
    return PLUGIN_PREFIX + hashlib.sha256(text.encode()).hexdigest()[:12]


class ResourcesPlugin(WorkerPlugin):
    """Loads the resources once per worker process; tasks find it on their worker by name.

    Registered idempotently: a second run on a long-lived cluster reuses the loaded resources.
    A store, when the target is one, is opened on first use and closed with the worker.
    """

    idempotent = True

    def __init__(self, config: Config) -> None:
        self.config = config
        self._resources: Resources | None = None
        self._stores: dict[str, Store] = {}

    def setup(self, worker: Worker) -> None:
        """Load the resources when the worker starts (or the plugin is registered)."""
        self.resources()

    def teardown(self, worker: Worker) -> None:
        """Close the stores this worker opened."""
        for store in self._stores.values():
            store.close()
        self._stores.clear()

    def resources(self) -> Resources:
        """The loaded resources (loaded now if setup did not)."""
        if self._resources is None:
            started = time.perf_counter()
            self._resources = load_resources(self.config)
            log.info("resources loaded in %.1f s", time.perf_counter() - started)
        return self._resources

    def store(self, url: str) -> Store:
        """The store at ``url``, opened once per worker."""
        if url not in self._stores:
            from rasd.store import open_url

            self._stores[url] = open_url(url)
        return self._stores[url]


def partition_task(partition: Partition, job: Job) -> PartitionResult:
    """The Dask task: :func:`process_partition` with the worker's resources and store."""
    plugin = get_worker().plugins.get(job.plugin)
    if not isinstance(plugin, ResourcesPlugin):
        raise BatchError("the rasd resources plugin is not registered on this worker")
    store = plugin.store(job.target.url) if job.target.url else None
    return process_partition(partition, job, plugin.resources(), store)


def prepare_workers(client: Client, job: Job) -> None:
    """Build the gazetteer index here when it is missing (workers would each build it, at
    once), then load the resources on every worker."""
    if not gazetteer_path(job.config).is_file():
        build_gazetteer_index(job.config)
    try:
        register_plugin(client, job.config, job.plugin)
    except RasdError:
        raise
    except Exception as exc:  # re-raised from a worker: any type
        raise BatchError(
            f"the workers could not load rasd's resources: {type(exc).__name__}: {exc}"
        ) from exc


def register_plugin(client: Client, config: Config, name: str) -> None:
    """Load resources on every worker, dropping rasd plugins of other settings."""
    registered = client.run_on_scheduler(_worker_plugin_names)  # type: ignore[no-untyped-call]
    for old in registered:
        if old.startswith(PLUGIN_PREFIX) and old != name:
            client.unregister_worker_plugin(old)  # type: ignore[no-untyped-call]
    client.register_plugin(ResourcesPlugin(config), name=name)


def _worker_plugin_names(dask_scheduler: Any) -> list[str]:
    return list(dask_scheduler.worker_plugins)


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a new local cluster of processes.

    Example: ``with dask_client(workers=2) as client: run_batch(..., client=client)``
    """
    with contextlib.ExitStack() as stack:
        try:
            if scheduler:
                client = stack.enter_context(Client(scheduler, timeout="20s"))  # type: ignore[no-untyped-call]
            else:
                cluster = stack.enter_context(local_cluster(workers))
                client = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            where = scheduler or "a local cluster"
            raise BatchError(f"cannot reach the Dask scheduler at {where}: {exc}") from exc
        yield client


def local_cluster(workers: int) -> LocalCluster:
    """Worker processes of one thread each: extraction is pure Python, so threads would
    share one interpreter lock."""
    return LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    )


# ----------------------------------------------------------------------------- the driver


def run_batch(
    inputs: Sequence[str],
    target: Target,
    config: Config,
    *,
    client: Client,
    partition_bytes: int | None = None,
    retries: int = DEFAULT_RETRIES,
    progress: Callable[[PartitionResult, BatchReport], None] | None = None,
) -> BatchReport:
    """Extract events from every input on the cluster behind ``client`` (module docstring).

    inputs: JSONL, JSONL.gz or .txt files, or folders of them.
    target: where events and state go (see :func:`parse_target`).
    partition_bytes: target partition size; None keeps the size the state folder was
        started with (or 8 MB).
    retries: how often Dask retries a task that raised.
    progress: called with each partition's result as it finishes.

    Example: ``run_batch(["big.jsonl"], Target(Path("out")), config, client=client)``
    """
    started = time.perf_counter()
    with _locked(target.state):
        job = open_job(target, config, partition_bytes)
        plan = plan_partitions(
            inputs,
            partition_bytes=job.partition_bytes,
            work=_work(target.state),
            exclude=target.state,
        )
        report = BatchReport(partitions=len(plan.partitions))
        _count_input_problems(plan.problems, report)
        todo = _pending(plan.partitions, target, report)
        report.stale = move_stale(plan.partitions, target)
        if todo:
            prepare_workers(client, job)
            for result in _run_tasks(client, todo, job, retries):
                report.add(result)
                if progress is not None:
                    progress(result, report)
        report.seconds = round(time.perf_counter() - started, 3)
        _finish(target, report)
    return report


def _work(state: Path) -> Path:
    return state / "_work"


@contextlib.contextmanager
def _locked(state: Path) -> Iterator[None]:
    """One run per state folder at a time; the lock goes with the process that held it."""
    try:
        _work(state).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"cannot create the output folder {state}: {exc}") from exc
    with open(_work(state) / "lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchError(f"another rasd batch is writing to {state}") from None
        yield


def open_job(target: Target, config: Config, partition_bytes: int | None) -> Job:
    """The job's settings, checked against those the state folder was started with."""
    path = target.state / "_job.json"
    recorded: dict[str, Any] = {}
    if path.is_file():
        try:
            recorded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BatchError(f"cannot read {path}: {exc}") from exc
    size = partition_bytes or recorded.get("partition_bytes") or DEFAULT_PARTITION_BYTES
    wanted = _job_settings(target, config, size)
    clashes = [f"{k}: {recorded[k]} -> {v}" for k, v in wanted.items() if recorded.get(k, v) != v]
    if clashes:
        raise BatchError(
            f"{target.state} was written with other settings ({'; '.join(clashes)}): "
            "use another output folder, or delete this one to start afresh"
        )
    _write_json_atomic(path, wanted)
    return Job(config, target, size, plugin_name(config))


def _job_settings(target: Target, config: Config, partition_bytes: int) -> dict[str, Any]:
    return {
        "format": target.format,
        "store": hashlib.sha256(target.url.encode()).hexdigest()[:12] if target.url else "",
        "partition_bytes": partition_bytes,
        "numeric_inter": config.numeric_inter,
        "max_article_chars": config.max_article_chars,
        "pipeline_version": PIPELINE_VERSION,
        "data_version": data_version(),
    }


def _count_input_problems(problems: Sequence[InputProblem], report: BatchReport) -> None:
    for problem in problems:
        if problem.fatal:
            report.failed.append(str(problem))
        else:
            report.warnings += 1
            report.examples.append(str(problem))


def done_result(target: Target, partition: Partition) -> PartitionResult | None:
    """The partition's manifest, when it was completed and its output is still there."""
    try:
        values = json.loads(_manifest_path(target, partition.id).read_text(encoding="utf-8"))
        result = PartitionResult.from_dict(values)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("partition %s: unreadable manifest (%s): redoing it", partition.id, exc)
        return None
    if not target.url and not target.part_path(partition.id).is_file():
        return None
    return result


def _pending(
    partitions: Sequence[Partition], target: Target, report: BatchReport
) -> list[Partition]:
    """Partitions without a manifest; the others are counted as skipped."""
    todo = []
    for partition in partitions:
        result = done_result(target, partition)
        if result is None:
            todo.append(partition)
        else:
            report.add(replace(result, status=Status.SKIPPED))
    return todo


def move_stale(partitions: Sequence[Partition], target: Target) -> int:
    """Move outputs and manifests of partitions not in the plan to ``_stale/``."""
    current = {p.id for p in partitions}
    found = list(target.state.glob("part-*.*")) + list((target.state / "_done").glob("*.json"))
    moved = 0
    for path in found:
        partition_id = path.stem.removeprefix("part-")
        if partition_id in current:
            continue
        stale = target.state / "_stale"
        stale.mkdir(exist_ok=True)
        is_manifest = path.suffix == ".json"
        path.replace(stale / (f"done-{path.name}" if is_manifest else path.name))
        moved += 0 if is_manifest else 1
    return moved


def _run_tasks(
    client: Client, partitions: Sequence[Partition], job: Job, retries: int
) -> Iterator[PartitionResult]:
    """Submit one task per partition and yield results as they finish, failures included."""
    run = hashlib.sha256(f"{job.target.state.resolve()}\0{job.target.url}".encode())
    futures = {
        client.submit(
            partition_task,
            p,
            job,
            key=f"rasd-partition-{p.id}-{run.hexdigest()[:8]}",
            retries=retries,
            pure=False,
        ): p
        for p in partitions
    }
    for future in as_completed(futures):  # type: ignore[no-untyped-call]
        partition = futures[future]
        if future.status == "finished":
            yield future.result()
        else:
            yield PartitionResult(partition, Status.FAILED, reason=_failure(future))
        future.release()


def _failure(future: Any) -> str:
    if future.status != "error":
        return f"task {future.status}"
    exc = future.exception()
    return f"{type(exc).__name__}: {exc}"


def _finish(target: Target, report: BatchReport) -> None:
    """Write the report; after a clean run, drop the gzip chunks and leftover temp files."""
    for leftover in _work(target.state).glob("*.tmp-*"):
        leftover.unlink(missing_ok=True)
    if report.ok:
        shutil.rmtree(_work(target.state) / "gz", ignore_errors=True)
    _write_json_atomic(target.state / "_report.json", report.as_dict())


# ----------------------------------------------------------------------------- targets


def parse_size(text: str) -> int:
    """Bytes from ``8MB``, ``512KB``, ``1GB`` or a plain number of bytes."""
    units = {"KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30, "B": 1}
    cleaned = text.strip().upper().replace(" ", "")
    for unit, factor in units.items():
        if cleaned.endswith(unit) and cleaned[: -len(unit)].replace(".", "", 1).isdigit():
            return int(float(cleaned[: -len(unit)]) * factor)
    if cleaned.isdigit():
        return int(cleaned)
    raise ValueError(f"{text!r} is not a size such as 8MB, 512KB or 1GB")


def parse_target(output: str, *, fmt: str = "jsonl", state: Path | None = None) -> Target:
    """The target of ``-o``: a folder for part files, or a store URL (``sqlite:///PATH``).

    A store needs ``state``, a folder for the manifests that make the run resumable.
    """
    if "://" not in output:
        if fmt not in FORMATS:
            raise BatchError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        if fmt == "parquet":
            _pyarrow()
        return Target(Path(output), fmt)
    if state is None:
        raise BatchError("a store target needs --state DIR, a folder for the run's manifests")
    _check_store(output)
    return Target(state, "store", output)


def _check_store(url: str) -> None:
    """Open the store once in the driver: a clear error now, and migrations run only here."""
    try:
        from rasd.store import open_url
    except ImportError as exc:
        raise BatchError(f"the store is not available here ({exc})") from exc
    try:
        open_url(url).close()
    except RasdError as exc:
        raise BatchError(str(exc)) from exc
