"""``rasd batch``: extraction over large inputs on a Dask cluster (see :mod:`rasd.batch`).

A plain :class:`click.Command`, registered on the main group with ``cli.add_command(batch)``.
Dask is an optional extra (``rasd[batch]``), so :mod:`rasd.batch` is imported only when the
command runs and ``rasd --help`` works without it.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rasd.config import Config, load_config
from rasd.errors import RasdError

if TYPE_CHECKING:
    from rasd.batch import BatchReport, PartitionResult


def _progress(result: PartitionResult, report: BatchReport) -> None:
    """One line on stderr per finished partition, with the run's rate so far."""
    finished = report.done + report.skipped + len(report.failed)
    head = f"rasd: [{finished}/{report.partitions}] {result.status} {result.partition}"
    if result.reason:
        click.echo(f"{head}: {result.reason}", err=True)
        return
    click.echo(
        f"{head}: {result.articles} articles, {result.events} events in {result.seconds:.1f} s "
        f"({result.worker}); run total {report.articles} articles",
        err=True,
    )


def _dask_log_level() -> None:
    """Dask's own INFO lines only with ``rasd -v``: they follow the level the group set."""
    level = logging.getLogger().getEffectiveLevel()
    logging.getLogger("distributed").setLevel(max(level, logging.INFO))


def _config(config_file: Path | None, numeric_inter: bool) -> Config:
    try:
        return load_config(config_file, numeric_inter=numeric_inter or None)
    except RasdError as exc:
        raise click.ClickException(str(exc)) from exc


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    required=True,
    help="Folder for the part files, or a store URL (sqlite:///PATH, needs --state).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "parquet"]),
    default="jsonl",
    show_default=True,
    help="Part file format (parquet needs the rasd[parquet] extra).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="the number of CPUs",
    help="Worker processes of the local cluster (ignored with --scheduler).",
)
@click.option("--scheduler", metavar="ADDRESS", help="A running Dask scheduler, tcp://HOST:8786.")
@click.option(
    "--partition-size",
    metavar="SIZE",
    help="Input per task, e.g. 8MB (default 8MB, or the size OUT was started with).",
)
@click.option(
    "--state",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for manifests and report when -o is a store URL.",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="How often a partition whose task raised is run again.",
)
@click.option("--numeric-inter", is_flag=True, help="Actor types as ACLED's numeric codes.")
@click.option("--quiet", is_flag=True, help="No progress lines, only the final report.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="TOML file of settings (see rasd.config.Config).",
)
def batch(
    inputs: tuple[str, ...],
    output: str,
    fmt: str,
    workers: int,
    scheduler: str | None,
    partition_size: str | None,
    state: Path | None,
    retries: int,
    numeric_inter: bool,
    quiet: bool,
    config_file: Path | None,
) -> None:
    """Extract events from large JSONL (or .jsonl.gz, .txt, folders) on a Dask cluster.

    Inputs are cut into partitions (plain JSONL by byte ranges, .gz files into chunk files
    under OUT/_work), processed in parallel and streamed, never loaded whole. Each partition
    writes OUT/part-<id>.jsonl and a manifest in OUT/_done/; run the same command again after
    a crash and only unfinished partitions are redone. Progress goes to stderr, the report to
    stdout and OUT/_report.json; the exit status is 1 when a partition failed.

    By default a local cluster of --workers processes is started. With --scheduler the run
    uses an existing cluster: every worker needs rasd installed and the reference data and
    gazetteer cache at the paths this command resolves (RASD_DATA, RASD_CACHE), and the inputs
    and OUT on a file system all machines share.

    Example:

    \b
        rasd batch big.jsonl folder/ -o out --workers 2
        rasd batch corpus.jsonl.gz -o out --format parquet --partition-size 4MB
        rasd batch big.jsonl -o out --scheduler tcp://10.0.0.5:8786
        rasd batch big.jsonl -o sqlite:///rasd.sqlite --state out-state
    """
    try:
        from rasd import batch as batch_lib
    except ImportError as exc:
        raise click.ClickException(
            f"rasd batch needs Dask ({exc}): pip install 'rasd[batch]'"
        ) from exc
    config = _config(config_file, numeric_inter)
    _dask_log_level()
    try:
        size = batch_lib.parse_size(partition_size) if partition_size else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--partition-size") from exc
    try:
        target = batch_lib.parse_target(output, fmt=fmt, state=state)
        with batch_lib.dask_client(scheduler, workers) as client:
            report = batch_lib.run_batch(
                inputs,
                target,
                config,
                client=client,
                partition_bytes=size,
                retries=retries,
                progress=None if quiet else _progress,
            )
    except RasdError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)
