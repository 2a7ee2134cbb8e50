#!/usr/bin/env python3
"""tools/trace_view.py LOG [-o OUT.svg] [--html OUT.html] [--title TITLE] [--network]

Draws the kernel's IPC trace (the `[trace]` lines of a serial log, format in
docs/tracing.md) as a message sequence chart: one lifeline per process (one
per thread, side by side, for a process that has more than one), time
going down; an arrow for each message from where it was sent to where it was
received, for the bytes of a pipe from the write to the read that took them,
for each signal, for each new thread and for each futex_wake to the thread
it woke; a shaded span while a thread is blocked, labelled with what it
waits on. Every shape has a tooltip with the trace line behind it.
No label covers another: each takes the first free place among a few near
what it names (LabelPlacer), shortened with an ellipsis if none is free.

With --network it draws the network chart instead (tools/trace_network.py):
one lifeline per TCP endpoint (address:port), an arrow per segment.

Lines that are not trace lines (the program's own output) are ignored, and a
trace line may begin in the middle of a line. Only Python's standard library."""
import argparse
import collections
import html
import re
import sys

LINE = re.compile(r"\[trace\] (\d+) (\S+)(.*)")
FIELD = re.compile(r'([A-Za-z_][\w-]*)=("(?:[^"\\]|\\.)*"|\S*)')

SIGNAL_NAMES = {1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 6: "SIGABRT", 8: "SIGFPE",
                9: "SIGKILL", 10: "SIGUSR1", 11: "SIGSEGV", 12: "SIGUSR2", 13: "SIGPIPE", 14: "SIGALRM",
                15: "SIGTERM", 17: "SIGCHLD", 18: "SIGCONT", 19: "SIGSTOP", 20: "SIGTSTP", 21: "SIGTTIN",
                22: "SIGTTOU"}

# how each kind of arrow looks: (colour, dash pattern or "")
STYLES = {
    "message": ("#1565c0", ""),       # msg_send / msg_call, synchronous
    "async": ("#00838f", "6 3"),      # MSG_ASYNC, through the inbox
    "reply": ("#2e7d32", "6 3"),      # msg_reply
    "mailbox": ("#6a1b9a", ""),       # mbox_send -> mbox_recv
    "msgqueue": ("#795548", ""),      # System V msgsnd -> msgrcv
    "pipe": ("#e65100", ""),          # write -> read of a pipe or FIFO
    "signal": ("#c62828", "3 3"),     # kill, a fault, SIGCHLD, ...
    "fork": ("#757575", "2 3"),       # fork: the child's lifeline starts
    "thread": ("#9e9e9e", "2 3"),     # thread_create: the new thread's lifeline starts
    "futex": ("#ad1457", ""),         # futex_wake -> the waiter it woke
    "descriptor": ("#283593", "8 2 2 2"),   # SCM_RIGHTS: sendmsg -> the recvmsg that installed them
}
LEGEND = [("message", "message (msg_send, msg_call)"), ("async", "asynchronous message (inbox)"),
          ("reply", "reply (msg_reply)"), ("mailbox", "through a mailbox"),
          ("msgqueue", "through a System V message queue"), ("pipe", "bytes through a pipe"),
          ("signal", "signal"), ("fork", "fork"), ("thread", "new thread (pthread_create)"),
          ("futex", "futex_wake: the waiter it woke"),
          ("descriptor", "descriptors passed (SCM_RIGHTS)")]

MBOX_UNBOUNDED = "4294967295"    # a mailbox's capacity when it has none (mbox_open(2))

COLUMN_WIDTH = 190
ROW_HEIGHT = 24
TOP = 78                  # room for the process names
LEFT = 96                 # room for the time labels
SPAN_WIDTH = 12


class Event:
    """One trace line: `[trace] TIME KIND key=value ...`."""

    def __init__(self, number, time_ns, kind, fields, raw):
        self.number = number          # position in the log
        self.time_ns = time_ns
        self.kind = kind
        self.fields = fields
        self.raw = raw
        self.row = None               # where it is drawn (set by Diagram)

    def int(self, name, default=0):
        try:
            return int(self.fields[name], 0)
        except (KeyError, ValueError):
            return default

    def get(self, name, default=""):
        return self.fields.get(name, default)

    def actor(self):
        """The thread the event is of: its `tid`, written only when it is
        not the pid (docs/tracing.md), so the pid when there is none. Pids
        and tids are one space: a thread is drawn by its tid, and a
        single-threaded process by its pid, as before threads."""
        return self.int("tid", self.int("pid"))


def parse_fields(text):
    fields = {}
    for name, value in FIELD.findall(text):
        if value.startswith('"'):
            value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        fields[name] = value
    return fields


