#!/usr/bin/env python3
"""Latency and memory of `copydesk lsp`, driven like an editor over stdio.

Measures, through the real binary and Content-Length framing:
  - spawn -> initialize response;
  - for an article: didOpen, then N single-character incremental edits, each timed from
    the didChange being written to the publishDiagnostics for that document version being
    read (debounceMs 0 in initializationOptions), reported as p50 / p99 / max; with
    --others N, the first N other articles of the workspace are open (and diagnosed) first,
    so that a per-keystroke cost growing with the open documents shows;
  - peak RSS (VmHWM in /proc/<pid>/status) after opening many articles in a workspace
    whose glossary.toml has 10,000 entities, once every article has its diagnostics, and
    again once the server has also indexed the workspace (answered a workspace/symbol
    request, which waits for that index).

The articles come from the benchmarks' generator (`cargo bench --bench corpus`); see
scripts/bench, which runs this script with the right files.

    lsp_latency.py latency BINARY WORKSPACE ARTICLE [--edits N] [--others N]
    lsp_latency.py memory BINARY WORKSPACE ARTICLE... 
    lsp_latency.py startup BINARY WORKSPACE [--runs N]

Prints one JSON object per measure on stdout, and a readable line on stderr.
"""

import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

TIMEOUT_S = 120.0


