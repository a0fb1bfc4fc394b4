"""A crawl opens no listening port: no telnet console, no HTTP remote control, nothing a
local user could drive the crawl through."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import REPO, RunningSampleSite

LISTEN = "0A"  # TCP state of a listening socket in /proc/net/tcp


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = task / "children"
        if children.exists():
            found |= {int(child) for child in children.read_text().split()}
    return found


def _tree(pid: int) -> set[int]:
    tree, todo = set(), [pid]
    while todo:
        current = todo.pop()
        if current not in tree:
            tree.add(current)
            todo.extend(_children(current))
    return tree


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").glob("*"):
        try:
            target = os.readlink(fd)
        except OSError:  # closed meanwhile
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    return inodes


def _listening_inodes() -> dict[str, str]:
    """inode -> local address of every listening TCP socket of this network namespace."""
    found = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == LISTEN:
                found[fields[9]] = fields[1]
    return found


def listening(pid: int) -> set[str]:
    """Local addresses the process tree of ``pid`` listens on; empty once it has exited."""
    try:
        owned = set().union(*(_socket_inodes(member) for member in _tree(pid)))
    except (FileNotFoundError, ProcessLookupError):
        return set()
    listeners = _listening_inodes()
    return {listeners[inode] for inode in owned if inode in listeners}


def test_a_crawl_listens_on_no_port(private_sample_site: RunningSampleSite, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "crawler.cli", "crawl", "sample-forum", "--delay", "0"]
    command += ["--sites", str(private_sample_site.sites_dir), "--data", str(tmp_path)]
    crawl = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen: set[str] = set()
    samples = 0
    while crawl.poll() is None:  # sampled for the whole crawl, until it exits
        seen |= listening(crawl.pid)
        samples += 1
    out, err = crawl.communicate()
    assert crawl.returncode == 0, err.decode()[-2000:]
    assert b"run 1 ok" in out and samples > 10
    assert seen == set()