def parse(lines):
    """The trace events among `lines` (any other text is skipped)."""
    events = []
    for line in lines:
        match = LINE.search(line.rstrip("\r\n"))
        if match:
            events.append(Event(len(events), int(match.group(1)), match.group(2),
                                parse_fields(match.group(3)), match.group(0)))
    return events


def signal_name(number):
    return SIGNAL_NAMES.get(number, "signal %d" % number)


def object_name(obj):
    """'pipe:3' -> 'pipe 3', 'mailbox:printer' -> 'mailbox printer'"""
    return obj.replace(":", " ", 1)


class Arrow:
    def __init__(self, style, source, target, start, end, label, title, received=True):
        self.style = style
        self.source, self.target = source, target      # lifelines: tids (0: the kernel)
        self.start, self.end = start, end              # rows
        self.label = label
        self.title = title
        self.received = received


class Span:
    def __init__(self, pid, start, label, title):
        self.pid = pid                                  # its lifeline: a tid
        self.start = start
        self.end = None
        self.label = label
        self.title = title


class Mark:
    def __init__(self, pid, row, text, title, style="note"):
        self.pid, self.row, self.text, self.title, self.style = pid, row, text, title, style


class Diagram:
    """What to draw, worked out from the events: lifelines, arrows, spans,
    marks. A lifeline is a thread, known by its tid; a process whose trace
    shows only one thread has one lifeline, known by its pid (its first
    thread's tid), and is drawn as before threads."""

    def __init__(self, events):
        self.events = events
        self.rows = 0
        self.times = []                   # the time of each row
        self.process_of = {}              # tid -> pid, for every thread the trace names
        self.threaded = set()             # pids seen with more than one thread
        self.learn_threads(events)
        self.lifelines = collections.OrderedDict()   # tid -> {"pid", "name", "start", "end", "exit"}
        self.arrows = []
        self.spans = []
        self.marks = []
        self.kernel_column = False
        self.open_spans = {}              # lifeline -> Span
        self.futex_words = {}             # lifeline -> the word it sleeps on in futex_wait
        self.pending_sends = collections.defaultdict(collections.deque)
        self.pipe_bytes = collections.defaultdict(collections.deque)   # obj -> [event, bytes left]
        self.rights_sent = {}             # rights id -> its fd-send event
        for event in events:
            handler = getattr(self, "on_" + event.kind.replace("-", "_"), None)
            if handler:
                handler(event)
        for span in self.open_spans.values():
            span.end = self.rows - 1      # still blocked when the trace ends
        for send in [s for queue in self.pending_sends.values() for s in queue]:
            self.add_unreceived(send)

    # -- rows and lifelines

    def learn_threads(self, events):
        """Which process each thread belongs to, from the whole trace: a
        message may name a thread (`to`) before any line of its own does."""
        for event in events:
            pid = event.int("pid")
            if event.kind == "thread_create":
                pairs = [(pid, event.int("tid")), (pid, event.int("by"))]
            else:
                pairs = [(pid, event.actor())]
            if "to_tid" in event.fields:
                pairs.append((event.int("to"), event.int("to_tid")))
            for process, thread in pairs:
                if process > 0 and thread > 0:
                    self.process_of[thread] = process
                    if thread != process:
                        self.threaded.add(process)

    def pid_of(self, lane):
        return self.process_of.get(lane, lane)

    def lane_title(self, lane):
        """'pid 5', or 'pid 5, tid 7' for a thread of a process with several."""
        pid = self.pid_of(lane)
        return "pid %d" % pid if pid not in self.threaded else "pid %d, tid %d" % (pid, lane)

    def lane_data(self, lane):
        """The data- attributes of a shape on a lifeline: its pid, and its
        tid when the process has several threads."""
        pid = self.pid_of(lane)
        return 'data-pid="%d"' % pid + ('' if pid not in self.threaded else ' data-tid="%d"' % lane)

    def lanes_of(self, pid):
        return [lane for lane in self.lifelines if self.pid_of(lane) == pid]

    def columns(self):
        """The lifelines left to right: each process's threads side by side,
        the processes in the order they first appear."""
        processes = list(collections.OrderedDict.fromkeys(self.pid_of(lane) for lane in self.lifelines))
        return [lane for pid in processes for lane in self.lanes_of(pid)]

    def new_row(self, event):
        event.row = self.rows
        self.rows += 1
        self.times.append(event.time_ns)
        return event.row

    def touch(self, pid, row, name=None, forked=False):
        """Makes sure `pid` has a lifeline; one that was not forked in the
        trace existed before it began, and is drawn from the top."""
        if pid <= 0:
            return
        line = self.lifelines.get(pid)
        if line is None:
            if not name:                  # a thread is named after its process
                name = next((self.lifelines[lane]["name"] for lane in self.lanes_of(self.pid_of(pid))), "")
            line = self.lifelines[pid] = {"pid": self.pid_of(pid), "name": name or "",
                                          "start": row if forked else None, "end": None, "exit": None}
        if name and not line["name"]:
            line["name"] = name

    # -- processes

    def on_fork(self, event):
        row = self.new_row(event)
        parent, child = event.actor(), event.int("child")
        self.touch(parent, row)
        self.touch(child, row, self.lifelines.get(parent, {}).get("name"), forked=True)
        self.arrows.append(Arrow("fork", parent, child, row, row, "fork", event.raw))

    def on_thread_create(self, event):
        row = self.new_row(event)
        creator, thread = event.int("by"), event.int("tid")
        self.touch(creator, row)
        self.touch(thread, row, self.lifelines.get(creator, {}).get("name"), forked=True)
        self.arrows.append(Arrow("thread", creator, thread, row, row, "new thread", event.raw))

    def on_thread_exit(self, event):
        row = self.new_row(event)
        thread = event.actor()
        self.touch(thread, row)
        if self.lifelines[thread]["end"] is not None:
            return
        self.close_span(thread, row)
        self.lifelines[thread].update(end=row, exit="thread exit")
        self.marks.append(Mark(thread, row, "thread exit", event.raw, "exit"))

    def on_exec(self, event):
        row = self.new_row(event)
        pid = event.int("pid")            # exec leaves one thread, whose tid is the pid
        self.touch(pid, row)
        self.lifelines[pid]["name"] = event.get("name")
        self.marks.append(Mark(pid, row, "exec " + event.get("name"), event.raw))

    def on_exit(self, event):
        """The process ends, with every thread still in it; the text goes
        on its first thread, or on the first left."""
        row = self.new_row(event)
        pid = event.int("pid")
        self.touch(pid, row)
        signal = event.int("signal")
        text = "killed by %s" % signal_name(signal) if signal else "exit %d" % event.int("code")
        ending = [lane for lane in self.lanes_of(pid) if self.lifelines[lane]["end"] is None] or [pid]
        for lane in ending:
            self.close_span(lane, row)
            self.lifelines[lane].update(end=row, exit=text)
        self.marks.append(Mark(ending[0], row, text, event.raw, "exit"))

    # -- blocking

    def on_block(self, event):
        pid = event.actor()
        if pid <= 0:
            return                        # a kernel task
        row = self.new_row(event)
        self.touch(pid, row)
        self.close_span(pid, row)
        on = event.get("on", "-")
        if on in ("", "-") and pid in self.futex_words:
            on = "word " + self.futex_words[pid]
        label = event.get("reason") + ("" if on in ("", "-") else ": " + on)
        span = Span(pid, row, label, event.raw)
        self.open_spans[pid] = span
        self.spans.append(span)

    def on_wake(self, event):
        pid = event.actor()
        if pid <= 0:
            return
        self.futex_words.pop(pid, None)
        row = self.new_row(event)
        self.touch(pid, row)
        span = self.open_spans.get(pid)
        if span is not None:
            span.title += "\n" + event.raw
            result = event.get("result")
            if result not in ("normal", "handed-the-cpu"):
                span.label += " (%s)" % result
        self.close_span(pid, row)

    def close_span(self, pid, row):
        span = self.open_spans.pop(pid, None)
        if span is not None:
            span.end = row

    # -- objects

    def on_create(self, event):
        row = self.new_row(event)
        pid = event.actor()
        self.touch(pid, row)
        capacity = event.get("capacity")
        extra = "" if not capacity else " (unbounded)" if capacity == MBOX_UNBOUNDED else " (capacity %s)" % capacity
        self.marks.append(Mark(pid, row, "create " + object_name(event.get("obj")) + extra, event.raw))

    # -- messages

    @staticmethod
    def message_key(event, sender, receiver):
        """Where a send waits for its receive: per object (a mailbox, a
        message queue), or per pair of threads (`to` and `from` are tids)."""
        if event.get("obj"):
            return ("object", event.get("obj"))
        if event.get("mode") == "reply" or event.get("via") == "reply":
            return ("reply", sender, receiver)
        return ("direct", sender, receiver)

    def on_send(self, event):
        row = self.new_row(event)
        sender = event.actor()
        self.touch(sender, row)
        self.pending_sends[self.message_key(event, sender, event.int("to"))].append(event)

    @staticmethod
    def matching_send(queue, event):
        """The oldest send a receive took: from the sender it names (if it
        names one: a System V receive does not), of its type if possible."""
        if "from" in event.fields:
            queue = [s for s in queue if s.actor() == event.int("from")]
        return next((s for s in queue if s.get("type") == event.get("type")), queue[0] if queue else None)

    def on_recv(self, event):
        row = self.new_row(event)
        receiver = event.actor()
        self.touch(receiver, row)
        queue = self.pending_sends[self.message_key(event, event.int("from"), receiver)]
        send = self.matching_send(queue, event)
        if send is None:                  # sent before the trace began
            self.marks.append(Mark(receiver, row, "received type %s%s" % (
                event.get("type"), " from %s" % event.get("from") if event.get("from") else ""), event.raw))
            return
        queue.remove(send)
        sender = send.actor()
        self.touch(sender, send.row)
        self.arrows.append(Arrow(self.message_style(send), sender, receiver, send.row, row,
                                 self.message_label(send), send.raw + "\n" + event.raw))

    @staticmethod
    def message_style(send):
        kind = send.get("obj").split(":")[0]
        if kind in STYLES:
            return kind
        return {"reply": "reply", "async": "async"}.get(send.get("mode"), "message")

    @staticmethod
    def message_label(send):
        text = "type %s, %s B" % (send.get("type"), send.get("len"))
        if send.get("obj"):
            return text + " via " + object_name(send.get("obj"))
        mode = send.get("mode")
        return text + ("" if mode == "sync" else " (%s)" % mode)

    def add_unreceived(self, send):
        sender = send.actor()
        if send.get("obj"):
            receiver = None
        else:
            receiver = send.int("to")
            self.touch(receiver, send.row)
        self.arrows.append(Arrow(self.message_style(send), sender, receiver, send.row, send.row,
                                 self.message_label(send) + " - not received", send.raw, received=False))

    # -- pipes: each read takes the oldest bytes written

    def on_write(self, event):
        row = self.new_row(event)
        self.touch(event.actor(), row)
        self.pipe_bytes[event.get("obj")].append([event, event.int("bytes")])

    def on_read(self, event):
        row = self.new_row(event)
        reader = event.actor()
        self.touch(reader, row)
        wanted = event.int("bytes")
        queue = self.pipe_bytes[event.get("obj")]
        while wanted > 0 and queue:
            write, left = queue[0]
            taken = min(wanted, left)
            self.arrows.append(Arrow("pipe", write.actor(), reader, write.row, row,
                                     "%s: %d B" % (object_name(event.get("obj")), taken),
                                     write.raw + "\n" + event.raw))
            wanted -= taken
            queue[0][1] -= taken
            if queue[0][1] == 0:
                queue.popleft()
        if wanted > 0:                    # written before the trace began
            self.marks.append(Mark(reader, row, "read %d B of %s" % (wanted, object_name(event.get("obj"))),
                                   event.raw))

    # -- descriptors passed: an fd-send and the fd-recv of the same rights

    def on_fd_send(self, event):
        row = self.new_row(event)
        self.touch(event.actor(), row)
        self.rights_sent[event.get("rights")] = event

    def on_fd_recv(self, event):
        row = self.new_row(event)
        receiver = event.actor()
        self.touch(receiver, row)
        send = self.rights_sent.pop(event.get("rights"), None)
        label = "fd %s -> fd %s" % (send.get("fds") if send else "?", event.get("fds") or "none")
        if event.int("closed"):
            label += " (%d closed)" % event.int("closed")
        if send is None:                  # sent before the trace began
            self.marks.append(Mark(receiver, row, "received " + label, event.raw))
            return
        self.arrows.append(Arrow("descriptor", send.actor(), receiver, send.row, row, label,
                                 send.raw + "\n" + event.raw))

    # -- signals

    def on_signal(self, event):
        row = self.new_row(event)
        sender, target = event.actor(), event.int("to_tid", event.int("to"))
        self.touch(sender, row)
        self.touch(target, row)
        if sender == 0:
            self.kernel_column = True
        self.arrows.append(Arrow("signal", sender, target, row, row, signal_name(event.int("sig")), event.raw))

    def on_deliver(self, event):
        row = self.new_row(event)
        pid = event.actor()
        self.touch(pid, row)
        self.marks.append(Mark(pid, row, "%s: %s" % (signal_name(event.int("sig")), event.get("action")),
                               event.raw, "signal"))

    def on_timer(self, event):
        """A POSIX timer expired (docs/timers.md): a mark on the lifeline
        of its process; the signal it sends, if any, follows as an arrow."""
        row = self.new_row(event)
        target = event.int("to")
        self.touch(target, row)
        self.marks.append(Mark(target, row, "timer %s expires" % event.get("timer"), event.raw))

    # -- futexes: a wait checks the word; a wake names the thread it woke

    def on_futex_wait(self, event):
        row = self.new_row(event)
        thread = event.actor()
        self.touch(thread, row)
        if event.get("result") == "sleep":
            self.futex_words[thread] = event.get("word")
            text = "futex_wait: %s == %s, sleeps" % (event.get("value"), event.get("expected"))
        else:
            text = "futex_wait: %s != %s, %s" % (event.get("value"), event.get("expected"), event.get("result"))
        self.marks.append(Mark(thread, row, text, event.raw, "futex"))

    def on_futex_wake(self, event):
        row = self.new_row(event)
        waker, woken = event.actor(), event.int("woke")
        self.touch(waker, row)
        if woken:
            self.touch(woken, row)
            self.arrows.append(Arrow("futex", waker, woken, row, row, "futex_wake " + event.get("word"),
                                     event.raw))
        else:
            self.marks.append(Mark(waker, row, "futex_wake %s: nobody waits" % event.get("word"), event.raw,
                                   "futex"))


