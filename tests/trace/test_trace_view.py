#!/usr/bin/env python3
"""tests/trace/test_trace_view.py - tools/trace_view.py on small hand-written
logs: what it parses, and which lifelines, arrows, spans and marks end up in
the SVG (each carries a class and data-* attributes for this purpose); then
on the logs of real runs (tests/trace/logs/, each from `make trace-view
PROG=...`): no label of their pictures covers another, measured with the
font's own widths (tests/trace/label_boxes.py). The network chart
(tools/trace_network.py, `trace_view.py --network`) on hand-written
segments and on the log of tests/trace/tcp_tour.c.

    python3 tests/trace/test_trace_view.py        (unittest; -v for names)

run_all() returns [(name, passed, detail)] for tools/run-tests."""
import glob
import io
import os
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree
from contextlib import redirect_stderr, redirect_stdout

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import trace_view  # noqa: E402
import trace_network  # noqa: E402
import label_boxes  # noqa: E402

LOGS = os.path.join(ROOT, "tests", "trace", "logs")

SVG = "{http://www.w3.org/2000/svg}"

# A call and its reply, an asynchronous message, a rendezvous through a
# mailbox, bytes through a pipe, a signal; with program output in between.
CONVERSATION = """\
[kernel] IPC teaching kernel: booting (x86, 32-bit)
[trace] 0 trace-start format=1
[trace] 1000 exec pid=1 name=init
[trace] 2000 fork pid=1 child=2
[trace] 2500 block pid=1 task=4 reason="waitpid" on="any process"
[trace] 3000 exec pid=2 name=client
[trace] 4000 create pid=2 obj=mailbox:printer capacity=0
[trace] 4000 create pid=2 obj=pipe:1
[trace] 5000 fork pid=2 child=3
[trace] 6000 send pid=2 to=3 type=1 len=5 mode=call via=wait
[trace] 6000 block pid=2 task=5 reason="msg_call: waiting for the receiver" on="process 3"
hello from the client, halfway through a line [trace] 7000 recv pid=3 from=2 type=1 len=5 via=sender
[trace] 7000 wake pid=2 task=5 result=normal
[trace] 7500 send pid=3 to=2 type=2 len=4 mode=reply via=direct
[trace] 7500 recv pid=2 from=3 type=2 len=4 via=reply
[trace] 8000 send pid=2 to=3 type=3 len=0 mode=async via=inbox
[trace] 8200 recv pid=3 from=2 type=3 len=0 via=inbox
[trace] 9000 send pid=2 obj=mailbox:printer type=4 len=9 via=wait
[trace] 9000 block pid=2 task=5 reason="mbox_send: rendezvous" on="mailbox printer"
[trace] 9500 recv pid=3 obj=mailbox:printer from=2 type=4 len=9 via=sender
[trace] 9500 wake pid=2 task=5 result=normal
[trace] 10000 write pid=2 obj=pipe:1 bytes=10
[trace] 10001 write pid=2 obj=pipe:1 bytes=5
[trace] 10002 read pid=3 obj=pipe:1 bytes=12
[trace] 10003 read pid=3 obj=pipe:1 bytes=3
[trace] 11000 signal pid=2 to=3 sig=10
[trace] 11000 deliver pid=3 sig=10 action=handler
[trace] 12000 exit pid=3 code=0 signal=0
[trace] 12000 signal pid=0 to=2 sig=17
[trace] 13000 send pid=2 to=1 type=9 len=1 mode=sync via=wait
[trace] 13000 block pid=2 task=5 reason="msg_send" on="process 1"
"""

