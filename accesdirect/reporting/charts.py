"""Bar charts drawn on the server as SVG (templates/reporting/includes/bar_chart.html): no
JavaScript, no external service. Each bar has a pattern of its own (plain, hatched, dotted,
cross-hatched) and its label and value written beside it, so that the chart reads without
colour, printed in black and white, and by a screen reader (title, description); the same
figures are also given as a table under it."""

import dataclasses

PATTERNS = ("solid", "hatch", "dots", "cross")
WIDTH = 560
BAR_AREA = 440  # The rest of the width holds the value written after the longest bar.
ROW = 44
BAR_HEIGHT = 18
LABEL_HEIGHT = 16


@dataclasses.dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    pattern: str
    y: int
    width: int

    @property
    def label_y(self) -> int:
        return self.y - 4

    @property
    def text_x(self) -> int:
        return self.width + 6

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 4


@dataclasses.dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    bars: list[Bar]
    height: int
    marker_x: int | None = None
    marker_label: str = ""
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def patterns(self) -> tuple[str, ...]:
        return PATTERNS


def bar_chart(
    chart_id: str,
    title: str,
    items: list[tuple[str, float | None, str]],
    *,
    description: str = "",
    maximum: float | None = None,
    marker: float | None = None,
    marker_label: str = "",
) -> BarChart:
    """A horizontal bar chart of `items` (label, value, value as written). `maximum` is the
    value of a full bar (default: the largest value); `marker` draws a labelled line (an
    objective)."""
    values = [value or 0 for _label, value, _text in items]
    top = max([maximum or 0, *values, marker or 0]) or 1
    bars = [
        Bar(
            label=label,
            value=value or 0,
            text=text,
            pattern=PATTERNS[index % len(PATTERNS)],
            y=LABEL_HEIGHT + 4 + index * ROW,
            width=round(BAR_AREA * (value or 0) / top),
        )
        for index, (label, value, text) in enumerate(items)
    ]
    return BarChart(
        id=chart_id,
        title=title,
        description=description or title,
        bars=bars,
        height=LABEL_HEIGHT + 4 + len(items) * ROW,
        marker_x=round(BAR_AREA * marker / top) if marker is not None else None,
        marker_label=marker_label,
    )


# --- Survival curves: step lines, one per cohort, told apart by dash and marker shape -----

DASHES = ("", "7 4", "2 3", "10 3 2 3", "4 2", "1 4")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "plus")
PLOT_LEFT, PLOT_TOP, PLOT_BOTTOM = 44, 16, 40
PLOT_WIDTH, PLOT_HEIGHT = 360, 220
STEP_WIDTH = 640
LABEL_GAP = 16  # Vertical room of an end label: labels closer than this are pushed apart.


@dataclasses.dataclass(frozen=True)
class Point:
    x: float
    y: float
    marker: str  # The SVG path of the marker drawn at this point.


@dataclasses.dataclass(frozen=True)
class Series:
    label: str
    text: str  # Written at the end of the line: "2021 : 82 %".
    path: str
    dash: str
    width: float
    points: list[Point]
    label_y: float
    label_x: float
    legend: str  # The marker drawn before the end label, on a sample of the line.

    @property
    def text_x(self) -> float:
        return self.label_x + 26

    @property
    def legend_y(self) -> float:
        return self.label_y - 4


@dataclasses.dataclass(frozen=True)
class Tick:
    position: float
    text: str


@dataclasses.dataclass(frozen=True)
class LineChart:
    id: str
    title: str
    description: str
    series: list[Series]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    width: int
    height: int
    left: int = PLOT_LEFT
    right: int = PLOT_LEFT + PLOT_WIDTH
    top: int = PLOT_TOP
    bottom: int = PLOT_TOP + PLOT_HEIGHT