# ------------------------------------------------------------------ drawing

def attributes(**values):
    return " ".join('%s="%s"' % (name.rstrip("_").replace("_", "-"), html.escape(str(value), quote=True))
                    for name, value in values.items() if value is not None)


def element(tag, content="", **values):
    if content == "":
        return "<%s %s/>" % (tag, attributes(**values))
    return "<%s %s>%s</%s>" % (tag, attributes(**values), content, tag)


def label(text, **values):
    """Text with a white outline, readable where it crosses a line."""
    return element("text", html.escape(text), paint_order="stroke", stroke="white", stroke_width=3,
                   stroke_linejoin="round", **values)


def tooltip(text):
    return "<title>%s</title>" % html.escape(text)


def format_time(ns):
    return "%.3f ms" % (ns / 1e6)


# ------------------------------------------------------- where labels go

# Advance widths of DejaVu Sans, the first font the picture asks for, in
# thousandths of an em, for the characters " " to "~" (read from
# DejaVuSans.ttf and DejaVuSans-Bold.ttf); any other character counts as an
# em. tests/trace/label_boxes.py measures the drawn labels with the font
# file itself.
CHARACTER_WIDTHS = {
    False: [318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636,
            636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775,
            752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390,
            337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
            635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838],
    True: [348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696,
           696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821,
           837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457,
           365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
           716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838],
}
FONT_ASCENT = 0.928       # of the font size, above the baseline (the font's hhea ascender)
FONT_DESCENT = 0.236      # below it
LABEL_GAP = 3             # pixels kept free around a label
ELLIPSIS = "\u2026"
SPAN_FONT = 9
ARROW_FONT = MARK_FONT = 10
TIME_FONT = 11            # the picture's own font-size


