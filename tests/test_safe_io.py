"""Files a pull request can add (links, FIFOs, huge or broken baselines and configs)
never cost a file, hang a run or show a traceback; every command writes the same way."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import threading
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, orgcheck_command

MODEL = (EXAMPLES / "healthy.org.json").read_text(encoding="utf-8")
SURROGATE_CSV = "id,name,reports_to\nx,Y\udfff,\n"

# Every command that writes a file, as (arguments before the target, arguments after).
WRITERS = {
    "lint --output": (["lint", "--format", "json", "--exit-zero", "--output"], ["org.json"]),
    "lint --write-baseline": (["lint", "--write-baseline"], ["org.json"]),
    "report -o": (["report", "org.json", "-o"], []),
    "graph -o": (["graph", "org.json", "-o"], []),
    "stats -o": (["stats", "org.json", "-o"], []),
    "diff -o": (["diff", "org.json", "org.json", "-o"], []),
    "import -o": (["import", "csv", "people.csv", "-o"], []),
    "import --into": (["import", "csv", "people.csv", "--into"], []),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "org.json").write_text(MODEL, encoding="utf-8")
    (tmp_path / "people.csv").write_text("id,name,reports_to\nann,Ann,\nbob,Bob,ann\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_symlink_at_the_target_is_replaced_never_written_through(run, folder, command):
    before, after = WRITERS[command]
    victim = folder / "victim.txt"
    victim.write_text("keep me\n")
    target = "into.json" if command == "import --into" else "out.txt"
    if command == "import --into":
        # --into reads the model it adds to: the link points at a valid one, kept as it was.
        victim.write_text(MODEL, encoding="utf-8")
    os.symlink("victim.txt", folder / target)
    result = run(*before, target, *after)
    assert result.code in (0, 1), result.err
    assert "Traceback" not in result.err
    assert not (folder / target).is_symlink()
    assert victim.read_text(encoding="utf-8") == (MODEL if command == "import --into" else "keep me\n")
    assert (folder / target).stat().st_size > 0


def _small_files() -> None:
    # Writing past 100 bytes fails with EFBIG (Python ignores SIGXFSZ): a full disk, as
    # far as the writer can tell, and it works for root, whom permissions do not stop.
    resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_failed_write_leaves_the_old_file_whole(folder, command):
    before, after = WRITERS[command]
    (folder / "org.json").write_text((EXAMPLES / "command-and-control.org.json").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    target = folder / "out.json"
    target.write_text(MODEL, encoding="utf-8")
    result = subprocess.run([*orgcheck_command(), *before, "out.json", *after], cwd=folder, capture_output=True,
                            preexec_fn=_small_files, env={**os.environ, "NO_COLOR": "1"})
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert err == "orgcheck: error: cannot write out.json: File too large\n"
    assert target.read_text(encoding="utf-8") == MODEL
    assert sorted(os.listdir(folder)) == ["org.json", "out.json", "people.csv"]


def test_a_lone_surrogate_in_a_name_loses_no_file(run, folder):
    (folder / "p.csv").write_text(SURROGATE_CSV, encoding="utf-8", errors="surrogatepass")
    (folder / "into.json").write_text(MODEL, encoding="utf-8")
    result = run("import", "csv", "p.csv", "--into", "into.json")
    assert "Traceback" not in result.err
    assert result.code in (0, 1, 2)
    written = json.loads((folder / "into.json").read_text(encoding="utf-8"))
    assert len(written["people"]) >= len(json.loads(MODEL)["people"])


def test_a_fifo_is_streamed_to_and_stays_a_fifo(run, folder):
    os.mkfifo(folder / "pipe")
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append((folder / "pipe").read_bytes()))
    reader.start()
    result = run("stats", "org.json", "-o", "pipe", timeout=30)
    reader.join(30)
    assert result.code == 0, result.err
    assert got and got[0].startswith(b"org.json: Roosterwijs")
    assert (folder / "pipe").is_fifo()


def test_a_fifo_nobody_reads_is_one_line_not_a_hang(run, folder):
    os.mkfifo(folder / "pipe")
    result = run("graph", "org.json", "-o", "pipe", timeout=30)
    assert (result.code, result.err) == (2, "orgcheck: error: cannot write pipe: it is a FIFO that no process reads\n")
    assert (folder / "pipe").is_fifo()


def test_dev_null_and_dev_stdout_are_streamed_to(run, folder):
    assert run("stats", "org.json", "-o", "/dev/null").code == 0
    assert Path("/dev/null").is_char_device()
    result = run("stats", "org.json", "-o", "/dev/stdout")
    assert result.code == 0 and result.out.startswith("org.json: Roosterwijs")
    result = run("import", "csv", "people.csv", "-o", "-")
    assert result.code == 0 and json.loads(result.out)["people"][0]["id"] == "ann"


def test_concurrent_baseline_writers_and_readers_see_whole_files(folder):
    first = subprocess.run([*orgcheck_command(), "lint", "--write-baseline", "b.json", "org.json"],
                           cwd=folder, capture_output=True)
    assert first.returncode == 0
    procs = [subprocess.Popen([*orgcheck_command(), "lint", "--write-baseline", "b.json", "org.json"],
                              cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(6)]
    seen = 0
    while any(p.poll() is None for p in procs):
        json.loads((folder / "b.json").read_text(encoding="utf-8"))  # never half a file
        seen += 1
    assert [p.wait() for p in procs] == [0] * 6
    assert json.loads((folder / "b.json").read_text(encoding="utf-8"))["tool"] == "orgcheck"
    assert not [p for p in os.listdir(folder) if p.endswith(".tmp")]


@pytest.mark.parametrize("content, expected", [
    ('{"version": 1, "entries": [{"file": "org.json", "rule": "OC101", "entity": "x", "count": 1e400}]}',
     "has count inf; a count is a whole number"),
    ('{"version": 1, "entries": [{"file": "org.json", "rule": "OC101", "entity": "x", "count": 1e300}]}',
     "has count 1e+300; a count is a whole number"),
    ('{"version": 1, "entries": [{"file": "org.json", "rule": "OC101", "entity": "x", "count": NaN}]}',
     "not a readable baseline file: NaN is not a count"),
    ('{"version": 1, "entries": [{"file": "org.json", "rule": "OC101", "entity": "x", "count": 99999999999}]}',
     "has count 99999999999"),
    ('{"version": 1, "entries": [{"file": "org.json", "rule": "OC101", "entity": "x", "count": -3}]}',
     "has count -3"),
    ("[" * 100_000 + "]" * 100_000, "not a readable baseline file: nested too deep"),
    (b'{"version": 1, "entries": [{"file": "\xff"}]}', "not a readable baseline file"),
    ('{"entries": [["a"]]}', "not a baseline file written by orgcheck"),
])
def test_broken_baselines_are_one_line_and_exit_2(run, folder, content, expected):
    path = folder / "b.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = run("lint", "--baseline", "b.json", "org.json")
    assert result.code == 2
    assert result.err.count("\n") == 1 and expected in result.err, result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_config_baseline_that_is_no_regular_file_neither_hangs_nor_eats_memory(run, folder, special):
    if special == "fifo":
        os.mkfifo(folder / "fifo")
        special = str(folder / "fifo")
    os.symlink(special, folder / "x.json")
    (folder / "orgcheck.toml").write_text('baseline = "x.json"\n')
    result = run("lint", "org.json", timeout=30)
    assert result.code == 2
    assert "x.json: cannot read baseline:" in result.err and "not a regular file" in result.err
    assert result.err.count("\n") == 1


def test_an_oversized_baseline_is_one_line(run, folder):
    with open(folder / "b.json", "wb") as fh:
        fh.truncate(65 * 1024 * 1024)  # sparse: costs no disk
    result = run("lint", "--baseline", "b.json", "org.json")
    assert (result.code, result.err) == (2, "orgcheck: error: b.json: baseline is larger than 64 MB (65 MB)\n")


@pytest.mark.parametrize("content, expected", [
    (b'select = ["OC1\xff"]\n', "orgcheck.toml: invalid TOML: line 1: byte 0xff is not UTF-8"),
    (b"x = " + b"[" * 50_000 + b"]" * 50_000 + b"\n", "orgcheck.toml: invalid TOML"),
])
def test_a_broken_config_is_one_line(run, folder, content, expected):
    (folder / "orgcheck.toml").write_bytes(content)
    for args in (["lint", "org.json"], ["stats", "org.json"], ["rules"]):
        result = run(*args)
        assert result.code == 2 and result.err.startswith(f"orgcheck: error: {expected}"), result.err
        assert result.err.count("\n") == 1


def test_a_folder_walk_skips_fifos_with_a_note(run, folder):
    records = folder / "team"
    records.mkdir()
    (records / "ann.yaml").write_text("name: Ann\n")
    os.mkfifo(records / "bob.yaml")
    os.symlink("/dev/zero", records / "zed.yaml")
    result = run("import", "yaml", "team", timeout=30)
    assert result.code == 0, result.err
    assert [p["id"] for p in json.loads(result.out)["people"]] == ["ann"]
    assert "bob.yaml: skipped: a FIFO, not a regular file" in result.err
    assert "zed.yaml: skipped: a link to a file outside the checkout" in result.err


CRASHING_PLUGIN = '''
import orgcheck.views.stats as stats

def render_text(figures):
    raise RuntimeError("boom \\x1b[31m red")

stats.render_text = render_text
'''


def test_an_unexpected_error_is_one_line_exit_2_and_debug_shows_the_traceback(run, folder):
    (folder / "crash.py").write_text(CRASHING_PLUGIN)
    (folder / "orgcheck.toml").write_text('plugins = ["crash.py"]\n')
    result = run("stats", "org.json")
    assert result.code == 2
    assert result.err == ("orgcheck: error: stats failed: RuntimeError: boom \\x1b[31m red "
                          "(run with --debug for the traceback)\n")
    result = run("--debug", "stats", "org.json")
    assert result.code == 2 and "Traceback (most recent call last)" in result.err
    result = run("stats", "org.json", env={"ORGCHECK_DEBUG": "1"})
    assert result.code == 2 and "Traceback (most recent call last)" in result.err


@pytest.mark.parametrize("args", [["stats", "org.json"], ["diff", "org.json", "org.json"],
                                  ["graph", "org.json"], ["lint", "org.json"], ["explain", "OC101"]])
def test_a_narrow_output_encoding_does_not_crash(run, folder, args):
    result = run(*args, env={"PYTHONIOENCODING": "cp1252"})
    assert result.code in (0, 1), result.err
    assert "Traceback" not in result.err


def test_no_temporary_file_is_left_behind(folder):
    subprocess.run([*orgcheck_command(), "report", "org.json", "-o", "r.html"], cwd=folder, check=True,
                   capture_output=True)
    assert sorted(os.listdir(folder)) == ["org.json", "people.csv", "r.html"]
