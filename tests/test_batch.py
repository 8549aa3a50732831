"""rasd batch: partitions, streaming reads, resumption, failures, on real Dask clusters.

Inputs are the first corpus articles written to temporary files. The cluster tests share one
local cluster of two worker processes (each loads the resources once); the store test uses an
in-process cluster so that it can make the database fail.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from itertools import islice, pairwise
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from rasd import batch
from rasd.batch_command import batch as batch_command
from rasd.config import Config
from rasd.io import InputProblem, read_articles
from rasd.pipeline import extract
from rasd.resources import Resources
from rasd.store.base import StoreError
from rasd.types import Article

CORPUS = "corpus/news_ar_conflict.jsonl.gz"
SMALL = 8 * 1024
"""Partition size for tests: a few articles per partition."""


def _corpus_lines(data_dir: Path, count: int, skip: int = 0) -> list[bytes]:
    with gzip.open(data_dir / CORPUS, "rb") as handle:
        return list(islice(handle, skip, skip + count))


def _write(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"".join(lines))
    return path


def _events_in(folder: Path) -> list[dict[str, Any]]:
    records = [
        json.loads(line)
        for part in sorted(folder.glob("part-*.jsonl"))
        for line in part.read_text(encoding="utf-8").splitlines()
    ]
    return sorted(records, key=lambda r: (r["article_id"], r["event_id"]))


def _expected(paths: list[Path], resources: Resources, config: Config) -> list[dict[str, Any]]:
    """What `rasd extract` writes for the same inputs, sorted like :func:`_events_in`."""
    from rasd.io import event_record

    articles = [a for a in read_articles([str(p) for p in paths]) if isinstance(a, Article)]
    records = [event_record(e) for a in articles for e in extract(a, resources, config)]
    return sorted(records, key=lambda r: (r["article_id"], r["event_id"]))


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two worker processes of one thread, as `rasd batch --workers 2` starts."""
    with batch.local_cluster(2) as local:
        yield local


@pytest.fixture()
def client(cluster: LocalCluster) -> Iterator[Client]:
    with Client(cluster) as connected:  # type: ignore[no-untyped-call]
        yield connected


def _make_sample(folder: Path, data_dir: Path) -> Path:
    """A folder with 30 corpus articles in plain JSONL and 10 in a .gz file."""
    folder.mkdir()
    _write(folder / "a.jsonl", _corpus_lines(data_dir, 30))
    with gzip.open(folder / "b.jsonl.gz", "wb") as handle:
        handle.writelines(_corpus_lines(data_dir, 10, skip=30))
    return folder


@pytest.fixture()
def sample(tmp_path: Path, data_dir: Path) -> Path:
    return _make_sample(tmp_path / "in", data_dir)


@pytest.fixture(scope="module")
def sample_events(
    tmp_path_factory: pytest.TempPathFactory, data_dir: Path, resources: Resources, config: Config
) -> list[dict[str, Any]]:
    """The events `rasd extract` finds in the sample, extracted once for the module."""
    folder = _make_sample(tmp_path_factory.mktemp("sample") / "in", data_dir)
    return _expected([folder / "a.jsonl", folder / "b.jsonl.gz"], resources, config)


# ----------------------------------------------------------------------------- planning


@pytest.mark.parametrize("size", [1, 4096, SMALL, 10**9])
def test_batch_split_jsonl_ranges_cover_the_file_at_line_starts(
    tmp_path: Path, data_dir: Path, size: int
) -> None:
    path = _write(tmp_path / "a.jsonl", _corpus_lines(data_dir, 30))
    raw = path.read_bytes()
    parts = batch.split_jsonl(path, size)
    assert parts[0].start == 0 and parts[-1].end == len(raw)
    for before, after in pairwise(parts):
        assert before.end == after.start and raw[after.start - 1 : after.start] == b"\n"
    for part in parts:
        assert part.first_line == raw[: part.start].count(b"\n") + 1
    assert len({p.id for p in parts}) == len(parts)


