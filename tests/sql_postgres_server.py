"""A throw-away PostgreSQL cluster for the tests: initdb into a temp folder, started on a free local port,
stopped and removed at the end. As root the server runs as the `postgres` user (PostgreSQL refuses root)."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ADMIN = "dossier_admin"
ADMIN_PASSWORD = "admin-pw"


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    folder: Path

    def url(self, user: str, password: str, database: str, driver: str = "postgresql+psycopg") -> str:
        from urllib.parse import quote

        return f"{driver}://{quote(user, safe='')}:{quote(password, safe='')}@{self.host}:{self.port}/{database}"

    def admin(self, database: str = "postgres"):
        import psycopg

        return psycopg.connect(host=self.host, port=self.port, user=ADMIN, password=ADMIN_PASSWORD,
                               dbname=database, autocommit=True)


def postgres_bin() -> Path:
    """The folder of initdb and pg_ctl: Debian's /usr/lib/postgresql/N/bin, else the PATH's."""
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    if folders:
        return Path(folders[-1])
    initdb = shutil.which("initdb")
    if initdb is None:
        raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql (the README's test command does)")
    return Path(initdb).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def running_server() -> Iterator[Server]:
    """Start a cluster, yield it, stop and remove it."""
    binaries = postgres_bin()
    folder = Path(tempfile.mkdtemp(prefix="dossier-pg-"))
    as_server_user: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
        as_server_user = ["runuser", "-u", "postgres", "--"]
    password_file = folder / "password"
    password_file.write_text(ADMIN_PASSWORD + "\n")
    shutil.chown(password_file, *(["postgres", "postgres"] if as_server_user else [os.getuid(), os.getgid()]))
    data = folder / "data"
    port = free_port()

    def run(*command: str) -> None:
        subprocess.run([*as_server_user, *command], check=True, capture_output=True, timeout=120)

    run(str(binaries / "initdb"), "-D", str(data), "-U", ADMIN, "--auth=scram-sha-256",
        f"--pwfile={password_file}", "-E", "UTF8", "--no-locale")
    try:
        run(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w", "-t", "60",
            "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
        yield Server("127.0.0.1", port, folder)
    finally:
        subprocess.run([*as_server_user, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)
