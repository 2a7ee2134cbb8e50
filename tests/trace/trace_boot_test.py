"""tests/trace/trace_boot_test.py - the kernel's IPC trace, end to end.

tests/trace/ipc_tour.c (a call and its reply, an asynchronous message, a
mailbox rendezvous, bytes through a pipe, a signal) is compiled, added to a
copy of the boot image and run with `trace` on the command line; the test
checks the trace lines the kernel wrote (docs/tracing.md) and the picture
tools/trace_view.py draws from them, its labels measured as they are drawn. A second boot without `trace` must
write none. tests/trace/thread_tour.c does the same with a process of two
threads: each of its events names its thread, and each thread gets a
lifeline of its own; the single-threaded tour's lines name none.
tests/trace/futex_tour.c has two threads meet on futexes: its waits and
wakes are traced in order, and each wake is an arrow to the thread it woke.
tests/trace/tcp_tour.c opens, uses and closes one TCP connection over the
loopback: each segment is traced leaving and arriving, in order, and the
network chart (trace_view.py --network) draws each as one arrow.

    run_all(kernel, initrd, qemu_command) -> [(name, passed, detail)]
    python3 tests/trace/trace_boot_test.py [build]"""
import os
import re
import shlex
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import qemu_boot  # noqa: E402
import trace_view  # noqa: E402
import trace_network  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import label_boxes  # noqa: E402

PROGRAMS = ["ipc_tour", "thread_tour", "futex_tour", "tcp_tour"]
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

# The same for the thread tour: pid 3's second thread is tid 4. A thread
# that is not its process's first says so with tid=.
THREAD_TOUR_IN_ORDER = [
    r"exec pid=2 name=thread_tour",
    r"fork pid=2 child=3",
    r"thread_create pid=3 tid=4 by=3 task=\d+",
    r"send pid=3 tid=4 to=2 type=1 len=5 mode=sync via=(wait|direct)",
    r"recv pid=2 from=4 type=1 len=5 via=(sender|direct)",
    r"send pid=2 to=4 type=2 len=4 mode=call via=(wait|direct)",
    r"recv pid=3 tid=4 from=2 type=2 len=4 via=(sender|direct)",
    r"send pid=3 tid=4 to=2 type=3 len=5 mode=reply via=direct",
    r"recv pid=2 from=4 type=3 len=5 via=reply",
    r"write pid=2 obj=pipe:\d+ bytes=3",
    r"read pid=3 obj=pipe:\d+ bytes=3",
    r"signal pid=3 to=3 to_tid=4 sig=10",
    r"deliver pid=3 tid=4 sig=10 action=handler",
    r"thread_exit pid=3 tid=4 task=\d+",
    r"exit pid=3 code=0 signal=0",
    r"exit pid=2 code=0 signal=0",
]

# The futex tour's four meetings (pid 2's second thread is tid 3): a
# contended mutex, a condition variable, a wait that finds its word
# changed, a join.
WORD = r"word=0x[0-9a-f]{8}"
FUTEX_TOUR_IN_ORDER = [
    r"exec pid=2 name=futex_tour",
    r"thread_create pid=2 tid=3 by=2 task=\d+",
    r"futex_wait pid=2 tid=3 %s value=2 expected=2 key=private result=sleep" % WORD,
    r"futex_wake pid=2 %s woke=3" % WORD,
    r"futex_wake pid=2 tid=3 %s woke=0" % WORD,
    r"futex_wait pid=2 tid=3 %s value=0 expected=0 key=private result=sleep" % WORD,
    r"futex_wake pid=2 %s woke=3" % WORD,
    r"futex_wait pid=2 %s value=1 expected=0 key=private result=EAGAIN" % WORD,
    r"futex_wait pid=2 %s value=1 expected=1 key=private result=sleep" % WORD,
    r"futex_wake pid=2 tid=3 %s woke=2" % WORD,
    r"thread_exit pid=2 tid=3 task=\d+",
    r"exit pid=2 code=0 signal=0",
]

