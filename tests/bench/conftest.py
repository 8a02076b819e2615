"""Benchmarks print figures; they never assert on time.

Run with ``uv run pytest tests/bench -s`` (they are excluded from the default run).
"""

from __future__ import annotations

import statistics


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def report(name: str, samples_ms: list[float], command: str) -> None:
    print(
        f"\n{name}: n={len(samples_ms)} p50={statistics.median(samples_ms):.2f} ms "
        f"p95={percentile(samples_ms, 95):.2f} ms p99={percentile(samples_ms, 99):.2f} ms "
        f"max={max(samples_ms):.2f} ms\n  measured with: {command}"
    )
