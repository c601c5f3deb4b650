"""Many organisations in one pass (paritas.batch, docs/batch.md): the partitioned table holds exactly the
figures of the single commands (``paritas analyze --format json`` and ``paritas paygap --format json`` run
on each file), computed in a spawned pool or on a local Dask cluster of two workers; refused files are
named with their problem report and the others still written."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest

from paritas import batch, cli
from paritas.analytics import synthetic


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> list[Path]:
    """Three organisations in three formats and two years; the generator is seeded."""
    folder = tmp_path_factory.mktemp("exports")
    files = []
    for name, n, seed, style, fmt, year in (("herne", 700, 1, "de", "csv", 2024), ("falun", 450, 2, "sv", "xlsx", 2025),
                                            ("bochum", 320, 3, "de", "parquet", 2025)):
        frame = synthetic.generate(n, seed=seed, style=style, reference_date=date(year, 12, 31))
        files.append(synthetic.write(frame, folder / f"{name}.{fmt}", fmt, style))
    return files


def _single_run(path: Path, tmp_path: Path) -> list[tuple[str, float | None, str | None]]:
    """The figures of the two single commands on one file, flattened as the batch flattens them."""
    rows = []
    for command, prefix in (("analyze", "structure"), ("paygap", "paygap")):
        out = tmp_path / f"{path.stem}-{command}.json"
        assert cli.main([command, str(path), "--format", "json", "--out", str(out)]) == 0
        rows += batch.flatten(json.loads(out.read_text(encoding="utf-8")), prefix)
    return rows


def _same(a: list, b: list) -> bool:
    """Equal as sets of (figure, value, text), NaN equal to NaN, values to the last bit otherwise."""
    def key(row):
        figure, value, text = row
        return figure, "nan" if value is not None and math.isnan(value) else value, text

    return sorted(map(key, a), key=repr) == sorted(map(key, b), key=repr)


def test_the_table_holds_exactly_the_single_commands_figures(exports, tmp_path):
    out = tmp_path / "table"
    assert cli.main(["analyze", *map(str, exports), "--format", "parquet", "--out", str(out), "--jobs", "2"]) == 0
    frame = batch.read_partitioned(out)
    years = {row["organisation"]: row["year"] for row in frame.select("organisation", "year").unique().to_dicts()}
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.parquet")) == sorted(
        f"organisation={org}/year={year}/part-0.parquet" for org, year in years.items())
    assert sorted(years) == ["bochum", "falun", "herne"]
    assert frame.columns == list(batch.COLUMNS)
    for path in exports:
        mine = frame.filter(organisation=path.stem)
        (reference,) = mine["reference_date"].unique().to_list()
        assert set(mine["source"]) == {path.name} and reference.year == years[path.stem]
        rows = list(zip(mine["figure"], mine["value"], mine["text"], strict=True))
        single = _single_run(path, tmp_path)
        assert len(rows) == len(single) > 500
        assert _same(rows, single), path.name
    # A figure read back is the number the JSON says, e.g. the EU mean gap and the headcount.
    herne = json.loads((tmp_path / "herne-paygap.json").read_text(encoding="utf-8"))
    got = frame.filter(organisation="herne", figure="paygap.eu.mean_gap")["value"].to_list()
    assert got == [herne["eu"]["mean_gap"]]


def test_a_pool_of_spawned_processes_and_one_process_agree(exports):
    options = batch.BatchOptions()
    paths = [str(p) for p in exports]
    pooled = batch.table(batch.run_local(paths, options, jobs=3))
    alone = batch.table(batch.run_local(paths, options, jobs=1))
    assert pooled.equals(alone)


def test_a_refused_file_is_named_with_its_report_and_the_others_are_written(exports, tmp_path, capsys):
    broken = tmp_path / "kaputt.csv"
    broken.write_text("x;y\n1;2\n", encoding="utf-8")
    out = tmp_path / "table"
    assert cli.main(["analyze", str(exports[0]), str(broken), "--format", "parquet", "--out", str(out),
                     "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "kaputt.csv" in err and "gender" in err and "1 of 2 files" in err
    assert set(batch.read_partitioned(out)["organisation"]) == {"herne"}


def test_usage_errors_answer_with_exit_2_and_write_nothing(exports, tmp_path, capsys):
    out = tmp_path / "table"
    assert cli.main(["analyze", str(exports[0]), str(exports[1])]) == 2
    assert "--format parquet" in capsys.readouterr().err
    assert cli.main(["analyze", str(exports[0]), "--format", "parquet"]) == 2
    assert "--out" in capsys.readouterr().err
    out.mkdir()
    (out / "old.txt").write_text("keep me", encoding="utf-8")
    assert cli.main(["analyze", str(exports[0]), "--format", "parquet", "--out", str(out)]) == 2
    assert "not empty" in capsys.readouterr().err and (out / "old.txt").read_text(encoding="utf-8") == "keep me"
    twin = tmp_path / "Herne.csv"
    twin.write_bytes(exports[0].read_bytes())
    assert cli.main(["analyze", str(exports[0]), str(twin), "--format", "parquet", "--out",
                     str(tmp_path / "new")]) == 2
    assert "both stand for “herne”" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


def test_organisation_ids_are_directory_names_on_every_system():
    assert batch.organisation_id(Path("/x/Stadt Herne 2024.csv")) == "stadt-herne-2024"
    assert batch.organisation_id(Path("Falu kommun (Lön).xlsx")) == "falu-kommun-l-n"
    assert batch.organisation_id(Path("../..csv")) == "organisation"


def test_the_same_run_on_a_local_dask_cluster_of_two_workers(exports):
    distributed = pytest.importorskip("distributed", reason="the cluster extra: pip install 'paritas[cluster]'")
    paths = [str(p) for p in exports]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        on_cluster = batch.table(batch.run_dask(paths, batch.BatchOptions(), client))
    assert on_cluster.equals(batch.table(batch.run_local(paths, batch.BatchOptions(), jobs=1)))
