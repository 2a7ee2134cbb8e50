"""tests/trace/trace_boot_test.py - the kernel's IPC trace, end to end.

tests/trace/ipc_tour.c (a call and its reply, an asynchronous message, a
mailbox rendezvous, bytes through a pipe, a signal) is compiled, added to a
copy of the boot image and run with `trace` on the command line; the test
checks the trace lines the kernel wrote (docs/tracing.md) and the picture
tools/trace_view.py draws from them, its labels measured as they are drawn. A second boot without `trace` must
write none.

    run_all(kernel, initrd, qemu_command) -> [(name, passed, detail)]
    python3 tests/trace/trace_boot_test.py [build]"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ElementTree

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import trace_view  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import label_boxes  # noqa: E402

PROGRAM = "ipc_tour"
TIMEOUT = 60
DETERMINISTIC_TIME = ["-icount", "shift=0,sleep=off"]   # as tools/run-tests's boot tests
SVG = "{http://www.w3.org/2000/svg}"

# The events the tour must produce, in this order (other events may come in
# between: blocks and wakes depend on who runs first).
EXPECTED_IN_ORDER = [
    r"trace-start format=1",
    r"exec pid=2 name=ipc_tour",
    r"create pid=2 obj=pipe:(\d+)",
    r"create pid=2 obj=mailbox:tour capacity=0",
    r"fork pid=2 child=3",
    r"send pid=2 to=3 type=1 len=5 mode=call via=(wait|direct)",
    r"recv pid=3 from=2 type=1 len=5 via=(sender|direct)",
    r"send pid=3 to=2 type=2 len=5 mode=reply via=direct",
    r"recv pid=2 from=3 type=2 len=5 via=reply",
    r"send pid=2 to=3 type=3 len=5 mode=async via=(inbox|direct)",
    r"recv pid=3 from=2 type=3 len=5 via=(inbox|direct)",
    r"send pid=2 obj=mailbox:tour type=4 len=4 via=(wait|direct)",
    r"recv pid=3 obj=mailbox:tour from=2 type=4 len=4 via=(sender|direct)",
    r"write pid=2 obj=pipe:\d+ bytes=5",
    r"read pid=3 obj=pipe:\d+ bytes=5",
    r"signal pid=2 to=3 sig=10",
    r"deliver pid=3 sig=10 action=handler",
    r"exit pid=3 code=0 signal=0",
    r"exit pid=2 code=0 signal=0",
]


def build_image(kernel, initrd, work):
    """Compiles ipc_tour.c into a copy of `initrd` as /bin/ipc_tour."""
    build = os.path.dirname(os.path.abspath(kernel))
    compile_command = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT, "B=" + build,
                                      "print-user-compile"],
                                     capture_output=True, text=True, check=True).stdout.split()
    binary = os.path.join(work, PROGRAM)
    source = os.path.join(ROOT, "tests", "trace", PROGRAM + ".c")
    command = [binary if w == "OUTPUT" else source if w == "SOURCES" else w for w in compile_command]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    image = os.path.join(work, "initrd.tar")
    shutil.copy(initrd, image)
    with tarfile.open(image, "a", format=tarfile.USTAR_FORMAT) as tar:
        info = tar.gettarinfo(binary, arcname="./bin/" + PROGRAM)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mode = 0o755
        with open(binary, "rb") as f:
            tar.addfile(info, f)
    return image


def boot(qemu_command, kernel, image, options):
    """The serial output of one run of the tour (it powers off at the end)."""
    command = list(qemu_command) + DETERMINISTIC_TIME + ["-display", "none", "-serial", "stdio", "-monitor", "none",
                                    "-kernel", kernel, "-initrd", image,
                                    "-append", "serial=raw quiet panic=poweroff %s -- --run /bin/%s"
                                    % (options, PROGRAM)]
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
        return done.stdout.decode("utf-8", "replace"), False
    except subprocess.TimeoutExpired as expired:
        return (expired.stdout or b"").decode("utf-8", "replace"), True


def tail(text, lines=40):
    return "\n    ".join(text.strip().splitlines()[-lines:])


def check_events(log):
    """Is every expected event there, in order? Returns the problems."""
    lines = [event.raw for event in trace_view.parse(log.splitlines())]
    position = 0
    for pattern in EXPECTED_IN_ORDER:
        found = next((i for i in range(position, len(lines)) if re.search(r"\] \d+ " + pattern + "$", lines[i])),
                     None)
        if found is None:
            return ["no line matching `%s` after line %d" % (pattern, position)]
        position = found + 1
    return []


def check_blocks_end(log):
    """Every block of a process ends: by its wake, or by its exit."""
    problems = []
    blocked = {}
    for event in trace_view.parse(log.splitlines()):
        pid = event.int("pid")
        if pid <= 0:
            continue
        if event.kind == "block":
            if pid in blocked:
                problems.append("pid %d blocked again without a wake: %s" % (pid, event.raw))
            blocked[pid] = event.raw
        elif event.kind in ("wake", "exit"):
            blocked.pop(pid, None)
    problems += ["pid %d never woke: %s" % (pid, raw) for pid, raw in blocked.items() if pid != 1]
    return problems


def check_picture(log):
    diagram = trace_view.Diagram(trace_view.parse(log.splitlines()))
    root = ElementTree.fromstring(trace_view.render_svg(diagram, "ipc_tour"))
    problems = []
    lifelines = sorted(g.get("data-pid") for g in root.iter(SVG + "g") if g.get("class") == "lifeline")
    if not {"1", "2", "3"} <= set(lifelines):
        problems.append("lifelines %s, expected pids 1, 2 and 3" % lifelines)
    drawn = [(g.get("class"), g.get("data-from"), g.get("data-to")) for g in root.iter(SVG + "g")
             if g.get("class", "").startswith("arrow")]
    for style, source, target in [("message", "2", "3"), ("reply", "3", "2"), ("async", "2", "3"),
                                  ("mailbox", "2", "3"), ("pipe", "2", "3"), ("signal", "2", "3"),
                                  ("fork", "2", "3")]:
        if ("arrow " + style, source, target) not in drawn:
            problems.append("no %s arrow from pid %s to pid %s (arrows: %s)" % (style, source, target, drawn))
    lost = [d for d in drawn if d[0].endswith(" lost")]
    if lost:
        problems.append("messages drawn as never received: %s" % lost)
    return problems


def check_labels(log):
    """No text of the picture covers another (tests/trace/label_boxes.py)."""
    svg = trace_view.render_svg(trace_view.Diagram(trace_view.parse(log.splitlines())), "IPC trace: ipc_tour")
    boxes = label_boxes.boxes(svg)
    return ["%r covers %r" % pair for pair in label_boxes.overlaps(boxes)] + \
           ["%r reaches past the edge" % box for box in label_boxes.outside(boxes, svg)]


def run_all(kernel, initrd, qemu_command):
    if isinstance(qemu_command, str):
        qemu_command = shlex.split(qemu_command)
    results = []
    with tempfile.TemporaryDirectory(prefix="trace-test.") as work:
        try:
            image = build_image(kernel, initrd, work)
        except subprocess.CalledProcessError as error:
            return [("trace.boot", False, "cannot build tests/trace/%s.c: %s\n    %s" % (
                PROGRAM, error, tail((error.stdout or "") + (error.stderr or ""))))]
        log, timed_out = boot(qemu_command, kernel, image, "trace")
        quiet_log, quiet_timed_out = boot(qemu_command, kernel, image, "")

    problems = (["timed out after %d s" % TIMEOUT] if timed_out else []) + check_events(log)
    results.append(("trace.the_trace_option_writes_every_ipc_event_of_the_tour_in_order", not problems,
                    "; ".join(problems) + "\n    " + tail(log)))
    problems = check_blocks_end(log)
    results.append(("trace.every_block_ends_with_a_wake_or_an_exit", not problems,
                    "; ".join(problems[:5])))
    problems = check_picture(log)
    results.append(("trace.the_picture_of_the_tour_has_its_lifelines_and_arrows", not problems,
                    "; ".join(problems)))
    problems = check_labels(log)
    results.append(("trace.no_label_of_the_tours_picture_covers_another", not problems,
                    "\n    ".join(problems[:10])))
    traced = [line for line in quiet_log.splitlines() if "[trace]" in line]
    results.append(("trace.without_the_option_nothing_is_traced", not traced and not quiet_timed_out,
                    "timed out" if quiet_timed_out else
                    "%d trace lines (a kernel built with TRACE=1 traces from boot):\n    %s" % (
                        len(traced), "\n    ".join(traced[:5]))))
    return results


def main():
    build = os.path.join(ROOT, sys.argv[1] if len(sys.argv) > 1 else "build")
    import qemu_boot
    results = run_all(os.path.join(build, "kernel.elf"), os.path.join(build, "initrd-tests.tar"),
                      qemu_boot.qemu_command())
    for name, passed, detail in results:
        print(("PASS " if passed else "FAIL ") + name + ("" if passed or not detail else ": " + detail))
    failed = sum(1 for _, passed, _ in results if not passed)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
