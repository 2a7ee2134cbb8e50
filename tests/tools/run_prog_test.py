"""tests/tools/run_prog_test.py - tools/run-prog as its user meets it: a
program that crashes says so on stderr (the kernel's one-line fault report,
then "run-prog: killed by signal 11 (Segmentation fault)"), faults a handler
catches are not reported, while stdout
carries the program's output and nothing else; a program that exits says
nothing more. Then the part of run-prog that sorts the serial output
(SerialSplitter), fed by hand in awkward pieces.

    run_all() -> [(name, passed, detail)]
    python3 tests/tools/run_prog_test.py"""
import importlib.machinery
import importlib.util
import io
import os
import re
import subprocess
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest_results  # noqa: E402
RUN_PROG = os.path.join(ROOT, "tools", "run-prog")
CRASH = os.path.join(ROOT, "tests", "tools", "crash.c")
TIMEOUT = 120


def load_run_prog():
    """tools/run-prog as a module (its file name has no .py)."""
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    loader = importlib.machinery.SourceFileLoader("run_prog", RUN_PROG)
    spec = importlib.util.spec_from_loader("run_prog", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def run_prog(*arguments):
    """(status, stdout, stderr) of `tools/run-prog tests/tools/crash.c ARGUMENTS`."""
    proc = subprocess.run([RUN_PROG, "-t", "60", CRASH] + list(arguments), capture_output=True, timeout=TIMEOUT)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


class RunProgSaysHowTheProgramEnded(unittest.TestCase):
    def test_a_segfault_shows_the_fault_report_and_the_signal_on_stderr(self):
        status, out, err = run_prog("segv")
        self.assertEqual(status, 139, "stderr:\n" + err)
        self.assertEqual(out, "before the fault\n", "stdout is the program's output alone")
        self.assertRegex(err, r"(?m)^\[kernel\] pid 2 \(crash\): page fault at eip=0x[0-9a-f]{8} "
                              r"touching 0x00000000, a bad address: signal 11$")
        self.assertIn("run-prog: killed by signal 11 (Segmentation fault)\n", err)

    def test_faults_a_handler_catches_get_no_report(self):
        status, out, err = run_prog("caught")
        self.assertEqual(status, 0, "stderr:\n" + err)
        self.assertEqual(out, "caught 3 faults, then wrote 'x'\n")
        self.assertNotIn("[kernel]", err, "caught faults: no report (Linux reports only unhandled ones)")

    def test_a_kill_by_another_signal_is_named_too(self):
        status, out, err = run_prog("term")
        self.assertEqual(status, 143, "stderr:\n" + err)
        self.assertIn("run-prog: killed by signal 15 (Terminated)\n", err)
        self.assertNotIn("[kernel]", err, "no fault: no report")

    def test_a_program_that_exits_gets_no_word(self):
        status, out, err = run_prog("exit", "3")
        self.assertEqual(status, 3, "stderr:\n" + err)
        self.assertNotIn("killed", err)
        self.assertEqual(out, "")


class SerialSplitterSortsTheSerialLine(unittest.TestCase):
    def split(self, chunks, trace=False):
        run_prog_module = load_run_prog()
        out, errors, trace_file = io.BytesIO(), io.BytesIO(), io.BytesIO()
        splitter = run_prog_module.SerialSplitter(trace_file if trace else None, errors)
        for chunk in chunks:
            splitter.write(chunk, out)
        splitter.flush(out)
        return out.getvalue(), errors.getvalue(), trace_file.getvalue()

    def test_kernel_lines_go_to_stderr_even_in_the_middle_of_a_program_line(self):
        out, err, _ = self.split([b"one\nhal", b"f[ker", b"nel] pid 2 (x): page fault\n", b"rest\n"])
        self.assertEqual(out, b"one\nhalfrest\n")
        self.assertEqual(err, b"[kernel] pid 2 (x): page fault\n")

    def test_what_only_looks_like_the_start_of_a_mark_is_the_programs(self):
        out, err, _ = self.split([b"a [ke", b"y] b\n[", b"k"])
        self.assertEqual(out, b"a [key] b\n[k")
        self.assertEqual(err, b"")

    def test_trace_lines_go_to_the_trace_file_and_kernel_lines_still_to_stderr(self):
        out, err, trace = self.split([b"x[trace] 5 send pid=2\n[kernel] PANIC: y\nz"], trace=True)
        self.assertEqual((out, err, trace), (b"xz", b"[kernel] PANIC: y\n", b"[trace] 5 send pid=2\n"))

    def test_without_a_trace_file_trace_lines_are_output(self):
        out, _, _ = self.split([b"[trace] 5 send\n"])
        self.assertEqual(out, b"[trace] 5 send\n")


def run_all():
    """[(name, passed, detail)], one per test method, for tools/run-tests."""
    return unittest_results.results_of(sys.modules[__name__], "tools.run_prog.")


if __name__ == "__main__":
    unittest.main()
