"""Load one URL with wrk from its own process and read what it prints."""

import re
import subprocess

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def load(url: str, *, headers: dict, seconds: int, connections: int, threads: int) -> dict:
    # A slow page is measured, not dropped: wrk's own timeout is 2 s.
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "60s"]
    command.append("--latency")
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(  # noqa: S603 - our own command line, 127.0.0.1
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 120
    ).stdout
    return parse(output, seconds)


def parse(output: str, seconds: int) -> dict:
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    if not latency or " 0 requests in" in output:
        # wrk's time ran out before any request was answered: slower than that.
        requests, latency = 0, {}
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    return {
        "requests": requests,
        "requests_per_second": round(
            float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), 1
        ),
        "p50_ms": round(milliseconds(latency["50"]), 1) if requests else None,
        "p99_ms": round(milliseconds(latency["99"]), 1) if requests else None,
        "failed": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": socket_errors.group(1).strip() if socket_errors else "",
        "seconds": seconds,
    }