# A process of two threads (pid 3: tids 3 and 5) beside two of one: a
# thread is drawn by its tid, and only a line that is not of a process's
# first thread says tid=.
THREADS = """\
[trace] 0 trace-start format=1
[trace] 1000 fork pid=2 child=3
[trace] 1500 fork pid=2 child=4
[trace] 2000 thread_create pid=3 tid=5 by=3
[trace] 3000 block pid=3 task=6 reason="pipe read" on="pipe 1"
[trace] 4000 send pid=4 to=5 type=1 len=2 mode=sync via=wait
[trace] 4000 block pid=4 task=7 reason="msg_send" on="thread 5"
[trace] 5000 recv pid=3 tid=5 from=4 type=1 len=2 via=sender
[trace] 5000 wake pid=4 task=7 result=normal
[trace] 6000 signal pid=2 to=3 to_tid=5 sig=10
[trace] 6000 deliver pid=3 tid=5 sig=10 action=handler
[trace] 7000 thread_exit pid=3 tid=5
[trace] 8000 exit pid=3 code=0 signal=0
"""

# Two threads of pid 2 meet on futexes (as tests/trace/futex_tour.c): the
# first waits on a word tid 3 holds, tid 3's end wakes its joiner.
FUTEXES = """\
[trace] 1000 exec pid=2 name=tour
[trace] 2000 thread_create pid=2 tid=3 by=2 task=6
[trace] 3000 futex_wait pid=2 tid=3 word=0x0805310c value=2 expected=2 key=private result=sleep
[trace] 3000 block pid=2 tid=3 task=6 reason="futex (semaphore)" on="-"
[trace] 4000 futex_wake pid=2 word=0x0805310c woke=3
[trace] 4000 wake pid=2 tid=3 task=6 result=normal
[trace] 4500 futex_wake pid=2 tid=3 word=0x0805310c woke=0
[trace] 5000 futex_wait pid=2 word=0xbfffff78 value=1 expected=0 key=private result=EAGAIN
[trace] 5500 futex_wait pid=2 word=0xbf7ffee4 value=1 expected=1 key=private result=sleep
[trace] 5500 block pid=2 task=5 reason="futex (semaphore)" on="-"
[trace] 6000 futex_wake pid=2 tid=3 word=0xbf7ffee4 woke=2
[trace] 6000 wake pid=2 task=5 result=normal
[trace] 6000 thread_exit pid=2 tid=3 task=6
[trace] 7000 exit pid=2 code=0 signal=0
"""

# TCP segments (tools/trace_network.py): a connection over the loopback,
# each segment seen leaving and arriving, one dropped on the way; then one
# with another machine, whose segments are seen only one way each.
SEGMENTS = """\
[trace] 0 trace-start format=1
[trace] 500 block pid=3 task=7 reason="tcp accept" on="socket tcp 127.0.0.1:7"
[trace] 1000 tcp dir=out src=127.0.0.1:40000 dst=127.0.0.1:7 flags=SYN seq=1000 ack=0 len=0 win=65535 state=SYN_SENT
[trace] 1000 packet pid=2 dir=out if=lo src=127.0.0.1 dst=127.0.0.1 proto=tcp len=44
[trace] 1000 packet pid=2 dir=in if=lo src=127.0.0.1 dst=127.0.0.1 proto=tcp len=44
[trace] 1000 tcp dir=in src=127.0.0.1:40000 dst=127.0.0.1:7 flags=SYN seq=1000 ack=0 len=0 win=65535 state=LISTEN
[trace] 1000 tcp dir=out src=127.0.0.1:7 dst=127.0.0.1:40000 flags=SYN|ACK seq=4294967290 ack=1001 len=0 win=65535 state=SYN_RECEIVED
[trace] 1000 tcp dir=in src=127.0.0.1:7 dst=127.0.0.1:40000 flags=SYN|ACK seq=4294967290 ack=1001 len=0 win=65535 state=SYN_SENT
[trace] 1000 tcp dir=out src=127.0.0.1:40000 dst=127.0.0.1:7 flags=ACK seq=1001 ack=4294967291 len=0 win=65535 state=ESTABLISHED
[trace] 1000 tcp dir=in src=127.0.0.1:40000 dst=127.0.0.1:7 flags=ACK seq=1001 ack=4294967291 len=0 win=65535 state=SYN_RECEIVED
[trace] 1000 wake pid=3 task=7 result=normal
[trace] 2000 tcp dir=out src=127.0.0.1:40000 dst=127.0.0.1:7 flags=PSH|ACK seq=1001 ack=4294967291 len=5 win=65535 state=ESTABLISHED
[trace] 3000 tcp dir=out src=127.0.0.1:40000 dst=127.0.0.1:7 flags=PSH|ACK seq=1001 ack=4294967291 len=5 win=65535 state=ESTABLISHED
[trace] 3000 tcp dir=in src=127.0.0.1:40000 dst=127.0.0.1:7 flags=PSH|ACK seq=1001 ack=4294967291 len=5 win=65535 state=ESTABLISHED
[trace] 4000 tcp dir=out src=10.0.2.15:50000 dst=10.0.2.2:80 flags=SYN seq=7 ack=0 len=0 win=65535 state=SYN_SENT
[trace] 5000 tcp dir=in src=10.0.2.2:80 dst=10.0.2.15:50000 flags=RST|ACK seq=0 ack=8 len=0 win=0 state=SYN_SENT
"""

