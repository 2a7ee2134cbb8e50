"""tests/tools/thread_layout_test.py - tools/thread_layout.py, which draws
docs/threads.md's picture of a process and its threads from what GDB reads
in the kernel: the picture in docs/ is what the numbers beside it
(docs/threads-layout.json) draw, today's drawing code unchanged; and a
real capture (a boot under GDB, as `make thread-layout` does) still finds
three threads of producer_consumer that share one page directory, each
with a user stack, a %gs base and a kernel stack of its own.

    run_all() -> [(name, passed, detail)]
    python3 tests/tools/thread_layout_test.py"""
import json
import os
import re
import shutil
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest_results  # noqa: E402
sys.path.insert(0, os.path.join(ROOT, "tools"))
import thread_layout  # noqa: E402

DOCS_JSON = os.path.join(ROOT, "docs", "threads-layout.json")
DOCS_SVG = os.path.join(ROOT, "docs", "threads-layout.svg")


class DrawingTest(unittest.TestCase):
    def test_the_picture_in_docs_is_what_its_numbers_draw(self):
        with open(DOCS_JSON) as f:
            layout = json.load(f)
        with open(DOCS_SVG) as f:
            self.assertEqual(thread_layout.render_svg(layout), f.read(),
                             "docs/threads-layout.svg is stale: tools/thread_layout.py --draw docs/threads-layout.json "
                             "-o docs/threads-layout.svg (or make thread-layout)")


class CaptureTest(unittest.TestCase):
    def test_gdb_finds_three_threads_sharing_one_address_space(self):
        if not shutil.which("gdb"):
            self.skipTest("no gdb")
        build = os.path.join(ROOT, "build")
        with tempfile.TemporaryDirectory() as work:
            path = os.path.join(work, "layout.json")
            thread_layout.capture(build, os.path.join(ROOT, "user", "demos", "threads", "producer_consumer.c"),
                                  ["1", "1", "8"], 3, ["ring", "mutex"], path)
            with open(path) as f:
                layout = json.load(f)
        threads = layout["threads"]
        self.assertEqual(len(threads), 3)
        self.assertEqual(threads[0]["tid"], layout["pid"], "the first thread's tid is the pid")
        self.assertEqual({t["page_directory"] for t in threads}, {layout["page_directory"]}, "one CR3 for all")
        self.assertEqual(sum(t["running"] for t in threads), 1, "one runs, in sys_futex_wait; the others wait")
        for key in ("user_esp", "tls_base", "kernel_stack_top", "errno_address"):
            self.assertEqual(len({t[key] for t in threads}), 3, "each thread its own %s" % key)
        stacks = sorted((t["kernel_stack"], t["kernel_stack_top"]) for t in threads)
        for (_, top), (bottom, _) in zip(stacks, stacks[1:]):
            self.assertLessEqual(top, bottom, "kernel stacks do not overlap")
        for t in threads:
            self.assertTrue(t["kernel_stack"] < t["kernel_esp"] <= t["kernel_stack_top"], "esp in its kernel stack")
            # (wait: pthread_cond_wait's body in libc/thread/cond.c, when the compiler did not inline it)
            self.assertTrue(re.match(r"pthread_|usleep|nanosleep|wait$", t["eip_function"]), t["eip_function"])
        for t in threads:
            self.assertEqual(t["gs"] >> 3, 6 + t["tid"] % 256, "tid %d's %%gs names its own GDT entry" % t["tid"])
            self.assertEqual(t["gs_descriptor_base"], t["tls_base"], "whose base is its TLS base")
        self.assertEqual([g["name"] for g in layout["globals"]], ["ring", "mutex"])


def run_all():
    """[(name, passed, detail)], one per test method, for tools/run-tests."""
    return unittest_results.results_of(sys.modules[__name__], "tools.thread_layout.")


if __name__ == "__main__":
    unittest.main()
