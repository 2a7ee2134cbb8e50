"""tests/tools/tool_usage_test.py - every program in tools/ answers
`--help` as its user expects: its usage on standard output, naming it,
status 0, at once (no build, no boot, no download); and an option it does
not know ends it with a status other than 0, as soon, before it does
anything. Both run from an empty folder, which stays empty.

    run_all() -> [(name, passed, detail)]
    python3 tests/tools/tool_usage_test.py"""
import os
import subprocess
import sys
import tempfile
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest_results  # noqa: E402

TOOLS = os.path.join(ROOT, "tools")
SECONDS = 20          # the slowest reads the kernel's sources (man_errors.py): about 2 s


def programs():
    """The executable files of tools/ (its folders are GDB's scripts)."""
    return sorted(name for name in os.listdir(TOOLS)
                  if os.path.isfile(os.path.join(TOOLS, name)) and os.access(os.path.join(TOOLS, name), os.X_OK))


def run(name, option):
    """(status, standard output, standard error, seconds, what the empty
    folder it ran in holds afterwards)."""
    with tempfile.TemporaryDirectory() as folder:
        began = time.monotonic()
        done = subprocess.run([os.path.join(TOOLS, name), option], cwd=folder, capture_output=True, text=True,
                              timeout=SECONDS)
        return done.returncode, done.stdout, done.stderr, time.monotonic() - began, os.listdir(folder)


class ToolUsageTest(unittest.TestCase):
    def test_every_tool_prints_its_usage_for_help(self):
        self.assertGreater(len(programs()), 10, "the tools are found")
        wrong = []
        for name in programs():
            status, out, err, seconds, left = run(name, "--help")
            if status != 0:
                wrong.append("tools/%s --help: status %d, %s" % (name, status, err.strip()[-200:]))
            elif name not in out:
                wrong.append("tools/%s --help: its name is not on standard output" % name)
            if left:
                wrong.append("tools/%s --help wrote %s into its folder" % (name, left))
        self.assertEqual([], wrong)

    def test_an_unknown_option_ends_every_tool_with_a_failure(self):
        wrong = []
        for name in programs():
            status, _, _, seconds, left = run(name, "--no-such-option")
            if status == 0:
                wrong.append("tools/%s --no-such-option: status 0" % name)
            if left:
                wrong.append("tools/%s --no-such-option wrote %s into its folder" % (name, left))
        self.assertEqual([], wrong)


def run_all():
    """[(name, passed, detail)], one per test method, for tools/run-tests."""
    return unittest_results.results_of(sys.modules[__name__], "tools.usage.")


if __name__ == "__main__":
    unittest.main()