# The same kind of run with only its packets (a kernel whose TCP writes no
# events): one lifeline per address.
PACKETS = """\
[trace] 1000 packet pid=2 dir=out if=eth0 src=10.0.2.15 dst=10.0.2.2 proto=icmp len=84
[trace] 2000 packet pid=0 dir=in if=eth0 src=10.0.2.2 dst=10.0.2.15 proto=icmp len=84
"""


def draw(log):
    """(diagram, parsed SVG root) for a log text."""
    diagram = trace_view.Diagram(trace_view.parse(log.splitlines()))
    return diagram, ElementTree.fromstring(trace_view.render_svg(diagram, "test"))


def groups(root, css_class):
    return [g for g in root.iter(SVG + "g") if css_class in g.get("class", "").split()]


def arrows(root, style):
    """(from, to, start row, end row) of the received arrows of a style."""
    return [(int(g.get("data-from")), g.get("data-to"), int(g.get("data-start")), int(g.get("data-end")))
            for g in groups(root, "arrow") if style in g.get("class").split() and "lost" not in g.get("class")]


class ParsingTest(unittest.TestCase):
    def test_trace_lines_are_found_among_other_output_even_mid_line(self):
        events = trace_view.parse(CONVERSATION.splitlines())
        self.assertEqual(len(events), 30, "every [trace] line and nothing else")
        recv = [e for e in events if e.kind == "recv"][0]
        self.assertEqual((recv.time_ns, recv.int("pid"), recv.int("from"), recv.get("via")), (7000, 3, 2, "sender"))

    def test_quoted_values_keep_their_spaces(self):
        event = trace_view.parse(['[trace] 5 block pid=2 task=5 reason="msg_call: waiting" on="process 3"'])[0]
        self.assertEqual(event.get("reason"), "msg_call: waiting")
        self.assertEqual(event.get("on"), "process 3")


