"""tools/bench_chart.py - the picture of `make bench`: a horizontal bar
chart, on a logarithmic scale, of guest instructions per operation for this
kernel and for Linux 6.1. Plain SVG written by hand (no plotting library),
so it needs nothing beyond Python and shows in any browser or on GitHub.

write_svg(path, rows): rows are (title, ours, linux, per_byte) with ours or
linux None where there is no figure (NA, or no such call on Linux).

write_scaling_svg(path, rows, subtitle): the scaling rows' picture, the
ratio of two pairs' round trips to one pair's, and its numbers beside it
in a .json, from which render_scaling_svg draws it again (below)."""
import json
import math
import re
from xml.sax.saxutils import escape

WIDTH = 980
LABEL_WIDTH = 370          # the operations' names, right-aligned, left of the bars
PLOT_WIDTH = 500
TOP = 78                   # title and legend above the first row
ROW_HEIGHT = 34
BAR_HEIGHT = 12
OURS_COLOUR = "#2f6db5"
LINUX_COLOUR = "#b8b8b8"
GRID_COLOUR = "#e2e2e2"
FONT = 'font-family="DejaVu Sans, Helvetica, Arial, sans-serif"'


def figure_text(value, per_byte):
    if per_byte:
        return "%.2f / byte" % value
    return "{:,}".format(int(round(value)))


def decade_label(exponent):
    value = 10 ** exponent
    names = {3: "1k", 4: "10k", 5: "100k", 6: "1M", 7: "10M"}
    if exponent in names:
        return names[exponent]
    return "%g" % value


