#!/usr/bin/env python3
"""Waits until the service is ready with its bundled corpus ingested (used by run.sh and soak.sh).

    python3 docs/benchmarks/wait_ready.py MANAGEMENT_PORT PID [POLL_SECONDS]

Polls /q/health/ready on the management interface; exits 0 once it is UP with the corpus done, non-zero when the
process PID exits first or after 600 s.
"""
import json
import os
import sys
import time
import urllib.request

port, pid = sys.argv[1], int(sys.argv[2])
poll = float(sys.argv[3]) if len(sys.argv) > 3 else 0.5
deadline = time.time() + 600
while time.time() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("the service exited")
    try:
        with urllib.request.urlopen(f"http://localhost:{port}/q/health/ready", timeout=5) as r:
            health = json.load(r)
        data = next(c for c in health["checks"] if c["name"] == "search-index")["data"]
        if health["status"] == "UP" and data["corpus"] == "done":
            sys.exit(0)
    except Exception:
        pass
    time.sleep(poll)
sys.exit("not ready in 600 s")