class DrawingTest(unittest.TestCase):
    def setUp(self):
        self.diagram, self.root = draw(CONVERSATION)

    def test_the_svg_is_well_formed_with_one_lifeline_per_process(self):
        pids = [g.get("data-pid") for g in groups(self.root, "lifeline")]
        self.assertEqual(pids, ["0", "1", "2", "3"], "the kernel column (a pid-0 signal), then pids 1, 2, 3")
        names = {g.get("data-pid"): g.get("data-name") for g in groups(self.root, "lifeline")}
        self.assertEqual((names["1"], names["2"], names["3"]), ("init", "client", "client"),
                         "named by exec; a forked child by its parent")

    def test_a_call_is_an_arrow_from_the_send_to_the_receive(self):
        calls = arrows(self.root, "message")
        self.assertEqual(len(calls), 1, "one matched synchronous message: %s" % calls)
        source, target, start, end = calls[0]
        self.assertEqual((source, target), (2, "3"))
        self.assertLess(start, end, "the arrow goes down, from the send to the later receive")

    def test_replies_asynchronous_messages_and_mailboxes_have_their_own_arrows(self):
        self.assertEqual([(a[0], a[1]) for a in arrows(self.root, "reply")], [(3, "2")])
        self.assertEqual([(a[0], a[1]) for a in arrows(self.root, "async")], [(2, "3")])
        self.assertEqual([(a[0], a[1]) for a in arrows(self.root, "mailbox")], [(2, "3")])

    def test_a_system_v_receive_takes_the_oldest_message_of_its_type(self):
        _, root = draw("[trace] 1 send pid=2 obj=msgqueue:5 type=2 len=4 via=held\n"
                       "[trace] 2 send pid=3 obj=msgqueue:5 type=1 len=4 via=held\n"
                       "[trace] 3 recv pid=4 obj=msgqueue:5 type=1 len=4 via=held\n"
                       "[trace] 4 recv pid=4 obj=msgqueue:5 type=2 len=4 via=held\n")
        self.assertEqual([(a[0], a[1], a[2]) for a in arrows(root, "msgqueue")], [(3, "4", 1), (2, "4", 0)],
                         "type 1 from pid 3 first, then type 2 from pid 2")

    def test_each_read_of_a_pipe_gets_arrows_from_the_writes_whose_bytes_it_took(self):
        pipe = [(a[0], a[1]) for a in arrows(self.root, "pipe")]
        self.assertEqual(len(pipe), 3, "10+5 bytes read as 12+3: write1->read1, write2->read1, write2->read2")
        labels = [g.find(SVG + "text").text for g in groups(self.root, "pipe")]
        self.assertEqual(labels, ["pipe 1: 10 B", "pipe 1: 2 B", "pipe 1: 3 B"])

    def test_a_message_never_received_is_drawn_as_lost(self):
        lost = [g for g in groups(self.root, "arrow") if "lost" in g.get("class").split()]
        self.assertEqual(len(lost), 1)
        self.assertEqual((lost[0].get("data-from"), lost[0].get("data-to")), ("2", "1"))
        self.assertIn("not received", "".join(lost[0].itertext()))

    def test_blocked_spans_run_from_block_to_wake_or_to_the_end(self):
        spans = [(g.get("data-pid"), int(g.get("data-start")), int(g.get("data-end")))
                 for g in groups(self.root, "blocked")]
        self.assertEqual(len(spans), 4, spans)
        last_row = self.diagram.rows - 1
        init = [s for s in spans if s[0] == "1"][0]
        self.assertEqual(init[2], last_row, "init never woke: its span reaches the end")
        call_wait = [s for s in spans if s[0] == "2"][0]
        self.assertEqual(call_wait[2] - call_wait[1], 2, "blocked from the block row to the wake row")
        texts = ["".join(g.itertext()) for g in groups(self.root, "blocked")]
        self.assertTrue(any("mbox_send: rendezvous: mailbox printer" in t for t in texts), texts)

    def test_signals_are_arrows_and_deliveries_are_marks(self):
        signals = [(a[0], a[1]) for a in arrows(self.root, "signal")]
        self.assertEqual(signals, [(2, "3"), (0, "2")], "kill from pid 2; SIGCHLD from the kernel")
        delivered = ["".join(g.itertext()) for g in groups(self.root, "signal") if "mark" in g.get("class")]
        self.assertEqual(len(delivered), 1)
        self.assertIn("SIGUSR1: handler", delivered[0])

    def test_forks_exits_and_creations_are_shown(self):
        self.assertEqual([(a[0], a[1]) for a in arrows(self.root, "fork")], [(1, "2"), (2, "3")])
        marks = ["".join(g.itertext()) for g in groups(self.root, "mark")]
        self.assertTrue(any("exit 0" in m for m in marks), marks)
        self.assertTrue(any("create mailbox printer (capacity 0)" in m for m in marks), marks)
        self.assertTrue(any("create pipe 1" in m for m in marks), marks)

    def test_every_arrow_has_the_trace_lines_behind_it_as_a_tooltip(self):
        for g in groups(self.root, "arrow"):
            self.assertIn("[trace]", g.find(SVG + "title").text)