def write_svg(path, rows):
    values = [v for _, ours, linux, _ in rows for v in (ours, linux) if v]
    low = math.floor(math.log10(min(values))) if values else 0
    high = math.ceil(math.log10(max(values))) if values else 1
    high = max(high, low + 1)

    def x_of(value):
        return LABEL_WIDTH + (math.log10(value) - low) / (high - low) * PLOT_WIDTH

    height = TOP + ROW_HEIGHT * len(rows) + 40
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">'
           % (WIDTH, height, WIDTH, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="24" %s font-size="16" font-weight="bold">Guest instructions per operation: '
           'this kernel and Linux 6.1 (QEMU -icount shift=0, log scale)</text>' % (12, FONT)]
    # the legend
    out.append('<rect x="%d" y="38" width="14" height="%d" fill="%s"/>' % (LABEL_WIDTH, BAR_HEIGHT, OURS_COLOUR))
    out.append('<text x="%d" y="49" %s font-size="12">this kernel (median of 1000)</text>'
               % (LABEL_WIDTH + 20, FONT))
    out.append('<rect x="%d" y="38" width="14" height="%d" fill="%s"/>'
               % (LABEL_WIDTH + 220, BAR_HEIGHT, LINUX_COLOUR))
    out.append('<text x="%d" y="49" %s font-size="12">Linux 6.1 i386, same method</text>'
               % (LABEL_WIDTH + 240, FONT))
    # one vertical line per power of ten, labelled below the rows
    bottom = TOP + ROW_HEIGHT * len(rows)
    for exponent in range(low, high + 1):
        x = x_of(10 ** exponent)
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s"/>' % (x, TOP - 8, x, bottom, GRID_COLOUR))
        out.append('<text x="%.1f" y="%d" %s font-size="11" text-anchor="middle" fill="#555">%s</text>'
                   % (x, bottom + 16, FONT, decade_label(exponent)))
    out.append('<text x="%d" y="%d" %s font-size="11" text-anchor="middle" fill="#555">'
               'instructions (per byte for throughput)</text>' % (LABEL_WIDTH + PLOT_WIDTH // 2, bottom + 32, FONT))
    # the rows
    for index, (title, ours, linux, per_byte) in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        out.append('<text x="%d" y="%d" %s font-size="12" text-anchor="end">%s</text>'
                   % (LABEL_WIDTH - 8, y + BAR_HEIGHT + 3, FONT, escape(title)))
        for offset, value, colour, missing in ((0, ours, OURS_COLOUR, "not measured (NA)"),
                                               (BAR_HEIGHT + 2, linux, LINUX_COLOUR, "no Linux figure")):
            if value:
                end = x_of(value)
                out.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>'
                           % (LABEL_WIDTH, y + offset, max(end - LABEL_WIDTH, 1), BAR_HEIGHT, colour))
                out.append('<text x="%.1f" y="%d" %s font-size="10" fill="#333">%s</text>'
                           % (end + 4, y + offset + BAR_HEIGHT - 2, FONT, figure_text(value, per_byte)))
            elif missing:
                out.append('<text x="%d" y="%d" %s font-size="10" font-style="italic" fill="#888">%s</text>'
                           % (LABEL_WIDTH + 4, y + offset + BAR_HEIGHT - 2, FONT, missing))
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def write_scaling_svg(path, rows, subtitle):
    """Writes the scaling picture to `path` and its numbers beside it
    (`path` with .json for .svg), from which render_scaling_svg draws it
    again (tests/tools/bench_chart_test.py)."""
    numbers = {"subtitle": subtitle, "rows": [[title, ours, linux] for title, ours, linux in rows]}
    with open(re.sub(r"\.svg$", "", path) + ".json", "w") as f:
        json.dump(numbers, f, indent=1)
        f.write("\n")
    with open(path, "w") as f:
        f.write(render_scaling_svg(numbers))


def render_scaling_svg(numbers):
    """The picture of the scaling rows (tools/bench --only smp_scaling):
    for each mechanism, two pairs' round trips over one pair's, ours and
    Linux's, each a bar to the median of the rounds with a line across
    their range. numbers["rows"] are [title, ours, linux], each a list of
    ratios (one a round; empty where there is none). A linear scale from
    0, with lines at 1 (the second pair gained nothing), 1.7 (issue 35's
    mark for independent pairs) and 2 (twice one pair)."""
    rows, subtitle = numbers["rows"], numbers["subtitle"]
    values = [v for _, ours, linux in rows for v in ours + linux]
    high = max(2.5, math.ceil(max(values) * 4) / 4) if values else 2.5

    def x_of(value):
        return LABEL_WIDTH + value / high * PLOT_WIDTH

    def median(values):
        values = sorted(values)
        return values[(len(values) - 1) // 2]

    height = TOP + ROW_HEIGHT * len(rows) + 40
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">'
           % (WIDTH, height, WIDTH, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="24" %s font-size="16" font-weight="bold">Two pairs on two CPUs against one pair: '
           'round trips in 300 ms, 2 / 1</text>' % (12, FONT),
           '<text x="%d" y="%d" %s font-size="11" fill="#555">%s</text>' % (12, 42, FONT, escape(subtitle))]
    out.append('<rect x="%d" y="52" width="14" height="%d" fill="%s"/>' % (LABEL_WIDTH, BAR_HEIGHT, OURS_COLOUR))
    out.append('<text x="%d" y="63" %s font-size="12">this kernel</text>' % (LABEL_WIDTH + 20, FONT))
    out.append('<rect x="%d" y="52" width="14" height="%d" fill="%s"/>'
               % (LABEL_WIDTH + 120, BAR_HEIGHT, LINUX_COLOUR))
    out.append('<text x="%d" y="63" %s font-size="12">Linux 6.1 i386, same QEMU and program</text>'
               % (LABEL_WIDTH + 140, FONT))
    bottom = TOP + ROW_HEIGHT * len(rows)
    for value, label in ((0, "0"), (0.5, "0.5"), (1, "1: no gain"), (1.5, "1.5"), (1.7, "1.7"), (2, "2: twice")):
        x = x_of(value)
        colour = "#c77" if value == 1.7 else GRID_COLOUR
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s"/>' % (x, TOP - 8, x, bottom, colour))
        out.append('<text x="%.1f" y="%d" %s font-size="11" text-anchor="middle" fill="#555">%s</text>'
                   % (x, bottom + 16 + (12 if value == 1.7 else 0), FONT, label))
    for index, (title, ours, linux) in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        out.append('<text x="%d" y="%d" %s font-size="12" text-anchor="end">%s</text>'
                   % (LABEL_WIDTH - 8, y + BAR_HEIGHT + 3, FONT, escape(title)))
        for offset, values, colour, missing in ((0, ours, OURS_COLOUR, "not measured (NA)"),
                                                (BAR_HEIGHT + 2, linux, LINUX_COLOUR, "no such call on Linux")):
            if not values:
                out.append('<text x="%d" y="%d" %s font-size="10" font-style="italic" fill="#888">%s</text>'
                           % (LABEL_WIDTH + 4, y + offset + BAR_HEIGHT - 2, FONT, missing))
                continue
            middle = median(values)
            out.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>'
                       % (LABEL_WIDTH, y + offset, max(x_of(middle) - LABEL_WIDTH, 1), BAR_HEIGHT, colour))
            centre = y + offset + BAR_HEIGHT / 2
            out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#222"/>'
                       % (x_of(min(values)), centre, x_of(max(values)), centre))
            out.append('<text x="%.1f" y="%d" %s font-size="10" fill="#333">%.2f</text>'
                       % (x_of(max(values)) + 4, y + offset + BAR_HEIGHT - 2, FONT, middle))
    out.append("</svg>")
    return "\n".join(out) + "\n"
