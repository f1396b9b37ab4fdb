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