class ThreadsTest(unittest.TestCase):
    def setUp(self):
        self.diagram, self.root = draw(THREADS)

    def test_each_thread_of_a_process_with_several_has_a_lifeline_beside_its_others(self):
        lines = [(g.get("data-pid"), g.get("data-tid")) for g in groups(self.root, "lifeline")]
        self.assertEqual(lines, [("2", None), ("3", "3"), ("3", "5"), ("4", None)],
                         "pid 3's threads side by side, though pid 4 appeared before tid 5")
        titles = [g.find(SVG + "text").text for g in groups(self.root, "lifeline")]
        self.assertEqual(titles, ["pid 2", "pid 3, tid 3", "pid 3, tid 5", "pid 4"])

    def test_a_new_thread_starts_its_lifeline_with_an_arrow_from_its_creator(self):
        self.assertEqual([(a[0], a[1]) for a in arrows(self.root, "thread")], [(3, "5")])

    def test_messages_and_signals_reach_the_thread_they_name(self):
        self.assertEqual([(a[0], a[1]) for a in arrows(self.root, "message")], [(4, "5")])
        self.assertEqual([(a[0], a[1]) for a in arrows(self.root, "signal")], [(2, "5")])
        delivered = [g for g in groups(self.root, "signal") if "mark" in g.get("class")]
        self.assertEqual([(g.get("data-pid"), g.get("data-tid")) for g in delivered], [("3", "5")])

    def test_a_thread_exit_ends_one_lifeline_and_the_exit_all_the_others(self):
        ends = {lane: (line["end"], line["exit"]) for lane, line in self.diagram.lifelines.items()}
        self.assertEqual(ends[5], (self.diagram.rows - 2, "thread exit"))
        self.assertEqual(ends[3], (self.diagram.rows - 1, "exit 0"))
        spans = [(g.get("data-tid"), int(g.get("data-end"))) for g in groups(self.root, "blocked")]
        self.assertIn(("3", self.diagram.rows - 1), spans, "the first thread's wait ends with the process")

    def test_the_summary_counts_processes_and_threads(self):
        self.assertIn("3 processes (4 threads)", trace_view.summary(self.diagram))


class FutexTest(unittest.TestCase):
    def setUp(self):
        self.diagram, self.root = draw(FUTEXES)

    def test_a_futex_wake_is_an_arrow_to_the_thread_it_woke(self):
        self.assertEqual([(a[0], a[1]) for a in arrows(self.root, "futex")], [(2, "3"), (3, "2")],
                         "the unlock wakes tid 3; tid 3's end wakes its joiner")

    def test_a_wait_and_a_wake_that_woke_nobody_are_marks(self):
        marks = [g.find(SVG + "text").text for g in groups(self.root, "futex") if "mark" in g.get("class")]
        self.assertEqual(marks, ["futex_wait: 2 == 2, sleeps", "futex_wake 0x0805310c: nobody waits",
                                 "futex_wait: 1 != 0, EAGAIN", "futex_wait: 1 == 1, sleeps"])
        tids = [g.get("data-tid") for g in groups(self.root, "futex") if "mark" in g.get("class")]
        self.assertEqual(tids, ["3", "3", "2", "2"], "each on the lifeline of the thread it is of")

    def test_a_futex_sleep_is_a_span_that_names_the_word(self):
        spans = [(g.get("data-tid"), int(g.get("data-start")), int(g.get("data-end")))
                 for g in groups(self.root, "blocked")]
        self.assertEqual([s[0] for s in spans], ["3", "2"], "tid 3's wait, then the first thread's")
        self.assertEqual(spans[0][2] - spans[0][1], 2, "from its block to its wake")
        texts = ["".join(g.itertext()) for g in groups(self.root, "blocked")]
        self.assertIn("futex (semaphore): word 0x0805310c", texts[0])
        self.assertIn("futex (semaphore): word 0xbf7ffee4", texts[1])

    def test_the_summary_counts_the_futex_wakes(self):
        self.assertIn("1 processes (2 threads)", trace_view.summary(self.diagram))
        self.assertIn("2 futex wakes", trace_view.summary(self.diagram))


