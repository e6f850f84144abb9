"""``storyline serve`` in a subprocess (binds 127.0.0.1, refuses a POST) and ``storyline search``."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner

from serving import free_port, start_server
from storyline.cli import main


def _listening(port: int) -> list[str]:
    """The local addresses listening on ``port`` (from /proc/net/tcp*)."""
    found = []
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(name).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hexport = local.rsplit(":", 1)
            if state == "0A" and int(hexport, 16) == port:
                found.append(address)
    return found


def test_serve_binds_loopback_and_refuses_posts(hostile_out):
    port = free_port()
    proc = start_server(hostile_out, port)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/events") as answer:
            assert json.load(answer)["total"] == 2
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/api/events", data=b"x=1"))
        assert refused.value.code == 405
        listening = _listening(port)
        if listening:                                   # Linux: only the loopback address listens
            assert listening == ["0100007F"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_search_command(hostile_out):
    runner = CliRunner()
    done = runner.invoke(main, ["search", str(hostile_out), "Putin", "--kind", "event", "--json"])
    assert done.exit_code == 0, done.output
    assert {r["id"] for r in json.loads(done.output)["results"]} == {"eh", "ep"}
    done = runner.invoke(main, ["search", str(hostile_out), "Putin", "--from", "2022"])
    assert done.exit_code == 0 and "p1" in done.output and "h1" not in done.output
    assert runner.invoke(main, ["search", str(hostile_out), "zebra"]).exit_code == 1
    assert runner.invoke(main, ["search", str(hostile_out), "x", "--from", "soon"]).exit_code == 2
    assert runner.invoke(main, ["search", str(hostile_out / "nowhere"), "x"]).exit_code == 5