def text_width(text, size, bold=False):
    widths = CHARACTER_WIDTHS[bold]
    return size * sum(widths[ord(c) - 32] if 32 <= ord(c) < 127 else 1000 for c in text) / 1000


class Placement:
    """A label where it was put: its text (perhaps shortened), the point
    and the anchor of its <text>."""

    def __init__(self, text, x, y, anchor):
        self.text, self.x, self.y, self.anchor = text, x, y, anchor


class LabelPlacer:
    """Gives every label a place where it covers no other: each in turn
    takes the first of its candidate places (best first) where its box,
    with LABEL_GAP around it, meets no box placed before. If none is free,
    the text is shortened, ending in an ellipsis (the whole of it stays in
    the tooltip), until it fits in one of them."""

    def __init__(self):
        self.boxes = []

    @staticmethod
    def box(text, x, y, size, anchor, bold=False):
        width = text_width(text, size, bold)
        x0 = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
        return (x0, y - FONT_ASCENT * size, x0 + width, y + FONT_DESCENT * size)

    def free(self, box):
        x0, y0, x1, y1 = box[0] - LABEL_GAP, box[1] - LABEL_GAP, box[2] + LABEL_GAP, box[3] + LABEL_GAP
        return all(x1 <= b[0] or b[2] <= x0 or y1 <= b[1] or b[3] <= y0 for b in self.boxes)

    def fix(self, text, x, y, size, anchor="start", bold=False):
        """A label that stays where it is (the time axis, the names)."""
        self.boxes.append(self.box(text, x, y, size, anchor, bold))

    def place(self, text, candidates, size):
        """candidates: [(x, y, anchor)], best first. Returns a Placement."""
        for length in range(len(text), 0, -1):
            shortened = text if length == len(text) else text[:length].rstrip() + ELLIPSIS
            for x, y, anchor in candidates:
                box = self.box(shortened, x, y, size, anchor)
                if self.free(box):
                    self.boxes.append(box)
                    return Placement(shortened, x, y, anchor)
        x, y, anchor = candidates[0]           # nowhere at all: where it belongs
        self.boxes.append(self.box(text, x, y, size, anchor))
        return Placement(text, x, y, anchor)

    def right_edge(self):
        return max([b[2] for b in self.boxes] + [0])


