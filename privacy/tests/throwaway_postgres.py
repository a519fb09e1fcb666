"""A PostgreSQL cluster a test starts for itself on a free loopback port, to stop and start at will.

Never the shared server: its own data directory under a temporary folder,
initdb/pg_ctl from the PostgreSQL binaries, trust authentication on 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres_user(command: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@dataclass
class Cluster:
    root: Path
    port: int

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _pg_ctl(self, *args: str) -> None:
        command = [str(BIN / "pg_ctl"), "-D", str(self.data), *args]
        subprocess.run(_as_postgres_user(command), check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c fsync=off"
        self._pg_ctl("-o", options, "-l", str(self.root / "log"), "-w", "start")

    def stop(self) -> None:
        """Stop at once, as a crash or a lost network would: open connections are cut."""
        self._pg_ctl("-m", "immediate", "-w", "stop")

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


def start_cluster() -> Cluster:
    if not (BIN / "initdb").exists():
        raise RuntimeError(f"PostgreSQL server binaries not found in {BIN} (set PG_BIN).")
    root = Path(tempfile.mkdtemp(prefix="mutuality-pg-"))
    root.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    command = [
        str(BIN / "initdb"),
        "-D",
        str(root / "data"),
        "-U",
        "postgres",
        "-A",
        "trust",
        "--no-sync",
        "-E",
        "UTF8",
    ]
    subprocess.run(_as_postgres_user(command), check=True, capture_output=True, timeout=120)
    cluster = Cluster(root=root, port=_free_port())
    cluster.start()
    return cluster


def remove_cluster(cluster: Cluster) -> None:
    with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
        cluster.stop()
    shutil.rmtree(cluster.root, ignore_errors=True)