def draw_network(log):
    """(network diagram, parsed SVG root) for a log text."""
    diagram = trace_network.NetworkDiagram(trace_view.parse(log.splitlines()))
    return diagram, ElementTree.fromstring(trace_network.render_network_svg(diagram, "test"))


def segments(root):
    """(style, from, to, start row, end row, seen, lost) of each segment's arrow."""
    return [(g.get("class").split()[2], g.get("data-from"), g.get("data-to"), int(g.get("data-start")),
             int(g.get("data-end")), g.get("data-seen"), "lost" in g.get("class").split())
            for g in groups(root, "segment")]


def arrow_texts(root):
    return [g.find(SVG + "text").text for g in groups(root, "segment")]


class NetworkChartTest(unittest.TestCase):
    def setUp(self):
        self.diagram, self.root = draw_network(SEGMENTS)

    def test_each_endpoint_has_a_lifeline_the_first_sender_on_the_left(self):
        ends = [g.get("data-endpoint") for g in groups(self.root, "lifeline")]
        self.assertEqual(ends, ["127.0.0.1:40000", "127.0.0.1:7", "10.0.2.15:50000", "10.0.2.2:80"])

    def test_a_segment_seen_leaving_and_arriving_is_one_arrow_between_the_two_rows(self):
        drawn = segments(self.root)
        self.assertEqual(drawn[:3], [("syn", "127.0.0.1:40000", "127.0.0.1:7", 1, 2, "both", False),
                                     ("syn", "127.0.0.1:7", "127.0.0.1:40000", 3, 4, "both", False),
                                     ("ack", "127.0.0.1:40000", "127.0.0.1:7", 5, 6, "both", False)])
        self.assertIn(("data", "127.0.0.1:40000", "127.0.0.1:7", 9, 10, "both", False), drawn,
                      "the retransmission is the one that arrived")

    def test_a_segment_to_an_end_of_the_trace_that_never_arrived_is_lost(self):
        self.assertIn(("data", "127.0.0.1:40000", "127.0.0.1:7", 8, 8, "out", True), segments(self.root))

    def test_a_segment_to_or_from_another_machine_is_drawn_within_its_row(self):
        drawn = segments(self.root)
        self.assertIn(("syn", "10.0.2.15:50000", "10.0.2.2:80", 11, 11, "out", False), drawn)
        self.assertIn(("rst", "10.0.2.2:80", "10.0.2.15:50000", 12, 12, "in", False), drawn)

    def test_sequence_numbers_are_relative_to_each_senders_first_as_wireshark_shows_them(self):
        texts = arrow_texts(self.root)
        self.assertEqual(texts[:3], ["SYN seq=0 win=65535", "SYN|ACK seq=0 ack=1 win=65535",
                                     "ACK seq=1 ack=1 win=65535"], "the server's numbers wrap past 2^32")
        self.assertIn("PSH|ACK seq=1 ack=1 len=5 win=65535", texts)

    def test_a_mark_names_each_state_an_end_is_seen_in(self):
        marks = [(g.get("data-endpoint"), g.find(SVG + "text").text) for g in groups(self.root, "state")]
        self.assertEqual(marks[:5], [("127.0.0.1:40000", "SYN_SENT"), ("127.0.0.1:7", "LISTEN"),
                                     ("127.0.0.1:7", "SYN_RECEIVED"), ("127.0.0.1:40000", "ESTABLISHED"),
                                     ("127.0.0.1:7", "ESTABLISHED")])

    def test_a_wait_on_a_tcp_socket_is_a_span_on_its_endpoint(self):
        spans = [(g.get("data-endpoint"), int(g.get("data-start")), int(g.get("data-end")))
                 for g in groups(self.root, "blocked")]
        self.assertEqual(spans, [("127.0.0.1:7", 0, 7)], "from the block to the wake after the handshake")

    def test_without_tcp_events_the_packets_are_drawn_between_addresses(self):
        diagram, root = draw_network(PACKETS)
        self.assertEqual([g.get("data-endpoint") for g in groups(root, "lifeline")], ["10.0.2.15", "10.0.2.2"])
        self.assertEqual([(a[0], a[1], a[2], a[5]) for a in segments(root)],
                         [("packet", "10.0.2.15", "10.0.2.2", "out"), ("packet", "10.0.2.2", "10.0.2.15", "in")])
        self.assertIn("2 packets", diagram.summary())

    def test_the_real_run_draws_every_segment_both_ways_with_no_label_covering_another(self):
        with open(os.path.join(LOGS, "tcp_tour.log")) as f:
            log = f.read()
        diagram, root = draw_network(log)
        drawn = segments(root)
        self.assertEqual([d[0] for d in drawn], ["syn", "syn", "ack", "data", "data", "fin", "ack", "fin", "ack"])
        self.assertTrue(all(d[5] == "both" and not d[6] for d in drawn), drawn)
        svg = trace_network.render_network_svg(diagram, "Network trace: tcp_tour.log")
        found = label_boxes.boxes(svg)
        self.assertEqual(label_boxes.overlaps(found) + label_boxes.outside(found, svg), [])

    def test_the_command_line_draws_it_with_network(self):
        with tempfile.TemporaryDirectory() as work:
            log = os.path.join(work, "run.log")
            with open(log, "w") as f:
                f.write(SEGMENTS)
            out = io.StringIO()
            with redirect_stdout(out):
                status = trace_view.main([log, "--network", "-o", os.path.join(work, "net.svg")])
            self.assertEqual(status, 0)
            self.assertIn("7 segments between 4 endpoints", out.getvalue())
            with open(os.path.join(work, "net.svg")) as f:
                ElementTree.fromstring(f.read())
            with open(log, "w") as f:
                f.write(CONVERSATION)
            with redirect_stderr(io.StringIO()) as err:
                self.assertEqual(trace_view.main([log, "--network", "-o", os.path.join(work, "x.svg")]), 1)
            self.assertIn("no tcp or packet events", err.getvalue())