def test_batch_partition_ids_change_only_when_the_input_changes(
    tmp_path: Path, data_dir: Path
) -> None:
    path = _write(tmp_path / "a.jsonl", _corpus_lines(data_dir, 10))
    first = [p.id for p in batch.split_jsonl(path, SMALL)]
    assert [p.id for p in batch.split_jsonl(path, SMALL)] == first
    _write(path, _corpus_lines(data_dir, 11))
    assert not set(first) & {p.id for p in batch.split_jsonl(path, SMALL)}


def test_batch_split_gz_chunks_read_back_as_the_original(tmp_path: Path, sample: Path) -> None:
    source = sample / "b.jsonl.gz"
    chunks, problem = batch.split_gz(source, SMALL, tmp_path / "chunks")
    assert problem is None and len(chunks) > 1
    assert all(c.source == str(source) and c.kind == "gz" for c in chunks)
    read = [item for chunk in chunks for item in batch.read_partition(chunk)]
    assert read == list(read_articles([str(source)]))


def test_batch_corrupt_gz_keeps_the_chunks_before_the_damage(tmp_path: Path, sample: Path) -> None:
    whole = (sample / "b.jsonl.gz").read_bytes()
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(whole[: len(whole) * 2 // 3])
    plan = batch.plan_partitions([str(broken)], partition_bytes=SMALL, work=tmp_path / "work")
    assert plan.partitions and len(plan.problems) == 1
    assert "corrupt gzip" in plan.problems[0].message and plan.problems[0].line > 1


def test_batch_plan_reports_missing_and_empty_inputs(tmp_path: Path, sample: Path) -> None:
    (sample / "empty.jsonl").write_bytes(b"")
    (sample / "notes.md").write_text("not an input", encoding="utf-8")
    plan = batch.plan_partitions(
        [str(sample), str(tmp_path / "nope.jsonl")], partition_bytes=SMALL, work=tmp_path / "w"
    )
    messages = {(Path(p.source).name, p.message, p.fatal) for p in plan.problems}
    assert messages == {
        ("empty.jsonl", "empty file", False),
        ("nope.jsonl", "no such file or folder", True),
    }
    assert {Path(p.source).name for p in plan.partitions} == {"a.jsonl", "b.jsonl.gz"}


@pytest.mark.parametrize(
    ("text", "size"),
    [("8MB", 8 << 20), ("512kb", 512 << 10), ("1.5 GB", 3 << 29), ("4096", 4096)],
)
def test_batch_parse_size(text: str, size: int) -> None:
    assert batch.parse_size(text) == size


# ----------------------------------------------------------------------------- reading


def test_batch_bad_lines_are_reported_with_file_and_line(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "MAX_LINE_BYTES", 4096)
    good = _corpus_lines(data_dir, 6)
    bad = [b"not json\n", b'{"id": "x"}\n', b"[1, 2]\n", b'{"text": "' + b"x" * 9000 + b'"}\n']
    path = _write(tmp_path / "mixed.jsonl", good[:3] + bad + good[3:])
    items = [i for p in batch.split_jsonl(path, 2000) for i in batch.read_partition(p)]
    problems = [(i.line, i.message.split(":")[0]) for i in items if isinstance(i, InputProblem)]
    assert problems == [
        (4, "malformed JSON"),
        (5, "missing or empty 'text'"),
        (6, "a line must be a JSON object"),
        (7, "line longer than 4096 bytes"),
    ]
    assert sum(isinstance(i, Article) for i in items) == 6


def test_batch_binary_partition_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "garbage.jsonl"
    path.write_bytes(bytes(range(256)) * 40)
    (partition,) = batch.split_jsonl(path, 10**9)
    with pytest.raises(batch.PartitionError, match="binary"):
        list(batch.read_partition(partition))


def test_batch_process_partition_writes_part_and_manifest(
    tmp_path: Path, data_dir: Path, resources: Resources, config: Config
) -> None:
    path = _write(tmp_path / "a.jsonl", _corpus_lines(data_dir, 8))
    target = batch.Target(tmp_path / "out")
    (target.state / "_work").mkdir(parents=True)
    (partition,) = batch.split_jsonl(path, 10**9)
    result = batch.process_partition(partition, batch.Job(config, target), resources)
    assert result.status is batch.Status.DONE and result.articles == 8
    assert _events_in(target.state) == _expected([path], resources, config)
    assert batch.done_result(target, partition) == result


# ----------------------------------------------------------------------------- on a cluster


def test_batch_run_reports_a_corrupt_partition_and_resumes(
    client: Client,
    sample: Path,
    tmp_path: Path,
    sample_events: list[dict[str, Any]],
    config: Config,
) -> None:
    (sample / "garbage.jsonl").write_bytes(os.urandom(3000) + b"\0")
    target = batch.Target(tmp_path / "out")
    report = batch.run_batch([str(sample)], target, config, client=client, partition_bytes=SMALL)
    assert not report.ok and len(report.failed) == 1 and "binary" in report.failed[0]
    assert report.done == report.partitions - 1 and report.articles == 40
    assert _events_in(target.state) == sample_events
    assert json.loads((target.state / "_report.json").read_text())["ok"] is False

    redo = sorted((target.state / "_done").glob("*.json"))[1]
    redo.unlink()
    again = batch.run_batch([str(sample)], target, config, client=client)
    assert (again.done, again.skipped, len(again.failed)) == (1, report.done - 1, 1)
    assert again.total_events == report.events and _events_in(target.state) == sample_events


def test_batch_changed_input_moves_old_outputs_to_stale(
    client: Client, tmp_path: Path, data_dir: Path, config: Config
) -> None:
    path = _write(tmp_path / "a.jsonl", _corpus_lines(data_dir, 6))
    target = batch.Target(tmp_path / "out")
    first = batch.run_batch([str(path)], target, config, client=client)
    _write(path, _corpus_lines(data_dir, 7))
    second = batch.run_batch([str(path)], target, config, client=client)
    assert (first.done, second.done, second.stale) == (1, 1, 1)
    assert second.total_articles == 7 and len(list(target.state.glob("part-*"))) == 1


def test_batch_refuses_an_output_written_with_other_settings(
    client: Client, tmp_path: Path, data_dir: Path, config: Config
) -> None:
    path = _write(tmp_path / "a.jsonl", _corpus_lines(data_dir, 2))
    target = batch.Target(tmp_path / "out")
    batch.run_batch([str(path)], target, config, client=client)
    with pytest.raises(batch.BatchError, match="numeric_inter"):
        batch.run_batch([str(path)], target, replace(config, numeric_inter=True), client=client)


def test_batch_command_on_a_running_scheduler(
    cluster: LocalCluster, sample: Path, tmp_path: Path, config: Config
) -> None:
    env = {"RASD_DATA": str(config.data_dir), "RASD_CACHE": str(config.cache_dir)}
    out = tmp_path / "out"
    args = [str(sample), "-o", str(out), "--scheduler", cluster.scheduler_address]
    result = CliRunner().invoke(batch_command, [*args, "--partition-size", "8KB"], env=env)
    assert result.exit_code == 0, result.output
    assert "40 articles" in result.stdout and "[1/" in result.stderr
    assert len(list((out / "_done").glob("*.json"))) == len(list(out.glob("part-*.jsonl")))


def test_batch_command_into_a_store(
    cluster: LocalCluster, sample: Path, tmp_path: Path, config: Config, store_url: str
) -> None:
    """``-o sqlite:///...`` or ``-o postgresql://...``: worker processes write to the store."""
    from rasd.store import open_url

    env = {"RASD_DATA": str(config.data_dir), "RASD_CACHE": str(config.cache_dir)}
    args = [str(sample), "-o", store_url, "--state", str(tmp_path / "state"), "--quiet"]
    args += ["--scheduler", cluster.scheduler_address, "--partition-size", "8KB"]
    first = CliRunner().invoke(batch_command, args, env=env)
    assert first.exit_code == 0, first.output
    assert "this run: 40 articles" in first.stdout
    store = open_url(store_url)
    try:
        assert store.counts()["articles"] == 40 and store.counts()["events"] > 0
        assert store.check() == []
    finally:
        store.close()
    again = CliRunner().invoke(batch_command, args, env=env)
    assert again.exit_code == 0, again.output
    assert " 0 done" in again.stdout and "this run: 0 articles" in again.stdout


def test_batch_command_parquet(
    cluster: LocalCluster, tmp_path: Path, data_dir: Path, config: Config
) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    path = _write(tmp_path / "a.jsonl", _corpus_lines(data_dir, 10))
    env = {"RASD_DATA": str(config.data_dir), "RASD_CACHE": str(config.cache_dir)}
    args = [str(path), "-o", str(tmp_path / "out"), "--format", "parquet", "--quiet"]
    result = CliRunner().invoke(
        batch_command, [*args, "--scheduler", cluster.scheduler_address], env=env
    )
    assert result.exit_code == 0, result.output
    (part,) = (tmp_path / "out").glob("part-*.parquet")
    table = parquet.read_table(part)
    assert table.num_rows > 0 and table.column("evidence").to_pylist()[0]


def test_batch_command_exit_status_and_clear_errors(tmp_path: Path, sample: Path) -> None:
    runner = CliRunner()
    bad_size = runner.invoke(batch_command, [str(sample), "-o", "out", "--partition-size", "x"])
    assert bad_size.exit_code == 2 and "8MB" in bad_size.output
    no_state = runner.invoke(batch_command, [str(sample), "-o", f"sqlite:///{tmp_path}/s.db"])
    assert no_state.exit_code == 1 and "--state" in no_state.output
    assert "Traceback" not in no_state.output


def test_batch_worker_killed_mid_run_is_retried(
    client: Client,
    sample: Path,
    tmp_path: Path,
    sample_events: list[dict[str, Any]],
    config: Config,
) -> None:
    target = batch.Target(tmp_path / "out")
    with ThreadPoolExecutor(1) as pool:
        running = pool.submit(
            batch.run_batch, [str(sample)], target, config, client=client, partition_bytes=SMALL
        )
        killed = _kill_a_writing_worker(target.state / "_work", timeout=60)
        report = running.result(timeout=120)
    assert killed, "no worker was caught writing"
    assert report.ok and report.done == report.partitions and report.articles == 40
    assert _events_in(target.state) == sample_events
    assert not list((target.state / "_work").glob("*.tmp-*"))


def _kill_a_writing_worker(work: Path, timeout: float) -> int:
    """SIGKILL the worker process that is writing a part file (its pid ends the temp name)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for temporary in work.glob("part-*.tmp-*"):
            pid = int(temporary.name.rsplit("-", 1)[1])
            os.kill(pid, signal.SIGKILL)
            return pid
        time.sleep(0.005)
    return 0


# ----------------------------------------------------------------------------- to a store


@pytest.fixture()
def thread_client() -> Iterator[Client]:
    """One in-process worker, so that a test can make its store fail."""
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as local,
        Client(local) as connected,  # type: ignore[no-untyped-call]
    ):
        yield connected


def test_batch_store_failure_is_reported_and_resumed(
    thread_client: Client,
    data_dir: Path,
    tmp_path: Path,
    store_url: str,
    config: Config,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rasd.store import open_url
    from rasd.store.sql import SqlStore

    path = _write(tmp_path / "a.jsonl", _corpus_lines(data_dir, 12))
    url = store_url
    target = batch.parse_target(url, state=tmp_path / "state")
    saved = SqlStore.save_extraction
    calls = {"n": 0}

    def flaky(self: SqlStore, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] > 5:
            raise StoreError("the database went away")
        return saved(self, *args, **kwargs)

    monkeypatch.setattr(SqlStore, "save_extraction", flaky)
    first = batch.run_batch(
        [str(path)], target, config, client=thread_client, partition_bytes=SMALL
    )
    assert not first.ok and all("went away" in line for line in first.failed)
    assert first.done >= 1
    monkeypatch.setattr(SqlStore, "save_extraction", saved)
    second = batch.run_batch([str(path)], target, config, client=thread_client)
    assert second.ok and second.skipped == first.done
    store = open_url(url)
    try:
        assert store.counts()["articles"] == 12
    finally:
        store.close()
