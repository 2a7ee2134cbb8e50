"""tests/tools/kernel_lines_test.py - tools/kernel-lines --build, the count
the build prints after each kernel link from the lists make wrote and a
cache of each source's headers, says what the compiler's whole list says
(`tools/kernel-lines PROFILE`, which docs/reading-order.md is made from):
without its cache, with it, and with a cache of which some entries are
stale and wrong. The tree's files are never touched: a stale entry is one
whose source's time no longer matches.

    run_all() -> [(name, passed, detail)]
    python3 tests/tools/kernel_lines_test.py"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest_results  # noqa: E402

TOOL = os.path.join(ROOT, "tools", "kernel-lines")


def count(*arguments):
    done = subprocess.run([TOOL] + list(arguments), capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise AssertionError("tools/kernel-lines %s: status %d\n%s" % (" ".join(arguments), done.returncode,
                                                                       done.stderr))
    return done.stdout


class BuildCountTest(unittest.TestCase):
    def setUp(self):
        # a build directory of its own: the lists make writes at a link,
        # and the cache the tool makes there
        lists = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT, "print-kernel-lines-lists"],
                               capture_output=True, text=True, timeout=120)
        self.assertEqual(lists.returncode, 0, lists.stderr)
        self.profile = lists.stdout.split("\n", 1)[0].split()[1]
        self.work = tempfile.mkdtemp(prefix="kernel-lines.")
        with open(os.path.join(self.work, "kernel-sources.txt"), "w") as f:
            f.write(lists.stdout)
        self.cache = os.path.join(self.work, "kernel-headers.json")

    def tearDown(self):
        shutil.rmtree(self.work, ignore_errors=True)

    def test_the_count_is_the_compilers_cold_warm_and_with_stale_entries(self):
        whole = count("--files", self.profile)
        self.assertEqual(count("--files", "--build", self.work), whole, "no cache")
        self.assertEqual(count("--files", "--build", self.work), whole, "with the cache just made")
        with open(self.cache) as f:
            cache = json.load(f)
        stale = sorted(cache["sources"])[::50]
        for source in stale:
            cache["sources"][source]["mtime"] -= 1      # as if the source had changed since
            cache["sources"][source]["headers"] = []    # and its list were wrong
        with open(self.cache, "w") as f:
            json.dump(cache, f)
        self.assertEqual(count("--files", "--build", self.work), whole, "%d entries stale" % len(stale))
        with open(self.cache) as f:
            entries = json.load(f)["sources"]
        self.assertTrue(all(entries[source]["mtime"] == os.stat(os.path.join(ROOT, source)).st_mtime_ns
                            for source in stale), "the stale entries made again")


def run_all():
    return unittest_results.results_of(sys.modules[__name__], "tools.kernel_lines.")


if __name__ == "__main__":
    unittest.main()