class LabelTest(unittest.TestCase):
    """The words of a picture must all be readable: no text's box meets
    another's, and none reaches past the edges."""

    def problems(self, log_text, name):
        diagram = trace_view.Diagram(trace_view.parse(log_text.splitlines()))
        svg = trace_view.render_svg(diagram, "IPC trace: " + name)
        found = label_boxes.boxes(svg)
        return ["%s: %r covers %r" % (name, a, b) for a, b in label_boxes.overlaps(found)] + \
               ["%s: %r reaches past the picture's edge" % (name, box) for box in label_boxes.outside(found, svg)]

    def test_no_label_covers_another_in_the_pictures_of_real_runs(self):
        logs = sorted(glob.glob(os.path.join(LOGS, "*.log")))
        self.assertGreaterEqual(len(logs), 3, "the logs of real runs in %s" % LOGS)
        problems = []
        for path in logs:
            with open(path) as f:
                problems += self.problems(f.read(), os.path.basename(path))
        self.assertEqual(problems, [], "\n".join(problems[:10]))

    def test_a_label_with_no_free_place_is_shortened(self):
        placer = trace_view.LabelPlacer()
        placer.fix("in the way", 200, 50, 10)
        text = "a label far too long for the room before the other one"
        placed = placer.place(text, [(10, 50, "start"), (20, 52, "start")], 10)
        self.assertTrue(placed.text.endswith(trace_view.ELLIPSIS) and len(placed.text) < len(text), placed.text)
        self.assertTrue(text.startswith(placed.text[:-1]), "the beginning of the text: %r" % placed.text)
        _, _, x1, _ = placer.box(placed.text, placed.x, placed.y, 10, placed.anchor)
        self.assertLessEqual(x1 + trace_view.LABEL_GAP, 200, "it ends before the label in its way")