class Server:
    """One `copydesk lsp` process and a reader thread that timestamps every message."""

    def __init__(self, binary, workspace):
        self.spawned_at = time.perf_counter()
        self.process = subprocess.Popen(
            [binary, "lsp", "--stdio"],
            cwd=workspace,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put((time.perf_counter(), None))
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            body = stream.read(length)
            self.messages.put((time.perf_counter(), json.loads(body)))

    def send(self, message):
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return time.perf_counter()

    def request(self, method, params):
        self.next_id += 1
        sent = self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id, sent

    def notify(self, method, params):
        return self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for(self, accept):
        """Reads messages until `accept(message)` is true; answers the server's own requests
        (configuration, registrations, progress) with an empty result so it never waits on us.
        Returns (time read, message)."""
        deadline = time.perf_counter() + TIMEOUT_S
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError("no matching message from the server")
            try:
                received, message = self.messages.get(timeout=remaining)
            except queue.Empty:
                raise TimeoutError("no matching message from the server") from None
            if message is None:
                raise EOFError("the server closed its output")
            if "method" in message and "id" in message:
                result = [None] * len(message.get("params", {}).get("items", [])) if message["method"] == "workspace/configuration" else None
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": result})
                continue
            if accept(message):
                return received, message

    def initialize(self, workspace):
        uri = Path(workspace).resolve().as_uri()
        request_id, _ = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": "bench"}],
                "capabilities": {
                    "textDocument": {"publishDiagnostics": {"versionSupport": True}},
                    "workspace": {"configuration": False, "workspaceFolders": True},
                },
                "initializationOptions": {"debounceMs": 0},
            },
        )
        received, _ = self.wait_for(lambda m: m.get("id") == request_id)
        self.notify("initialized", {})
        return received - self.spawned_at

    def open(self, path, version=1):
        uri = Path(path).resolve().as_uri()
        text = Path(path).read_text(encoding="utf-8")
        language = "markdown" if path.endswith((".md", ".markdown")) else "plaintext"
        sent = self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}},
        )
        return uri, text, sent

    def wait_diagnostics(self, uri, version):
        """The publishDiagnostics for `uri` at `version`; a server that omits the version
        is taken at its first publication for the document."""

        def accept(message):
            if message.get("method") != "textDocument/publishDiagnostics":
                return False
            params = message["params"]
            return params["uri"] == uri and params.get("version", version) == version

        return self.wait_for(accept)

    def peak_rss_kb(self):
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        return int(fields["VmHWM"].split()[0]), int(fields["VmRSS"].split()[0])

    def close(self):
        try:
            request_id, _ = self.request("shutdown", None)
            self.wait_for(lambda m: m.get("id") == request_id)
            self.notify("exit", None)
            self.process.wait(timeout=10)
        except (TimeoutError, EOFError, BrokenPipeError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()


def utf16_position(text, offset):
    """LSP line and UTF-16 character of a character offset into `text`."""
    line = text.count("\n", 0, offset)
    line_start = text.rfind("\n", 0, offset) + 1
    character = sum(2 if ord(c) > 0xFFFF else 1 for c in text[line_start:offset])
    return {"line": line, "character": character}


def edit_offsets(text, count):
    """Spread `count` insertion points over the article's prose, each just before a word,
    deterministically, so that edits hit quotes, names and narration alike."""
    starts = [i for i in range(1, len(text)) if text[i - 1] == " " and text[i].isalpha()]
    step = max(1, len(starts) // count)
    return [starts[(k * step) % len(starts)] for k in range(count)]


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure_latency(binary, workspace, article, edits, others=0):
    server = Server(binary, workspace)
    try:
        init_ms = server.initialize(workspace) * 1e3
        if others:
            paths = sorted(str(p) for p in Path(workspace).glob("*.md") if p.resolve() != Path(article).resolve())
            waiting = {server.open(path)[0] for path in paths[:others]}

            def diagnosed(message):
                if message.get("method") == "textDocument/publishDiagnostics":
                    waiting.discard(message["params"]["uri"])
                return not waiting

            if waiting:
                server.wait_for(diagnosed)
        uri, text, sent = server.open(article)
        received, _ = server.wait_diagnostics(uri, 1)
        open_ms = (received - sent) * 1e3
        latencies = []
        version = 1
        for done, original in enumerate(edit_offsets(text, edits)):
            # The offsets rise, so every earlier insertion sits before this one.
            offset = original + done
            position = utf16_position(text, offset)
            text = text[:offset] + "x" + text[offset:]
            version += 1
            sent = server.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"range": {"start": position, "end": position}, "text": "x"}],
                },
            )
            received, _ = server.wait_diagnostics(uri, version)
            latencies.append((received - sent) * 1e3)
        peak, _ = server.peak_rss_kb()
    finally:
        server.close()
    return {
        "measure": "latency",
        "article": os.path.basename(article),
        "other_open_articles": others,
        "bytes": len(text.encode("utf-8")),
        "words": len(text.split()),
        "initialize_ms": round(init_ms, 2),
        "open_ms": round(open_ms, 2),
        "edits": len(latencies),
        "p50_ms": round(statistics.median(latencies), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
        "max_ms": round(max(latencies), 2),
        "peak_rss_mb": round(peak / 1024, 1),
    }


def measure_startup(binary, workspace, runs):
    times = []
    for _ in range(runs):
        server = Server(binary, workspace)
        try:
            times.append(server.initialize(workspace) * 1e3)
        finally:
            server.close()
    return {
        "measure": "startup",
        "runs": runs,
        "initialize_p50_ms": round(statistics.median(times), 2),
        "initialize_max_ms": round(max(times), 2),
    }


def measure_memory(binary, workspace, articles):
    server = Server(binary, workspace)
    try:
        server.initialize(workspace)
        _, rss_after_init = server.peak_rss_kb()
        started = time.perf_counter()
        waiting = {server.open(article)[0] for article in articles}

        # Publications arrive in any order: take each as it comes until none is missing.
        def diagnosed(message):
            if message.get("method") == "textDocument/publishDiagnostics":
                waiting.discard(message["params"]["uri"])
            return not waiting

        server.wait_for(diagnosed)
        all_ms = (time.perf_counter() - started) * 1e3
        peak, current = server.peak_rss_kb()
        # The workspace index is built in the background from `initialized` on; a
        # workspace/symbol request is answered once it is ready.
        request_id, _ = server.request("workspace/symbol", {"query": "copydesk-bench-no-such-name"})
        server.wait_for(lambda m: m.get("id") == request_id)
        indexed_ms = (time.perf_counter() - started) * 1e3
        peak_indexed, current_indexed = server.peak_rss_kb()
    finally:
        server.close()
    return {
        "measure": "memory",
        "open_articles": len(articles),
        "bytes": sum(os.path.getsize(a) for a in articles),
        "rss_after_initialize_mb": round(rss_after_init / 1024, 1),
        "all_diagnosed_ms": round(all_ms, 1),
        "peak_rss_mb": round(peak / 1024, 1),
        "rss_mb": round(current / 1024, 1),
        "indexed_ms": round(indexed_ms, 1),
        "peak_rss_indexed_mb": round(peak_indexed / 1024, 1),
        "rss_indexed_mb": round(current_indexed / 1024, 1),
    }


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    command, binary, workspace, *rest = argv
    options = {}
    positional = []
    while rest:
        arg = rest.pop(0)
        if arg.startswith("--"):
            options[arg[2:]] = int(rest.pop(0))
        else:
            positional.append(arg)
    if command == "latency":
        result = measure_latency(binary, workspace, positional[0], options.get("edits", 200), options.get("others", 0))
        readable = (
            f"{result['article']} ({result['words']} words, {result['bytes']} bytes, "
            f"{result['other_open_articles']} other articles open): "
            f"didOpen→diagnostics {result['open_ms']} ms; {result['edits']} edits didChange→publishDiagnostics "
            f"p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, max {result['max_ms']} ms"
        )
    elif command == "startup":
        result = measure_startup(binary, workspace, options.get("runs", 20))
        readable = f"spawn→initialize response: p50 {result['initialize_p50_ms']} ms, max {result['initialize_max_ms']} ms"
    elif command == "memory":
        result = measure_memory(binary, workspace, positional)
        readable = (
            f"{result['open_articles']} open articles ({result['bytes']} bytes): peak RSS {result['peak_rss_mb']} MB "
            f"(after initialize {result['rss_after_initialize_mb']} MB); all diagnosed in {result['all_diagnosed_ms']} ms; "
            f"workspace indexed in {result['indexed_ms']} ms: peak RSS {result['peak_rss_indexed_mb']} MB, "
            f"RSS {result['rss_indexed_mb']} MB"
        )
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(result))
    print(readable, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