# The segments of tests/trace/tcp_tour.c, each written going out and then
# coming in (the loopback), with the state of the end that writes it.
CLIENT, SERVER = r"127\.0\.0\.1:\d+", r"127\.0\.0\.1:7777"


def segment(direction, source, destination, flags, state, length=0):
    return r"tcp dir=%s src=%s dst=%s flags=%s seq=\d+ ack=\d+ len=%d win=\d+ state=%s" % (
        direction, source, destination, re.escape(flags), length, state)


def both_ways(source, destination, flags, sender_state, receiver_state, length=0):
    return [segment("out", source, destination, flags, sender_state, length),
            segment("in", source, destination, flags, receiver_state, length)]


TCP_TOUR_IN_ORDER = [r"exec pid=2 name=tcp_tour", r"fork pid=2 child=3"] + \
    both_ways(CLIENT, SERVER, "SYN", "SYN_SENT", "LISTEN") + \
    both_ways(SERVER, CLIENT, "SYN|ACK", "SYN_RECEIVED", "SYN_SENT") + \
    both_ways(CLIENT, SERVER, "ACK", "ESTABLISHED", "SYN_RECEIVED") + \
    both_ways(CLIENT, SERVER, "PSH|ACK", "ESTABLISHED", "ESTABLISHED", 13) + \
    both_ways(SERVER, CLIENT, "PSH|ACK", "ESTABLISHED", "ESTABLISHED", 13) + \
    both_ways(CLIENT, SERVER, "FIN|ACK", "FIN_WAIT_1", "ESTABLISHED") + \
    both_ways(SERVER, CLIENT, "ACK", "CLOSE_WAIT", "FIN_WAIT_1") + \
    both_ways(SERVER, CLIENT, "FIN|ACK", "LAST_ACK", "FIN_WAIT_2") + \
    both_ways(CLIENT, SERVER, "ACK", "FIN_WAIT_2", "LAST_ACK") + \
    [r"exit pid=3 code=0 signal=0", r"exit pid=2 code=0 signal=0"]


def check_network_picture(log):
    """The network chart: two endpoints, the nine segments each one arrow
    seen leaving and arriving, no label covering another."""
    diagram = trace_network.NetworkDiagram(trace_view.parse(log.splitlines()))
    svg = trace_network.render_network_svg(diagram, "Network trace: tcp_tour")
    root = ElementTree.fromstring(svg)
    problems = []
    ends = [g.get("data-endpoint") for g in root.iter(SVG + "g") if "endpoint" in g.get("class", "").split()]
    if len(ends) != 2 or not ends[1].endswith(":7777"):
        problems.append("lifelines %s, expected the client's endpoint and 127.0.0.1:7777" % ends)
    arrows = [(g.get("class"), g.get("data-seen")) for g in root.iter(SVG + "g")
              if "segment" in g.get("class", "").split()]
    styles = [css.split()[2] for css, _ in arrows]
    if styles != ["syn", "syn", "ack", "data", "data", "fin", "ack", "fin", "ack"] or \
            any(seen != "both" or "lost" in css for css, seen in arrows):
        problems.append("segments drawn %s" % arrows)
    boxes = label_boxes.boxes(svg)
    problems += ["%r covers %r" % pair for pair in label_boxes.overlaps(boxes)]
    return problems


# What each threaded tour is checked for: its events in order, then its
# picture's lifelines (pid, tid) and arrows (style, from, to).
THREADED_TOURS = [
    ("thread_tour", "each_event_of_a_threaded_process_names_its_thread", THREAD_TOUR_IN_ORDER,
     "the_picture_gives_each_thread_a_lifeline", (("2", None), ("3", "3"), ("3", "4")),
     (("thread", "3", "4"), ("message", "4", "2"), ("message", "2", "4"), ("reply", "4", "2"),
      ("pipe", "2", "3"), ("signal", "3", "4"), ("futex", "4", "3"))),
    ("futex_tour", "futex_waits_and_wakes_are_traced_in_order", FUTEX_TOUR_IN_ORDER,
     "the_picture_draws_each_futex_wake_to_the_thread_it_woke", (("2", "2"), ("2", "3")),
     (("thread", "2", "3"), ("futex", "2", "3"), ("futex", "3", "2"))),
]


