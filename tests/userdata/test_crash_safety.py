"""Nothing the user saved is lost: killed processes, damaged files, two writers at once."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.userdata import UserDataError, UserStore

REPO = Path(__file__).resolve().parents[2]

# Alternating bookmark / note writes with distinct ids; each id is printed after its call returns.
WRITER = """
import sys
from pathlib import Path
from reader.userdata import UserDataError, UserStore

store = UserStore(Path(sys.argv[1]))
prefix, count = sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
for i in range(count):
    if i % 2 == 0:
        ident = f"{prefix}s{i:04d}"
        store.add_bookmark("section", ident)
    else:
        ident = f"{prefix}n{i:04d}"
        store.set_note(ident, f"note number {i}")
    print(ident, flush=True)
store.close()
print("done", flush=True)
"""


def start_writer(path: Path, prefix: str, count: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), prefix, str(count)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )


def stored_ids(store: UserStore) -> set[str]:
    return {b.target_id for b in store.bookmarks("section")} | {n.section_id for n in store.notes()}


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
@pytest.mark.parametrize("seed", [5, 2024])
def test_every_reported_write_survives_sigkill(tmp_path: Path, seed: int) -> None:
    path = tmp_path / "userdata.sqlite3"
    kill_after = random.Random(seed).randint(50, 900)
    reported: list[str] = []
    started = time.perf_counter()
    with start_writer(path, "", 1000) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        while len(reported) < kill_after:
            line = child.stdout.readline()
            assert line, f"the writer stopped early after {len(reported)} writes"
            reported.append(line.strip())
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    elapsed = time.perf_counter() - started
    print(f"seed {seed}: killed after {kill_after} reported writes in {elapsed:.2f} s")

    assert len(reported) == kill_after and len(set(reported)) == kill_after
    with UserStore(path) as store:
        assert store.open_report.recovered_from is None
        missing = set(reported) - stored_ids(store)
        assert not missing, f"{len(missing)} reported writes were lost, e.g. {sorted(missing)[:5]}"
        store.add_bookmark("section", "after-the-crash")  # and the file is still writable
    assert not list(tmp_path.glob("*.corrupt-*"))


def write_some(path: Path) -> bytes:
    with UserStore(path) as store:
        store.add_bookmark("section", "intro")
        store.set_note("intro", "before the damage")
    return path.read_bytes()


def test_a_damaged_file_is_moved_aside_and_a_new_one_started(tmp_path: Path) -> None:
    path = tmp_path / "data" / "userdata.sqlite3"
    write_some(path)
    with path.open("r+b") as handle:
        handle.write(random.Random(1).randbytes(100))  # garbage over the header
    damaged = path.read_bytes()

    with UserStore(path) as store:
        backup = store.open_report.recovered_from
        assert backup is not None
        assert backup.parent == path.parent
        assert re.fullmatch(r"userdata\.sqlite3\.corrupt-\d{8}-\d{6}", backup.name)
        assert backup.read_bytes() == damaged
        message = store.open_report.message
        assert "damaged" in message and str(backup) in message and str(path) in message
        assert store.bookmarks() == [] and store.notes() == []
        store.add_bookmark("section", "fresh")
        store.set_note("fresh", "works")
    with UserStore(path) as reopened:
        assert reopened.open_report.recovered_from is None
        assert reopened.is_bookmarked("section", "fresh")
    assert backup.read_bytes() == damaged


def test_a_file_that_is_not_a_database_is_kept_too(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite3"
    path.write_text("my shopping list, saved here by mistake\n" * 50, encoding="utf-8")
    original = path.read_bytes()
    with UserStore(path) as store:
        backup = store.open_report.recovered_from
        assert backup is not None and backup.read_bytes() == original
        assert "Nothing could be read" in store.open_report.message


def test_readable_rows_of_a_damaged_file_are_recovered(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite3"
    with UserStore(path) as store:
        for i in range(300):
            store.add_bookmark("section", f"section-{i:03d}")
        store.set_note("intro", "still readable")
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    [(root,)] = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_bookmarks_1'"
    ).fetchall()
    conn.close()
    with path.open("r+b") as handle:  # destroy the bookmarks index, keep the tables
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)

    with UserStore(path) as store:
        assert store.open_report.recovered_from is not None
        assert "301 item(s) could be recovered" in store.open_report.message
        assert len(store.bookmarks()) == 300
        note = store.note("intro")
        assert note is not None and note.text == "still readable"


def run_two_writers(path: Path, writes: int, lockstep: bool) -> dict[str, list[float]]:
    """Two threads, each with its own UserStore on ``path``, writing at the same time.

    With ``lockstep`` both threads meet before every write, so each round is a race for the
    write lock; otherwise they run free. Returns when each write returned, per writer.
    """
    UserStore(path).close()
    start = threading.Barrier(2)
    round_barrier = threading.Barrier(2)
    errors: list[BaseException] = []
    times: dict[str, list[float]] = {"a": [], "b": []}

    def writer(prefix: str) -> None:
        try:
            with UserStore(path) as store:
                start.wait(timeout=10)
                times[prefix].append(time.perf_counter())
                for i in range(writes):
                    if lockstep:
                        round_barrier.wait(timeout=10)
                    if i % 2 == 0:
                        store.add_bookmark("section", f"{prefix}{i}")
                    else:
                        store.set_note(f"{prefix}{i}", f"text {i}")
                    times[prefix].append(time.perf_counter())
        except BaseException as exc:
            errors.append(exc)
            round_barrier.abort()

    threads = [threading.Thread(target=writer, args=(p,)) for p in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with UserStore(path) as store:
        assert stored_ids(store) == {f"{p}{i}" for p in "ab" for i in range(writes)}
    return times


def test_two_stores_writing_interleaved_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite3"
    run_two_writers(path, 200, lockstep=True)
    conn = sqlite3.connect(path)
    order = [
        row[0][0]
        for row in conn.execute(
            "SELECT target_id FROM bookmarks UNION ALL SELECT section_id FROM notes"
        )
    ]
    bookmark_order = [
        r[0][0] for r in conn.execute("SELECT target_id FROM bookmarks ORDER BY rowid")
    ]
    conn.close()
    assert len(order) == 400
    # Every round wrote one "a" and one "b" before the next round began: truly interleaved.
    pairs = [bookmark_order[i : i + 2] for i in range(0, 200, 2)]
    assert all(sorted(pair) == ["a", "b"] for pair in pairs)


def test_two_stores_writing_freely_at_once_lose_nothing(tmp_path: Path) -> None:
    times = run_two_writers(tmp_path / "userdata.sqlite3", 200, lockstep=False)
    # Both began before either finished: one of them had to wait for the other's lock.
    assert times["a"][0] < times["b"][-1] and times["b"][0] < times["a"][-1]


@pytest.mark.slow
def test_two_processes_on_one_file_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite3"
    UserStore(path).close()
    reported: dict[str, list[str]] = {}
    with start_writer(path, "p", 200) as first, start_writer(path, "q", 200) as second:
        for name, child in (("p", first), ("q", second)):
            assert child.stdout is not None
            lines = child.stdout.read().split()
            assert child.wait(timeout=60) == 0
            assert lines[0] == "ready" and lines[-1] == "done"
            reported[name] = lines[1:-1]
    with UserStore(path) as store:
        ids = stored_ids(store)
    assert len(reported["p"]) == len(reported["q"]) == 200
    assert ids == set(reported["p"]) | set(reported["q"])


@pytest.mark.parametrize("how", ["written over", "replaced"])
def test_a_file_destroyed_while_open_refuses_writes_instead_of_losing_them(
    tmp_path: Path, how: str
) -> None:
    path = tmp_path / "userdata.sqlite3"
    with UserStore(path) as store:
        store.add_bookmark("section", "before")
    store = UserStore(path)
    garbage = os.urandom(path.stat().st_size)
    if how == "written over":
        with path.open("r+b") as handle:
            handle.write(garbage)
    else:
        (tmp_path / "other").write_bytes(garbage)
        os.replace(tmp_path / "other", path)
    with pytest.raises(UserDataError, match="another program replaced the file or wrote over it"):
        store.add_bookmark("section", "after")  # SQLite alone would say "saved" from its cache
    store.close()
