"""Result rows and the table printer shared by every sub-benchmark."""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from benchmarks.loadgen import smoke


@dataclass
class Row:
    """One measured figure, with the target it is held against."""

    bench: str
    metric: str
    value: float | None
    unit: str = "x"
    target: str = ""
    ok: bool | None = None
    note: str = ""

    def cells(self, judge: bool = True) -> list[str]:
        """The printed cells; with `judge` False the verdict stays empty (and the target
        is shown in brackets: it was not held against these counts)."""
        if self.value is None:
            shown = "n/a"
        elif self.unit == "x":
            shown = f"{self.value:.2f}x"
        elif abs(self.value) >= 100:
            shown = f"{self.value:,.0f} {self.unit}"
        else:
            shown = f"{self.value:.3g} {self.unit}"
        if not judge:
            target = f"({self.target})" if self.target else ""
            return [self.bench, self.metric, shown, target, "", self.note]
        verdict = {True: "ok", False: "MISSED", None: ""}[self.ok]
        return [self.bench, self.metric, shown, self.target, verdict, self.note]


def check(value: float | None, op: str, bound: float) -> bool | None:
    if value is None:
        return None
    return {">=": value >= bound, "<=": value <= bound}[op]


SMOKE_NOTE = (
    "smoke run: counts too small to judge anything; it only proves the benchmarks run "
    "(no target is checked: run `python -m benchmarks` for figures)"
)


def print_table(
    rows: Sequence[Row], out: Callable[[str], None] = print, judge: bool | None = None
) -> None:
    """Print `rows` as a table under a line naming the machine.

    Args:
        rows: the measured figures.
        out: where each line goes.
        judge: False for a smoke run: no verdict is printed, one line says why (by
            default, False exactly when BENCH_SMOKE=1, as `--smoke` sets it).
    """
    if judge is None:
        judge = not smoke()
    header = ["benchmark", "metric", "measured", "target", "", "note"]
    table = [header] + [r.cells(judge) for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    out(
        f"# {time.strftime('%Y-%m-%d %H:%M')}  {platform.python_implementation()} "
        f"{platform.python_version()}  {platform.machine()}  {os.cpu_count()} cpus"
    )
    if not judge:
        out(SMOKE_NOTE)
    for i, line in enumerate(table):
        out("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
        if i == 0:
            out("  ".join("-" * w for w in widths))


def percentile(values: Iterable[float], pct: float) -> float:
    data = sorted(values)
    if not data:
        return float("nan")
    k = min(len(data) - 1, max(0, int(round(pct / 100.0 * (len(data) - 1)))))
    return data[k]
