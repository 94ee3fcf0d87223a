"""Talk to ``pagefind --service``: documents in, the search bundle's files out, all in memory.

Pagefind's service mode reads requests on stdin and answers on stdout, each message being
base64-encoded JSON followed by a comma (the protocol of Pagefind's own Python and Node
APIs). Driving it directly, with a thread that reads every answer as it comes, avoids two
costs of the alternatives: writing thousands of documents to a temporary folder and deleting
Pagefind's thousands of output files afterwards (seconds on a busy disk), and the official
Python API's reader, which takes one answer per 0.1 s.
"""

from __future__ import annotations

import base64
import json
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any, Mapping


class ServiceError(Exception):
    """Pagefind answered with an error, or stopped."""


class Service:
    def __init__(self, executable: Path) -> None:
        self.errors = tempfile.TemporaryFile()
        self.process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=self.errors)
        self.answers: dict[int, dict[str, Any]] = {}
        self.arrived = threading.Condition()
        self.closed = False
        self.next_id = 0
        self.reader = threading.Thread(target=self._read, name="pagefind answers", daemon=True)
        self.reader.start()

    def _read(self) -> None:
        pieces: list[bytes] = []  # of the message still arriving: joined once, as the bundle is ~30 MB
        stream = self.process.stdout
        assert stream is not None
        while chunk := stream.read1(1 << 20):
            *ends, rest = chunk.split(b",")  # base64 has no commas: each one ends a message
            if not ends:
                pieces.append(chunk)
                continue
            messages = [b"".join(pieces) + ends[0], *ends[1:]]
            pieces = [rest]
            with self.arrived:
                for message in messages:
                    answer = json.loads(base64.b64decode(message))
                    self.answers[answer.get("message_id") or 0] = answer["payload"]
                self.arrived.notify_all()
        with self.arrived:
            self.closed = True
            self.arrived.notify_all()

    def send(self, payload: Mapping[str, Any]) -> int:
        self.next_id += 1
        message = json.dumps({"message_id": self.next_id, "payload": payload}).encode()
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(base64.b64encode(message) + b",")
        except BrokenPipeError:
            raise self.stopped() from None
        return self.next_id

    def wait(self, message_id: int) -> dict[str, Any]:
        assert self.process.stdin is not None
        try:
            self.process.stdin.flush()
        except BrokenPipeError:
            raise self.stopped() from None
        with self.arrived:
            while message_id not in self.answers:
                if self.closed:
                    raise self.stopped()
                if 0 in self.answers:  # an error Pagefind could not tie to a message
                    raise ServiceError(str(self.answers[0].get("message", "")))
                self.arrived.wait()
            answer = self.answers.pop(message_id)
        if answer.get("type") == "Error":
            raise ServiceError(str(answer.get("message", "")))
        return answer

    def stopped(self) -> ServiceError:
        """Pagefind went away: what it said on the way out (its stderr), once it has exited."""
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        return ServiceError(self.said() or f"Pagefind stopped (exit code {self.process.returncode})")

    def said(self) -> str:
        self.errors.seek(0)
        return self.errors.read().decode("utf-8", "replace").strip()

    def close(self) -> None:
        if self.process.stdin is not None and not self.process.stdin.closed:
            try:
                self.process.stdin.close()
            except BrokenPipeError:
                pass
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.reader.join(timeout=5)
        self.errors.close()


def index(executable: Path, documents: Mapping[str, bytes]) -> dict[str, bytes]:
    """``url -> HTML`` in, ``path in the bundle -> bytes`` out."""
    service = Service(executable)
    try:
        index_id = service.wait(service.send({"type": "NewIndex", "config": None}))["index_id"]
        sent = [service.send({"type": "AddFile", "index_id": index_id, "file_path": None, "url": url,
                              "file_contents": html.decode("utf-8")}) for url, html in documents.items()]
        for message_id in sent:
            service.wait(message_id)
        files = service.wait(service.send({"type": "GetFiles", "index_id": index_id}))["files"]
        return {f["path"]: base64.b64decode(f["content"]) for f in files}
    finally:
        service.close()