class CommandLineTest(unittest.TestCase):
    def test_it_writes_the_svg_and_an_html_page_embedding_it(self):
        with tempfile.TemporaryDirectory() as work:
            log = os.path.join(work, "run.log")
            with open(log, "w") as f:
                f.write(CONVERSATION)
            out = io.StringIO()
            with redirect_stdout(out):
                status = trace_view.main([log, "-o", os.path.join(work, "out.svg"),
                                          "--html", os.path.join(work, "out.html")])
            self.assertEqual(status, 0)
            self.assertIn("3 processes", out.getvalue())
            with open(os.path.join(work, "out.svg")) as f:
                ElementTree.fromstring(f.read())
            with open(os.path.join(work, "out.html")) as f:
                page = f.read()
            self.assertIn("<svg", page)
            self.assertIn("trace-start", page, "the raw trace is on the page too")

    def test_a_log_without_trace_lines_is_an_error(self):
        with tempfile.TemporaryDirectory() as work:
            log = os.path.join(work, "plain.log")
            with open(log, "w") as f:
                f.write("hello\n[kernel] booting\n")
            with redirect_stderr(io.StringIO()) as err:
                self.assertEqual(trace_view.main([log, "-o", os.path.join(work, "x.svg")]), 1)
            self.assertIn("no [trace] lines", err.getvalue())


def run_all():
    """[(name, passed, detail)], one per test method, for tools/run-tests."""
    results = []

    class Collector(unittest.TestResult):
        def addSuccess(self, test):
            results.append(("trace_view." + test._testMethodName, True, ""))

        def addFailure(self, test, error):
            results.append(("trace_view." + test._testMethodName, False, self._exc_info_to_string(error, test)))

        addError = addFailure

    unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__]).run(Collector())
    return results



# Descriptors passed with SCM_RIGHTS (user/demos/sockets/fd_pass.c): the
# sender's numbers, then the receiver's new ones; a message received
# with no room for one of its two descriptors; one sent before the trace.
DESCRIPTORS = """\
[trace] 1000 fork pid=2 child=3
[trace] 2000 fd-send pid=2 rights=1 fds=4,5
[trace] 3000 fd-recv pid=3 rights=1 fds=3,5 closed=0
[trace] 4000 fd-send pid=3 rights=2 fds=3,5
[trace] 5000 fd-recv pid=2 rights=2 fds=6 closed=1
[trace] 6000 fd-recv pid=2 rights=9 fds=7 closed=0
"""


class DescriptorTest(unittest.TestCase):
    def setUp(self):
        self.diagram, self.root = draw(DESCRIPTORS)

    def test_descriptors_passed_are_an_arrow_from_sendmsg_to_the_recvmsg_that_got_them(self):
        self.assertEqual([(a[0], a[1]) for a in arrows(self.root, "descriptor")], [(2, "3"), (3, "2")])
        labels = [a.label for a in self.diagram.arrows if a.style == "descriptor"]
        self.assertEqual(labels, ["fd 4,5 -> fd 3,5", "fd 3,5 -> fd 6 (1 closed)"])

    def test_descriptors_sent_before_the_trace_are_a_mark(self):
        self.assertEqual([m.text for m in self.diagram.marks], ["received fd ? -> fd 7"])

if __name__ == "__main__":
    unittest.main()
