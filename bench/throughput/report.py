"""The benchmark's results as a Markdown table and JSON, with where they were measured."""

import json
import os
import platform
import subprocess
from pathlib import Path

COLUMNS = [
    ("page", "label"),
    ("requests/s", "requests_per_second"),
    ("p50 ms", "p50_ms"),
    ("p99 ms", "p99_ms"),
    ("app CPU ms/request", "app_cpu_ms"),
    ("database CPU ms/request", "database_cpu_ms"),
    ("queries", "queries"),
    ("bytes", "bytes"),
    ("failed", "failed"),
]


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "load_average_at_start": os.getloadavg(),
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def commit(root: Path) -> str:
    def git(*args):
        return subprocess.run(  # noqa: S603
            ["git", *args],  # noqa: S607 - git from PATH, as make finds it
            cwd=root,
            capture_output=True,
            text=True,
            check=False,  # noqa: S607
        ).stdout.strip()

    return git("rev-parse", "--short", "HEAD") + (
        " (with uncommitted changes)" if git("status", "--porcelain") else ""
    )


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value).replace("|", "\\|")


def table(rows: list[dict]) -> str:
    lines = [
        "| " + " | ".join(title for title, _ in COLUMNS) + " |",
        "|" + " --- |" * len(COLUMNS),
    ]
    lines += ["| " + " | ".join(_cell(row.get(key)) for _, key in COLUMNS) + " |" for row in rows]
    return "\n".join(lines)


def markdown(results: dict) -> str:
    about = results["about"]
    load = ", ".join(f"{x:.1f}" for x in about["machine"]["load_average_at_start"])
    parts = [
        f"# Benchmark: {about['database']}, scale {about['scale']}"
        f" ({about['weeknotes']:,} weeknotes)",
        "",
        f"Commit {about['commit']}; {about['machine']['cores']} cores ({about['machine']['cpu']}),"
        f" load average at start {load};"
        f" gunicorn {about['workers']} workers, production settings; wrk -t{about['threads']}"
        f" -c{about['connections']} -d{about['seconds']}s; {about['started']}.",
        "",
        "## Every page, without the page cache",
        "",
        table(results["uncached"]),
    ]
    if results.get("cached"):
        parts += [
            "",
            "## Anonymous public pages, from the page cache",
            "",
            table(results["cached"]),
        ]
    memory = results["memory"]
    parts += [
        "",
        f"Worker memory: {memory['first_mb']:.0f} MB after the first pass over every page,"
        f" {memory['second_mb']:.0f} MB after the second ({memory['growth_percent']:+.1f}%).",
    ]
    return "\n".join(parts) + "\n"


def save(results: dict, folder: Path, stem: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    json_path, markdown_path = folder / f"{stem}.json", folder / f"{stem}.md"
    json_path.write_text(json.dumps(results, indent=2))
    markdown_path.write_text(markdown(results))
    return [json_path, markdown_path]
