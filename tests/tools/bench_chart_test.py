"""tests/tools/bench_chart_test.py - tools/bench_chart.py's picture of the
scaling rows (docs/scaling.svg, written by tools/bench --only smp_scaling):
the picture in docs/ is what the numbers beside it (docs/scaling.json, the
ratio of each round of that run) draw, today's drawing code unchanged; and
a bar ends at the median of its rounds, its line spans their range.

    run_all() -> [(name, passed, detail)]
    python3 tests/tools/bench_chart_test.py"""
import json
import os
import re
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest_results  # noqa: E402
sys.path.insert(0, os.path.join(ROOT, "tools"))
import bench_chart  # noqa: E402

DOCS_JSON = os.path.join(ROOT, "docs", "scaling.json")
DOCS_SVG = os.path.join(ROOT, "docs", "scaling.svg")


class ScalingChartTest(unittest.TestCase):
    def test_the_picture_in_docs_is_what_its_numbers_draw(self):
        with open(DOCS_JSON) as f:
            numbers = json.load(f)
        with open(DOCS_SVG) as f:
            self.assertEqual(bench_chart.render_scaling_svg(numbers), f.read(),
                             "docs/scaling.svg is stale: tools/bench --only smp_scaling --linux-beside --rounds N "
                             "writes both")
        self.assertTrue(any(ours for _, ours, _ in numbers["rows"]), "a run with our figures in it")

    def test_a_bar_ends_at_the_median_and_its_line_spans_the_range(self):
        svg = bench_chart.render_scaling_svg({"subtitle": "s", "rows": [["pipe", [1.5, 2.0, 1.9], []]]})
        high = 2.5                                   # the scale's end when no ratio passes it
        x_of = lambda value: bench_chart.LABEL_WIDTH + value / high * bench_chart.PLOT_WIDTH  # noqa: E731
        widths = [float(w) for w in re.findall(r'<rect x="%d" y="\d+" width="([\d.]+)" height="%d" fill="%s"'
                                               % (bench_chart.LABEL_WIDTH, bench_chart.BAR_HEIGHT,
                                                  bench_chart.OURS_COLOUR), svg)]
        self.assertIn(round(x_of(1.9) - bench_chart.LABEL_WIDTH, 1), widths, "the bar ends at 1.9, the median")
        self.assertIn('x1="%.1f"' % x_of(1.5), svg, "the line starts at the lowest round")
        self.assertIn('x2="%.1f"' % x_of(2.0), svg, "and ends at the highest")
        self.assertIn(">1.90<", svg, "the median is written beside it")
        self.assertIn("no such call on Linux", svg, "an empty Linux list says so")


def run_all():
    """[(name, passed, detail)], one per test method, for tools/run-tests."""
    return unittest_results.results_of(sys.modules[__name__], "tools.bench_chart.")


if __name__ == "__main__":
    unittest.main()