def boot(qemu_command, kernel, image, options, program="ipc_tour"):
    """The serial output of one run of a tour (it powers off at the end)."""
    command = list(qemu_command) + DETERMINISTIC_TIME + ["-display", "none", "-serial", "stdio", "-monitor", "none",
                                    "-kernel", kernel, "-initrd", image,
                                    "-append", "serial=raw quiet panic=poweroff %s -- --run /bin/%s"
                                    % (options, program)]
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
        return done.stdout.decode("utf-8", "replace"), False
    except subprocess.TimeoutExpired as expired:
        return (expired.stdout or b"").decode("utf-8", "replace"), True


def tail(text, lines=40):
    return "\n    ".join(text.strip().splitlines()[-lines:])


def check_events(log, expected=EXPECTED_IN_ORDER):
    """Is every expected event there, in order? Returns the problems."""
    lines = [event.raw for event in trace_view.parse(log.splitlines())]
    position = 0
    for pattern in expected:
        found = next((i for i in range(position, len(lines)) if re.search(r"\] \d+ " + pattern + "$", lines[i])),
                     None)
        if found is None:
            return ["no line matching `%s` after line %d" % (pattern, position)]
        position = found + 1
    return []


def check_blocks_end(log):
    """Every block of a thread ends: by its wake, its thread_exit, or its
    process's exit."""
    problems = []
    blocked = {}                          # (pid, tid) -> the block line
    for event in trace_view.parse(log.splitlines()):
        pid, thread = event.int("pid"), (event.int("pid"), event.actor())
        if pid <= 0:
            continue
        if event.kind == "block":
            if thread in blocked:
                problems.append("pid %d tid %d blocked again without a wake: %s" % (thread + (event.raw,)))
            blocked[thread] = event.raw
        elif event.kind in ("wake", "thread_exit"):
            blocked.pop(thread, None)
        elif event.kind == "exit":
            blocked = {key: raw for key, raw in blocked.items() if key[0] != pid}
    problems += ["pid %d tid %d never woke: %s" % (key + (raw,)) for key, raw in blocked.items() if key[0] != 1]
    return problems


def check_single_threaded(log):
    """A trace of single-threaded processes looks as before threads: no
    tid=, no thread events, no SIGKILL of a process's own threads as it
    ends."""
    return ["a line about threads: %s" % event.raw for event in trace_view.parse(log.splitlines())
            if "tid" in event.fields or "to_tid" in event.fields or event.kind.startswith("thread_")]


def check_picture(log, lifelines_expected=(("1", None), ("2", None), ("3", None)),
                  arrows_expected=(("message", "2", "3"), ("reply", "3", "2"), ("async", "2", "3"),
                                   ("mailbox", "2", "3"), ("pipe", "2", "3"), ("signal", "2", "3"),
                                   ("fork", "2", "3"))):
    """The lifelines, each (pid, tid or None), and the arrows, each (style,
    from, to) with the lifelines' tids, are drawn; no message is lost."""
    diagram = trace_view.Diagram(trace_view.parse(log.splitlines()))
    root = ElementTree.fromstring(trace_view.render_svg(diagram, "tour"))
    problems = []
    lifelines = [(g.get("data-pid"), g.get("data-tid")) for g in root.iter(SVG + "g") if g.get("class") == "lifeline"]
    if not set(lifelines_expected) <= set(lifelines):
        problems.append("lifelines (pid, tid) %s, expected %s" % (lifelines, list(lifelines_expected)))
    drawn = [(g.get("class"), g.get("data-from"), g.get("data-to")) for g in root.iter(SVG + "g")
             if g.get("class", "").startswith("arrow")]
    for style, source, target in arrows_expected:
        if ("arrow " + style, source, target) not in drawn:
            problems.append("no %s arrow from %s to %s (arrows: %s)" % (style, source, target, drawn))
    lost = [d for d in drawn if d[0].endswith(" lost")]
    if lost:
        problems.append("messages drawn as never received: %s" % lost)
    return problems