def arrow_label_candidates(x1, y1, x2, y2):
    """Along the arrow, from its middle outwards, just above the line and
    then just below it."""
    places = []
    for t in (0.5, 0.35, 0.65, 0.2, 0.8):
        x, y = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
        places += [(round(x), round(y - 4), "middle"), (round(x), round(y + 12), "middle")]
    return places


def place_labels(diagram, x_of, y_of):
    """Where each label of the picture goes: {"spans": [...], "marks":
    [...], "arrows": [...]}, Placements in the order of the diagram's lists
    (None for an arrow not drawn), and the placer with every box."""
    placer = LabelPlacer()
    last = None
    for row, ns in enumerate(diagram.times):
        if ns != last:
            placer.fix(format_time(ns), LEFT - 10, y_of(row) + 4, TIME_FONT, "end")
            last = ns
    for pid, line in diagram.lifelines.items():
        placer.fix(diagram.lane_title(pid), x_of[pid], TOP - 44, TIME_FONT, "middle", bold=True)
        placer.fix(line["name"], x_of[pid], TOP - 30, TIME_FONT, "middle")
    if diagram.kernel_column:
        placer.fix("kernel", x_of[0], TOP - 30, TIME_FONT, "middle", bold=True)

    marks = []
    for mark in diagram.marks:
        x, y = x_of[mark.pid], y_of(mark.row)
        gap = 14 if mark.style == "exit" else 8
        marks.append(placer.place(mark.text, [(x - gap, y + 4, "end"), (x + gap, y + 4, "start")], MARK_FONT))

    spans = []
    for span in diagram.spans:
        x = x_of[span.pid]
        top = y_of(span.start)
        bottom = y_of(span.end if span.end is not None else diagram.rows - 1)
        right, left = x + SPAN_WIDTH // 2 + 3, x - SPAN_WIDTH // 2 - 3
        heights = [top + 10 + step * ROW_HEIGHT // 2 for step in range(max(1, (bottom - top) * 2 // ROW_HEIGHT))]
        spans.append(placer.place(span.label, [(right, y, "start") for y in heights] +
                                  [(left, y, "end") for y in heights], SPAN_FONT))

    arrows = []
    for arrow in diagram.arrows:
        x1, y1, y2 = x_of.get(arrow.source), y_of(arrow.start), y_of(arrow.end)
        if x1 is None:
            arrows.append(None)
            continue
        if arrow.target == arrow.source:
            candidates = [(x1 + 34, y1 - 6, "start"), (x1 + 34, y1 + 18, "start"), (x1 - 8, y1 - 6, "end")]
        elif not arrow.received:
            x_end = lost_arrow_end(arrow, x_of)
            candidates = [(min(x1, x_end) + 4, y1 - 5, "start"), (min(x1, x_end) + 4, y1 + 13, "start")]
        else:
            candidates = arrow_label_candidates(x1, y1, x_of[arrow.target], y2)
        arrows.append(placer.place(arrow.label, candidates, ARROW_FONT))
    return {"spans": spans, "marks": marks, "arrows": arrows}, placer


def lost_arrow_end(arrow, x_of):
    """Where an arrow nobody received stops: halfway to its target."""
    x1 = x_of[arrow.source]
    target = arrow.target
    x2 = x_of.get(target, x1 + COLUMN_WIDTH // 2) if target is not None else x1 + COLUMN_WIDTH // 2
    return x1 + (x2 - x1) // 2 if x2 != x1 else x1 + COLUMN_WIDTH // 3


def placed_label(placement, **values):
    anchor = None if placement.anchor == "start" else placement.anchor
    return label(placement.text, x=placement.x, y=placement.y, text_anchor=anchor, **values)


def chart_opening(width, height, styles, title, times, y_of, left):
    """The start of a chart's SVG, the same for the IPC and the network
    charts: the root element, an arrow head per style in `styles`, a white
    ground, the title, and the time down the left side (x < `left`) where it
    changes from one row to the next, with a faint line across."""
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="%d">'
           % (width, height, width, height, TIME_FONT)]
    out.append("<defs>")
    for style, (colour, _) in styles.items():
        out.append('<marker id="head-%s" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
                   'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker>'
                   % (style, colour))
    out.append("</defs>")
    out.append(element("rect", x=0, y=0, width=width, height=height, fill="white"))
    if title:
        out.append(element("text", html.escape(title), x=10, y=18, font_size=14, font_weight="bold",
                           class_="title"))
    last = None
    for row, ns in enumerate(times):
        if ns != last:
            out.append(element("text", format_time(ns), x=left - 10, y=y_of(row) + 4, text_anchor="end",
                               fill="#616161", class_="time"))
            out.append(element("line", x1=left - 6, y1=y_of(row), x2=width - 10, y2=y_of(row),
                               stroke="#eeeeee", stroke_width=1))
            last = ns
    return out


def render_svg(diagram, title=""):
    """The diagram as an SVG document (a string)."""
    columns = ([0] if diagram.kernel_column else []) + diagram.columns()
    x_of = {pid: LEFT + COLUMN_WIDTH // 2 + i * COLUMN_WIDTH for i, pid in enumerate(columns)}
    height = TOP + max(1, diagram.rows) * ROW_HEIGHT + 40

    def y_of(row):
        return TOP + row * ROW_HEIGHT + ROW_HEIGHT // 2

    placed, placer = place_labels(diagram, x_of, y_of)
    # wide enough for every column and for the labels right of the last one
    width = max(LEFT + max(1, len(columns)) * COLUMN_WIDTH + 20, int(placer.right_edge()) + 10)

    out = chart_opening(width, height, STYLES, title, diagram.times, y_of, LEFT)

    # lifelines
    bottom = y_of(max(diagram.rows - 1, 0)) + ROW_HEIGHT // 2
    if diagram.kernel_column:
        out.append('<g class="lifeline" data-pid="0">')
        out.append(element("text", "kernel", x=x_of[0], y=TOP - 30, text_anchor="middle", font_weight="bold"))
        out.append(element("line", x1=x_of[0], y1=TOP - 20, x2=x_of[0], y2=bottom, stroke="#bdbdbd",
                           stroke_width=1, stroke_dasharray="1 4"))
        out.append("</g>")
    for pid in diagram.columns():
        line = diagram.lifelines[pid]
        x = x_of[pid]
        start = y_of(line["start"]) if line["start"] is not None else TOP - 20
        end = y_of(line["end"]) if line["end"] is not None else bottom
        out.append('<g class="lifeline" %s data-name="%s">' % (diagram.lane_data(pid), html.escape(line["name"], True)))
        out.append(element("text", diagram.lane_title(pid), x=x, y=TOP - 44, text_anchor="middle",
                           font_weight="bold"))
        out.append(element("text", html.escape(line["name"]), x=x, y=TOP - 30, text_anchor="middle"))
        out.append(element("line", x1=x, y1=start, x2=x, y2=end, stroke="#424242", stroke_width=1.5))
        if line["exit"]:
            out.append(element("path", d="M%d,%d l8,8 m-16,0 l8,-8 l8,-8 m-16,0 l8,8" % (x - 8, end), stroke="#424242",
                               stroke_width=2, fill="none"))
        out.append("</g>")

    # blocked spans
    for span, placement in zip(diagram.spans, placed["spans"]):
        x = x_of[span.pid]
        top = y_of(span.start)
        bottom_span = y_of(span.end if span.end is not None else diagram.rows - 1)
        out.append('<g class="blocked" %s data-start="%d" data-end="%s">' % (
            diagram.lane_data(span.pid), span.start, span.end))
        out.append(tooltip(span.title))
        out.append(element("rect", x=x - SPAN_WIDTH // 2, y=top, width=SPAN_WIDTH, height=max(bottom_span - top, 3),
                           fill="#b0bec5", fill_opacity=0.85, stroke="#78909c"))
        out.append(placed_label(placement, fill="#546e7a", font_size=SPAN_FONT))
        out.append("</g>")

    # marks: exec, create, exit, signal delivery, futex waits and wakes that woke nobody
    for mark, placement in zip(diagram.marks, placed["marks"]):
        x, y = x_of[mark.pid], y_of(mark.row)
        colour = {"signal": "#c62828", "exit": "#424242", "futex": STYLES["futex"][0]}.get(mark.style, "#37474f")
        out.append('<g class="mark %s" %s data-row="%d">' % (mark.style, diagram.lane_data(mark.pid), mark.row))
        out.append(tooltip(mark.title))
        if mark.style == "signal":
            out.append(element("path", d="M%d,%d l5,5 l-5,5 l-5,-5 z" % (x, y - 5), fill=colour))
        elif mark.style != "exit":
            out.append(element("circle", cx=x, cy=y, r=3, fill=colour))
        out.append(placed_label(placement, fill=colour, font_size=MARK_FONT))
        out.append("</g>")

    # arrows
    for arrow, placement in zip(diagram.arrows, placed["arrows"]):
        colour, dash = STYLES[arrow.style]
        x1, y1 = x_of.get(arrow.source), y_of(arrow.start)
        y2 = y_of(arrow.end)
        if x1 is None:
            continue
        target = arrow.target
        out.append('<g class="arrow %s%s" data-from="%d" data-to="%s" data-start="%d" data-end="%d">' % (
            arrow.style, "" if arrow.received else " lost", arrow.source,
            "" if target is None else target, arrow.start, arrow.end))
        out.append(tooltip(arrow.title))
        if target == arrow.source:        # to itself (raise, a fault, SIGPIPE): a small loop
            path = "M%d,%d c40,-10 40,18 0,10" % (x1, y1 - 4)
            out.append(element("path", d=path, stroke=colour, fill="none", stroke_width=1.5,
                               stroke_dasharray=dash or None, marker_end="url(#head-%s)" % arrow.style))
        elif not arrow.received:          # a message nobody took: it stops short, with a cross
            x_end = lost_arrow_end(arrow, x_of)
            out.append(element("line", x1=x1, y1=y1, x2=x_end, y2=y1, stroke=colour, stroke_width=1.5,
                               stroke_dasharray="2 2"))
            out.append(element("path", d="M%d,%d l8,8 m0,-8 l-8,8" % (x_end - 4, y1 - 4), stroke=colour,
                               stroke_width=2))
        else:
            x2 = x_of[target]
            out.append(element("line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=colour, stroke_width=1.5,
                               stroke_dasharray=dash or None, marker_end="url(#head-%s)" % arrow.style))
        out.append(placed_label(placement, fill=colour, font_size=ARROW_FONT))
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def render_html(diagram, svg, title):
    legend = "".join('<span class="key"><svg width="36" height="10"><line x1="0" y1="5" x2="36" y2="5" '
                     'stroke="%s" stroke-width="2" stroke-dasharray="%s"/></svg> %s</span>'
                     % (STYLES[style][0], STYLES[style][1], html.escape(text)) for style, text in LEGEND)
    legend += ('<span class="key"><svg width="12" height="12"><rect width="12" height="12" fill="#b0bec5"/>'
               '</svg> blocked (what it waits on)</span>')
    trace = html.escape("\n".join(event.raw for event in diagram.events))
    return """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: sans-serif; margin: 1em 2em; }}
.key {{ margin-right: 1.5em; white-space: nowrap; }}
pre {{ font-size: 12px; }}
</style></head>
<body>
<h1>{title}</h1>
<p>{summary} Time goes down; hover over an arrow or a span for the trace lines behind it
(the format: docs/tracing.md).</p>
<p>{legend}</p>
{svg}
<details><summary>The trace ({count} events)</summary><pre>{trace}</pre></details>
</body></html>
""".format(title=html.escape(title), summary=html.escape(summary(diagram)), legend=legend, svg=svg,
           count=len(diagram.events), trace=trace)


def summary(diagram):
    messages = [a for a in diagram.arrows if a.style in ("message", "async", "reply", "mailbox", "msgqueue")]
    lost = sum(1 for a in messages if not a.received)
    processes = len(set(line["pid"] for line in diagram.lifelines.values()))
    threads = " (%d threads)" % len(diagram.lifelines) if len(diagram.lifelines) > processes else ""
    wakes = sum(1 for a in diagram.arrows if a.style == "futex")
    return "%d events, %d processes%s, %d messages%s, %d pipe transfers, %d signals%s." % (
        len(diagram.events), processes, threads, len(messages),
        " (%d not received)" % lost if lost else "",
        sum(1 for a in diagram.arrows if a.style == "pipe"), sum(1 for a in diagram.arrows if a.style == "signal"),
        ", %d futex wakes" % wakes if wakes else "")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("log", help="a serial log with [trace] lines ('-' for standard input)")
    parser.add_argument("-o", "--output", help="the SVG to write (default: LOG with .svg)")
    parser.add_argument("--html", help="also write an HTML page embedding the picture")
    parser.add_argument("--title", help="a title for the picture")
    parser.add_argument("--network", action="store_true",
                        help="draw the TCP segments (tcp events) between endpoints instead (tools/trace_network.py)")
    args = parser.parse_args(argv)

    if args.log == "-":
        lines = sys.stdin.read().splitlines()
    else:
        with open(args.log, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    events = parse(lines)
    if not events:
        print("trace_view: no [trace] lines in %s (was the kernel built with TRACE=1 or booted with `trace`?)"
              % args.log, file=sys.stderr)
        return 1
    if args.network:
        return draw_network(events, args)
    diagram = Diagram(events)
    title = args.title or "IPC trace: %s" % args.log
    svg = render_svg(diagram, title)
    output = args.output or (args.log.rsplit(".", 1)[0] if args.log != "-" else "trace") + ".svg"
    with open(output, "w", encoding="utf-8") as f:
        f.write(svg)
    written = [output]
    if args.html:
        with open(args.html, "w", encoding="utf-8") as f:
            f.write(render_html(diagram, svg, title))
        written.append(args.html)
    print("%s -> %s" % (summary(diagram), " and ".join(written)))
    return 0


def draw_network(events, args):
    """--network: the chart of tools/trace_network.py, as an SVG (no HTML page)."""
    import trace_network
    diagram = trace_network.NetworkDiagram(events)
    if not diagram.arrows:
        print("trace_view: no tcp or packet events in %s (is the kernel's network in use?)" % args.log,
              file=sys.stderr)
        return 1
    svg = trace_network.render_network_svg(diagram, args.title or "Network trace: %s" % args.log)
    output = args.output or (args.log.rsplit(".", 1)[0] if args.log != "-" else "trace") + "-network.svg"
    with open(output, "w", encoding="utf-8") as f:
        f.write(svg)
    print("%s -> %s" % (diagram.summary(), output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
