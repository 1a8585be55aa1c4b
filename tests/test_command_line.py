"""The command line a user expects, and its faults handled: standard input, --version, the format
from -o's extension, -j 0, suggestions for typos, a closed or full standard output, an output that
is the input, stale temporaries, bounded reads, Ctrl-C in a batch."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import extract
from extract.cli import main
from helpers import HQIP, SAMPLES

SMALL = SAMPLES / "dh-safer-maternity-care-2016.txt"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "extract", *args], capture_output=True, env=ENV, **kwargs)  # type: ignore[call-overload, no-any-return]


def test_a_dash_reads_standard_input() -> None:
    result = run("-q", "-", input=SMALL.read_bytes())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"]["file"] == "<stdin>"
    assert json.loads(result.stdout)["tables"] == json.loads(run("-q", str(SMALL)).stdout)["tables"]


def test_standard_input_is_read_only_up_to_the_limit() -> None:
    result = run("--max-bytes", "1000", "-", input=b"x" * 5000)
    assert (result.returncode, result.stdout) == (1, b"")
    assert result.stderr.decode() == "<stdin>: the input is more than 1,000 bytes, over the limit of 1,000 (--max-bytes raises it)\n"


def test_an_endless_device_is_refused_after_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--max-bytes", "1000", "/dev/zero"]) == 1
    assert capsys.readouterr().err == "/dev/zero: the input is more than 1,000 bytes, over the limit of 1,000 (--max-bytes raises it)\n"


def test_a_pipe_is_read_only_up_to_the_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen([sys.executable, "-c", f"import sys\nwith open({str(fifo)!r}, 'wb') as f:\n"
                               "    try:\n        f.write(b'x' * 50_000_000)\n    except BrokenPipeError: pass"])
    try:
        assert main(["--max-bytes", "1000", str(fifo)]) == 1
    finally:
        writer.wait(timeout=30)
    assert "over the limit of 1,000" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"report-extract {extract.__version__}\n"
    assert extract.__version__[0].isdigit()


@pytest.mark.parametrize(("name", "starts"), [("out.csv", "\ufefffile,sha256,responder,"), ("out.md", "# "), ("out.jsonl", '{"file":'),
                                              ("out.commitments.csv", "\ufefffile,sha256,responder,"), ("out.HTML", "<!DOCTYPE html>")])
def test_the_format_comes_from_the_output_extension(tmp_path: Path, name: str, starts: str) -> None:
    assert main(["-q", str(SMALL), "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(starts)


def test_an_unknown_output_extension_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["-q", str(SMALL), "-o", str(tmp_path / "out.xyz")])
    assert exited.value.code == 2
    assert "cannot tell the format from -o" in capsys.readouterr().err
    assert not (tmp_path / "out.xyz").exists()
    assert main(["-q", "--format", "json", str(SMALL), "-o", str(tmp_path / "out.xyz")]) == 0  # unless it is given


def test_an_output_with_a_trailing_slash_is_a_folder(tmp_path: Path) -> None:
    assert main(["-q", str(SMALL), "-o", f"{tmp_path / 'new'}/"]) == 0
    assert [p.name for p in (tmp_path / "new").iterdir()] == [f"{SMALL.stem}.json"]


def test_jobs_zero_is_every_core_and_negative_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-q", "-j", "0", str(SMALL), str(HQIP), "-o", str(tmp_path)]) == 0
    with pytest.raises(SystemExit) as exited:
        main(["-j", "-1", str(SMALL)])
    assert exited.value.code == 2
    assert "must be 0 (every core) or more, got -1" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "hint"), [(["--fromat", "csv"], "did you mean --format?"),
                                            (["--format", "jsn"], "did you mean json?"),
                                            (["--max-bites=5"], "did you mean --max-bytes?")])
def test_a_typo_suggests_the_nearest_option_or_value(args: list[str], hint: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*args, str(SMALL)])
    assert exited.value.code == 2
    assert hint in capsys.readouterr().err


def test_a_closed_standard_output_ends_quietly() -> None:
    inputs = [str(SMALL), str(SAMPLES / "nhs-workforce-burnout-2021.txt"), str(HQIP)]
    process = subprocess.Popen([sys.executable, "-m", "extract", "-q", "-j", "1", *inputs, "-o", "-"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(1)
    process.stdout.close()
    assert process.wait(timeout=60) == 141
    assert process.stderr.read() == b""
    process.stderr.close()


def test_a_full_standard_output_is_one_line(tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run([sys.executable, "-m", "extract", "-q", str(HQIP)], stdout=full,
                                stderr=subprocess.PIPE, env=ENV)
    assert result.returncode == 1
    assert result.stderr.decode() == "<stdout>: cannot write the output: No space left on device\n"


def test_several_inputs_into_a_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "out"
    existing.write_text("keep")
    with pytest.raises(SystemExit) as exited:
        main(["-q", str(SMALL), str(HQIP), "-o", str(existing)])
    assert exited.value.code == 2
    assert f"-o {existing} is a file: several inputs need a folder" in capsys.readouterr().err
    assert existing.read_text() == "keep"


def test_several_inputs_into_one_json_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["-q", str(SMALL), str(HQIP), "-o", str(tmp_path / "all.json")])
    assert exited.value.code == 2
    assert "several inputs go into one file only as .jsonl, .csv, .commitments.csv, .xlsx" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_output_folder_that_cannot_be_made_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["-q", str(SMALL), str(HQIP), "-o", str(blocker / "sub")]) == 1
    err = capsys.readouterr().err
    assert err == f"{blocker / 'sub'}: cannot make the output folder: Not a directory\n"


@pytest.mark.parametrize("spelling", ["same", "dotted"])
def test_an_output_that_is_the_input_is_refused(tmp_path: Path, spelling: str, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "report.txt"
    source.write_bytes(SMALL.read_bytes())
    target = str(source) if spelling == "same" else str(tmp_path / "." / "report.txt")
    with pytest.raises(SystemExit) as exited:
        main(["-q", "--format", "json", str(source), "-o", target])
    assert exited.value.code == 2
    assert "is the input" in capsys.readouterr().err
    assert source.read_bytes() == SMALL.read_bytes()


def test_stale_temporaries_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    stale = tmp_path / f".out.json.{2**22 + 1}.abc123.tmp"  # over Linux's largest process id: no such process
    live = tmp_path / f".out.json.{os.getppid()}.abc123.tmp"  # a running process's: maybe still writing
    other = tmp_path / f".other.json.{2**22 + 1}.abc123.tmp"  # another output's: not ours to judge
    for path in (stale, live, other):
        path.write_bytes(b"x" * 100)
    assert main(["-q", str(SMALL), "-o", str(target)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, live.name, other.name])


def test_ctrl_c_in_a_parallel_batch_stops_at_once_and_keeps_what_is_done(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(300):
        (folder / f"r{number:03}.txt").write_bytes(HQIP.read_bytes())
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "extract", "-q", "-j", "2", str(folder), "-o", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < 5:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
    interrupted = time.monotonic()
    _, stderr = process.communicate(timeout=30)
    assert time.monotonic() - interrupted < 5
    assert process.returncode == 130, stderr
    written = sorted(out.iterdir())
    assert 5 <= len(written) < 300
    assert all(path.suffix == ".json" for path in written), "a temporary was left"
    golden = json.loads(HQIP.with_suffix(".json").read_text(encoding="utf-8"))["tables"]
    assert all(json.loads(path.read_text(encoding="utf-8"))["tables"] == golden for path in written)
    lines = stderr.decode().splitlines()
    assert lines == [f"interrupted: {len(written)} of 300 inputs done, their outputs written"], stderr


def test_batch_progress_keeps_warnings_on_lines_of_their_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["-j", "1", str(HQIP), str(SMALL), "-o", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    expected = [line for path in (HQIP, SMALL) for line in run(str(path)).stderr.decode().splitlines()]
    shown = [line.split("\r\x1b[K")[-1] for line in err.split("\n")]
    assert [line for line in shown if ": warning: " in line] == expected
    assert all(": warning: " not in line or line.startswith(str(SAMPLES)) for line in shown)
    assert shown[-2:] == [f"done: 2 of 2 inputs written, {len(expected)} warnings, 0 failed", ""]


def test_another_package_named_schema_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "schema.py").write_text("class Schema:\n    pass\n")  # as PyPI's "schema" installs
    env = {**ENV, "PYTHONPATH": str(tmp_path)}
    command = subprocess.run([sys.executable, "-m", "extract", str(SMALL)], capture_output=True, text=True, env=env)
    assert command.returncode == 1 and command.stdout == ""
    assert command.stderr == (f"report-extract: report-extract's package 'schema' is replaced by another one at "
                              f"{tmp_path / 'schema.py'} (PyPI's 'schema' installs the same top-level name): install "
                              "report-extract in a virtual environment of its own\n")
    library = subprocess.run([sys.executable, "-c", "import extract"], capture_output=True, text=True, env=env)
    assert library.returncode == 1
    assert library.stderr.splitlines()[-1].startswith("ImportError: report-extract's package 'schema' is replaced")


def test_an_output_that_is_a_fifo_is_written_into(tmp_path: Path) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert main(["-q", str(SMALL), "-o", str(fifo)]) == 0
    reader.join(timeout=30)
    assert fifo.is_fifo()
    assert json.loads(received[0])["source"]["file"] == SMALL.name


def test_an_output_that_is_a_symbolic_link_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    real, link = tmp_path / "real.json", tmp_path / "link.json"
    real.write_text("old")
    link.symlink_to(real)
    assert main(["-q", str(SMALL), "-o", str(link)]) == 0
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["source"]["file"] == SMALL.name


def test_a_batch_output_that_would_overwrite_another_input_is_refused(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "q.txt").write_bytes(SMALL.read_bytes())
    other = tmp_path / "q.commitments.csv"
    other.write_text("keep")
    with pytest.raises(SystemExit) as exited:
        main(["-q", "-f", "commitments", str(tmp_path / "q.txt"), str(other), "-o", f"{tmp_path}/"])
    assert exited.value.code == 2
    assert f"is the input {other}" in capsys.readouterr().err
    assert other.read_text() == "keep"


def test_odd_leftovers_beside_the_output_are_no_error(tmp_path: Path) -> None:
    (tmp_path / f".out.json.{'9' * 20}.x.tmp").write_text("huge id")
    (tmp_path / ".out.json.999998.dir.tmp").mkdir()
    assert main(["-q", str(SMALL), "-o", str(tmp_path / "out.json")]) == 0


def test_version_to_a_full_output_is_one_line() -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run([sys.executable, "-m", "extract", "--version"], stdout=full, stderr=subprocess.PIPE,
                                env=ENV, text=True)
    assert (result.returncode, result.stderr) == (1, "<stdout>: cannot write the output: No space left on device\n")


@pytest.mark.parametrize(("option", "value"), [("--timeout", "nan"), ("--timeout", "inf"), ("--timeout", "1e300"),
                                               ("--timeout", "-1"), ("--timeout", "0"), ("--max-bytes", "-5"),
                                               ("--max-pages", "0")])
def test_a_limit_that_is_no_limit_is_a_usage_error(option: str, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([f"{option}={value}", str(SMALL)])
    assert exited.value.code == 2
    assert f"argument {option}: " in capsys.readouterr().err


def test_ctrl_c_stops_a_write_to_a_reader_that_does_not_read() -> None:
    big = [str(HQIP)] * 40
    process = subprocess.Popen([sys.executable, "-m", "extract", "-q", "-j", "1", *big, "-o", "-"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, start_new_session=True)
    time.sleep(1.5)  # the pipe is full by now: the command waits in a write
    os.killpg(process.pid, signal.SIGINT)
    interrupted = time.monotonic()
    assert process.wait(timeout=30) == 130
    assert time.monotonic() - interrupted < 5
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    assert process.stderr.read().decode().startswith("interrupted: ")
    process.stderr.close()


def test_audit_reads_a_pipe_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "in.txt"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(SMALL.read_bytes()))
    writer.start()
    assert main(["--audit", "-q", str(fifo), "-o", str(tmp_path / "out.json")]) == 0
    writer.join(timeout=30)


@pytest.mark.parametrize(("value", "hint"), [("CSV", "csv"), ("md", "markdown"), ("HTML", "html")])
def test_a_format_in_another_case_or_by_another_name_is_suggested(value: str, hint: str,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["-f", value, str(SMALL)])
    assert f"(did you mean {hint}?)" in capsys.readouterr().err