def check_labels(log, program="ipc_tour"):
    """No text of the picture covers another (tests/trace/label_boxes.py)."""
    svg = trace_view.render_svg(trace_view.Diagram(trace_view.parse(log.splitlines())), "IPC trace: " + program)
    boxes = label_boxes.boxes(svg)
    return ["%r covers %r" % pair for pair in label_boxes.overlaps(boxes)] + \
           ["%r reaches past the edge" % box for box in label_boxes.outside(boxes, svg)]


def run_all(kernel, initrd, qemu_command):
    if isinstance(qemu_command, str):
        qemu_command = shlex.split(qemu_command)
    results = []
    with tempfile.TemporaryDirectory(prefix="trace-test.") as work:
        try:
            _, image = qemu_boot.image_with_programs(
                kernel, initrd, work, [os.path.join(ROOT, "tests", "trace", name + ".c") for name in PROGRAMS])
        except subprocess.CalledProcessError as error:
            return [("trace.boot", False, "cannot build the tours in tests/trace: %s\n    %s" % (
                error, tail((error.stdout or "") + (error.stderr or ""))))]
        log, timed_out = boot(qemu_command, kernel, image, "trace")
        quiet_log, quiet_timed_out = boot(qemu_command, kernel, image, "")
        threaded_logs = [boot(qemu_command, kernel, image, "trace", tour[0]) for tour in THREADED_TOURS]
        tcp_log, tcp_timed_out = boot(qemu_command, kernel, image, "trace", "tcp_tour")

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
    problems = check_single_threaded(log)
    results.append(("trace.single_threaded_processes_are_traced_as_before_threads", not problems,
                    "\n    ".join(problems[:10])))

    for (thread_log, thread_timed_out), (name, events_test, expected, picture_test, lifelines, arrows) in zip(
            threaded_logs, THREADED_TOURS):
        problems = (["timed out after %d s" % TIMEOUT] if thread_timed_out else []) + \
            check_events(thread_log, expected) + check_blocks_end(thread_log)
        results.append(("trace." + events_test, not problems, "; ".join(problems[:5]) + "\n    " + tail(thread_log)))
        problems = check_picture(thread_log, lifelines, arrows) + check_labels(thread_log, name)
        results.append(("trace." + picture_test, not problems, "; ".join(problems[:10])))
    problems = (["timed out after %d s" % TIMEOUT] if tcp_timed_out else []) + \
        check_events(tcp_log, TCP_TOUR_IN_ORDER)
    results.append(("trace.each_tcp_segment_is_traced_leaving_and_arriving_in_order", not problems,
                    "; ".join(problems[:5]) + "\n    " + tail(tcp_log)))
    problems = check_network_picture(tcp_log)
    results.append(("trace.the_network_chart_draws_each_segment_as_one_arrow", not problems,
                    "; ".join(problems[:10])))
    traced = [line for line in quiet_log.splitlines() if "[trace]" in line]
    results.append(("trace.without_the_option_nothing_is_traced", not traced and not quiet_timed_out,
                    "timed out" if quiet_timed_out else
                    "%d trace lines (a kernel built with TRACE=1 traces from boot):\n    %s" % (
                        len(traced), "\n    ".join(traced[:5]))))
    return results


def main():
    build = os.path.join(ROOT, sys.argv[1] if len(sys.argv) > 1 else "build")
    results = run_all(os.path.join(build, "kernel.elf"), os.path.join(build, "initrd-tests.tar"),
                      qemu_boot.qemu_command())
    for name, passed, detail in results:
        print(("PASS " if passed else "FAIL ") + name + ("" if passed or not detail else ": " + detail))
    failed = sum(1 for _, passed, _ in results if not passed)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
