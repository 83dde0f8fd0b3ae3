"""Every ``eventcoder`` command beside a process that holds the project open and codes: no acknowledged work lost.

The writer (helpers/decider.py) holds the file the way the window does -- one ``Project`` for the analyst's
decisions and a worker's second ``Project`` opened and closed now and then in the same process -- and accepts,
rejects and undoes suggestions, printing each change once committed. Beside it one CLI command runs in its
own process; then the writer is killed with SIGKILL at a random moment. Afterwards every acknowledged
decision is in the file (its status and version, or a later acknowledged one), the file passes
``integrity_check``, and the command exited 0 with its normal result (or its one-line message, never a
traceback). Restore: acknowledged decisions made after the restore are kept, and nothing acknowledged before
it outlives it except what the backup holds.

``EVENTCODER_CLI_KILLS`` sets the number of trials (default: each command once); the slow variant runs 110.
"""

from __future__ import annotations

import importlib.util
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

HELPERS = Path(__file__).parent / "helpers"
KILLS = int(os.environ.get("EVENTCODER_CLI_KILLS", "0"))  # 0: each command once


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, HELPERS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


cp = _load("coding_project")

@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return cp.make_project(tmp_path_factory.mktemp("template") / "coding.db")




def _decider(db: Path, seed: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, str(HELPERS / "decider.py"), str(db), str(seed)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = proc.stdout.readline()
    assert first.strip() == "ready", first + proc.stderr.read()
    return proc


def _cli(db: Path, args: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "eventcoder.cli", *args, "--db", str(db)], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _kill(proc: subprocess.Popen) -> tuple[str, str]:
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    return out, err


def writer_problems(writer: subprocess.Popen, err: str) -> list[str]:
    if writer.returncode == -signal.SIGKILL:
        return []
    last = err.strip().splitlines()[-1] if err.strip() else ""
    return [f"the writer died before it was killed (exit {writer.returncode}): {last}"]


def _trial(template: Path, folder: Path, name: str, rng: random.Random) -> dict:
    db = cp.copy_project(template, folder)
    files = cp.input_files(folder / "inputs")
    writer = _decider(db, rng.randrange(1_000_000))
    time.sleep(rng.uniform(0.05, 0.3))
    cli = _cli(db, cp.COMMANDS[name][0](folder, files), folder)
    kill_during = rng.random() < 0.35  # else shortly after the command finished (and closed the file)
    if kill_during:
        try:
            cli.wait(timeout=rng.uniform(0.2, 2.0))
        except subprocess.TimeoutExpired:
            pass
        w_out, w_err = _kill(writer)
        c_out, c_err = cli.communicate(timeout=180)
    else:
        c_out, c_err = cli.communicate(timeout=180)
        time.sleep(rng.uniform(0.05, 0.6))
        w_out, w_err = _kill(writer)
    acks = cp.parse_acks(w_out, "writer")
    problems = writer_problems(writer, w_err) + cp.cli_result_problems(name, cli.returncode, c_out, c_err, folder)
    problems += [f"integrity: {p}" for p in cp.integrity(db)]
    problems += cp.check_acks(db, acks, recoded=name == "code")
    return {"acks": len(acks), "problems": problems, "refused": w_out.count("refused ")}


def _names(kills: int) -> list[str]:
    names = list(cp.COMMANDS)
    return names if kills <= 0 else [names[i % len(names)] for i in range(kills)]


def test_every_cli_command_beside_a_writer_then_kill_9(template, tmp_path):
    rng = random.Random(2024)
    failures, total_acks = [], 0
    for trial, name in enumerate(_names(KILLS)):
        result = _trial(template, tmp_path / f"t{trial}-{name}", name, rng)
        total_acks += result["acks"]
        if not result["acks"]:
            result["problems"].append("the writer acknowledged nothing")
        failures += [f"trial {trial} ({name}, {result['acks']} acks): {p}" for p in result["problems"]]
    assert not failures, f"{len(failures)} problem(s) over {total_acks} acknowledged decisions:\n" + "\n".join(
        failures[:40])


def _restore_trial(template: Path, folder: Path, rng: random.Random) -> list[str]:
    db = cp.copy_project(template, folder)
    writer = _decider(db, rng.randrange(1_000_000))
    time.sleep(rng.uniform(0.1, 0.4))
    backup = folder / "before-lunch.db"
    made = subprocess.run([sys.executable, "-m", "eventcoder.cli", "backup", "--db", str(db), "--out", str(backup)],
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    time.sleep(rng.uniform(0.1, 0.4))  # decisions after the backup: the restore takes them back
    started = time.time()
    restored = subprocess.run([sys.executable, "-m", "eventcoder.cli", "restore", str(backup), "--db", str(db)],
                              capture_output=True, text=True, timeout=120)
    ended = time.time()
    time.sleep(rng.uniform(0.2, 0.6))  # decisions on the restored state
    w_out, w_err = _kill(writer)
    problems = writer_problems(writer, w_err)
    problems += cp.cli_result_problems("restore", restored.returncode, restored.stdout, restored.stderr, folder)
    problems += [f"integrity: {p}" for p in cp.integrity(db)]
    problems += cp.restore_problems(db, backup, cp.parse_acks(w_out, "writer"), started, ended)
    return problems


def test_restore_beside_a_writer(template, tmp_path):
    rng = random.Random(77)
    trials = max(2, KILLS // 10)
    failures = []
    for trial in range(trials):
        failures += [f"trial {trial}: {p}" for p in _restore_trial(template, tmp_path / f"r{trial}", rng)]
    assert not failures, "\n".join(failures[:40])


@pytest.mark.slow
def test_every_cli_command_beside_a_writer_slow(template, tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "KILLS", 110)
    test_every_cli_command_beside_a_writer_then_kill_9(template, tmp_path)
    test_restore_beside_a_writer(template, tmp_path)