def _marker(shape: str, x: float, y: float) -> str:
    r = 4
    if shape == "circle":
        return f"M{x - r:g} {y:g}a{r} {r} 0 1 0 {2 * r} 0a{r} {r} 0 1 0 {-2 * r} 0"
    if shape == "square":
        return f"M{x - r:g} {y - r:g}h{2 * r}v{2 * r}h{-2 * r}z"
    if shape == "triangle":
        return f"M{x:g} {y - r - 1:g}l{r + 1} {2 * r}h{-2 * r - 2}z"
    if shape == "diamond":
        return f"M{x:g} {y - r - 1:g}l{r + 1} {r + 1}l{-r - 1} {r + 1}l{-r - 1} {-r - 1}z"
    if shape == "cross":
        return f"M{x - r:g} {y - r:g}l{2 * r} {2 * r}M{x + r:g} {y - r:g}l{-2 * r} {2 * r}"
    return f"M{x - r:g} {y:g}h{2 * r}M{x:g} {y - r:g}v{2 * r}"


def _spread(wanted: list[float], *, low: float, high: float) -> list[float]:
    """End labels at their line's height, pushed apart where two would overlap."""
    order = sorted(range(len(wanted)), key=lambda index: wanted[index])
    placed = [0.0] * len(wanted)
    previous = low - LABEL_GAP
    for index in order:
        placed[index] = max(wanted[index], previous + LABEL_GAP)
        previous = placed[index]
    overflow = previous - high
    if overflow > 0:  # Too low at the bottom: slide the whole stack up.
        placed = [value - overflow for value in placed]
    return placed


def step_chart(
    chart_id: str,
    title: str,
    series: list[tuple[str, list[tuple[int, float | None]], str]],
    *,
    x_max: int,
    x_ticks: list[tuple[int, str]],
    description: str = "",
    bold_first: bool = False,
) -> LineChart:
    """Step lines from 100 % at 0: each item of `series` is (label, [(x, percent or None)],
    the text written at its end). A line stops at its first None (nobody followed that
    long). Lines differ by dash and marker shape, and carry their label at their end, so
    that they read without colour; `bold_first` draws the first one thicker (the whole)."""

    def x_of(value: float) -> float:
        return round(PLOT_LEFT + PLOT_WIDTH * value / x_max, 1)

    def y_of(percent: float) -> float:
        return round(PLOT_TOP + PLOT_HEIGHT * (1 - percent / 100), 1)

    drawn = []
    for index, (label, values, text) in enumerate(series):
        known = []
        for x, percent in values:
            if percent is None:
                break
            known.append((x, percent))
        path = [f"M{x_of(0):g} {y_of(100):g}"]
        previous = 100.0
        for x, percent in known:
            path.append(f"H{x_of(x):g}")
            if percent != previous:
                path.append(f"V{y_of(percent):g}")
            previous = percent
        shape = MARKERS[index % len(MARKERS)]
        drawn.append(
            (
                label,
                text,
                " ".join(path),
                DASHES[index % len(DASHES)],
                3.0 if bold_first and index == 0 else 1.6,
                [Point(x_of(x), y_of(p), _marker(shape, x_of(x), y_of(p))) for x, p in known],
                x_of(known[-1][0]) if known else x_of(0),
                y_of(previous),
            )
        )
    label_ys = _spread(
        [end_y + 4 for *_rest, end_y in drawn], low=PLOT_TOP + 4, high=PLOT_TOP + PLOT_HEIGHT + 4
    )
    return LineChart(
        id=chart_id,
        title=title,
        description=description or title,
        series=[
            Series(
                label=label,
                text=text,
                path=path,
                dash=dash,
                width=width,
                points=points,
                label_x=PLOT_LEFT + PLOT_WIDTH + 10,
                label_y=label_y,
                legend=_marker(MARKERS[index % len(MARKERS)], PLOT_LEFT + PLOT_WIDTH + 20, label_y - 4),
            )
            for index, ((label, text, path, dash, width, points, _end_x, _end_y), label_y) in enumerate(
                zip(drawn, label_ys, strict=True)
            )
        ],
        x_ticks=[Tick(x_of(value), text) for value, text in x_ticks],
        y_ticks=[Tick(y_of(percent), f"{percent}\u202f%") for percent in (0, 25, 50, 75, 100)],
        width=STEP_WIDTH,
        height=PLOT_TOP + PLOT_HEIGHT + PLOT_BOTTOM,
    )
