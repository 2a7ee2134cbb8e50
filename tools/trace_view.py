#!/usr/bin/env python3
"""tools/trace_view.py LOG [-o OUT.svg] [--html OUT.html] [--title TITLE]

Draws the kernel's IPC trace (the `[trace]` lines of a serial log, format in
docs/tracing.md) as a message sequence chart: one lifeline per process, time
going down; an arrow for each message from where it was sent to where it was
received, for the bytes of a pipe from the write to the read that took them,
and for each signal; a shaded span while a process is blocked, labelled with
what it waits on. Every shape has a tooltip with the trace line behind it.

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
}
LEGEND = [("message", "message (msg_send, msg_call)"), ("async", "asynchronous message (inbox)"),
          ("reply", "reply (msg_reply)"), ("mailbox", "through a mailbox"),
          ("msgqueue", "through a System V message queue"), ("pipe", "bytes through a pipe"),
          ("signal", "signal"), ("fork", "fork")]

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
        self.source, self.target = source, target      # pids (0: the kernel)
        self.start, self.end = start, end              # rows
        self.label = label
        self.title = title
        self.received = received


class Span:
    def __init__(self, pid, start, label, title):
        self.pid = pid
        self.start = start
        self.end = None
        self.label = label
        self.title = title


class Mark:
    def __init__(self, pid, row, text, title, style="note"):
        self.pid, self.row, self.text, self.title, self.style = pid, row, text, title, style


class Diagram:
    """What to draw, worked out from the events: lifelines, arrows, spans, marks."""

    def __init__(self, events):
        self.events = events
        self.rows = 0
        self.times = []                   # the time of each row
        self.lifelines = collections.OrderedDict()   # pid -> {"name", "start", "end", "exit"}
        self.arrows = []
        self.spans = []
        self.marks = []
        self.kernel_column = False
        self.open_spans = {}              # pid -> Span
        self.pending_sends = collections.defaultdict(collections.deque)
        self.pipe_bytes = collections.defaultdict(collections.deque)   # obj -> [event, bytes left]
        for event in events:
            handler = getattr(self, "on_" + event.kind.replace("-", "_"), None)
            if handler:
                handler(event)
        for span in self.open_spans.values():
            span.end = self.rows - 1      # still blocked when the trace ends
        for send in [s for queue in self.pending_sends.values() for s in queue]:
            self.add_unreceived(send)

    # -- rows and lifelines

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
            line = self.lifelines[pid] = {"name": name or "", "start": row if forked else None, "end": None,
                                          "exit": None}
        if name and not line["name"]:
            line["name"] = name

    # -- processes

    def on_fork(self, event):
        row = self.new_row(event)
        parent, child = event.int("pid"), event.int("child")
        self.touch(parent, row)
        self.touch(child, row, self.lifelines.get(parent, {}).get("name"), forked=True)
        self.arrows.append(Arrow("fork", parent, child, row, row, "fork", event.raw))

    def on_exec(self, event):
        row = self.new_row(event)
        pid = event.int("pid")
        self.touch(pid, row)
        self.lifelines[pid]["name"] = event.get("name")
        self.marks.append(Mark(pid, row, "exec " + event.get("name"), event.raw))

    def on_exit(self, event):
        row = self.new_row(event)
        pid = event.int("pid")
        self.touch(pid, row)
        self.close_span(pid, row)
        signal = event.int("signal")
        text = "killed by %s" % signal_name(signal) if signal else "exit %d" % event.int("code")
        self.lifelines[pid].update(end=row, exit=text)
        self.marks.append(Mark(pid, row, text, event.raw, "exit"))

    # -- blocking

    def on_block(self, event):
        pid = event.int("pid")
        if pid <= 0:
            return                        # a kernel task
        row = self.new_row(event)
        self.touch(pid, row)
        self.close_span(pid, row)
        on = event.get("on", "-")
        label = event.get("reason") + ("" if on in ("", "-") else ": " + on)
        span = Span(pid, row, label, event.raw)
        self.open_spans[pid] = span
        self.spans.append(span)

    def on_wake(self, event):
        pid = event.int("pid")
        if pid <= 0:
            return
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
        pid = event.int("pid")
        self.touch(pid, row)
        capacity = event.get("capacity")
        extra = "" if not capacity else " (unbounded)" if capacity == MBOX_UNBOUNDED else " (capacity %s)" % capacity
        self.marks.append(Mark(pid, row, "create " + object_name(event.get("obj")) + extra, event.raw))

    # -- messages

    @staticmethod
    def message_key(event, sender, receiver):
        """Where a send waits for its receive: per object (a mailbox, a
        message queue), or per pair of processes."""
        if event.get("obj"):
            return ("object", event.get("obj"))
        if event.get("mode") == "reply" or event.get("via") == "reply":
            return ("reply", sender, receiver)
        return ("direct", sender, receiver)

    def on_send(self, event):
        row = self.new_row(event)
        sender = event.int("pid")
        self.touch(sender, row)
        self.pending_sends[self.message_key(event, sender, event.int("to"))].append(event)

    @staticmethod
    def matching_send(queue, event):
        """The oldest send a receive took: from the sender it names (if it
        names one: a System V receive does not), of its type if possible."""
        if "from" in event.fields:
            queue = [s for s in queue if s.get("pid") == event.get("from")]
        return next((s for s in queue if s.get("type") == event.get("type")), queue[0] if queue else None)

    def on_recv(self, event):
        row = self.new_row(event)
        receiver = event.int("pid")
        self.touch(receiver, row)
        queue = self.pending_sends[self.message_key(event, event.int("from"), receiver)]
        send = self.matching_send(queue, event)
        if send is None:                  # sent before the trace began
            self.marks.append(Mark(receiver, row, "received type %s%s" % (
                event.get("type"), " from %s" % event.get("from") if event.get("from") else ""), event.raw))
            return
        queue.remove(send)
        sender = send.int("pid")
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
        sender = send.int("pid")
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
        self.touch(event.int("pid"), row)
        self.pipe_bytes[event.get("obj")].append([event, event.int("bytes")])

    def on_read(self, event):
        row = self.new_row(event)
        reader = event.int("pid")
        self.touch(reader, row)
        wanted = event.int("bytes")
        queue = self.pipe_bytes[event.get("obj")]
        while wanted > 0 and queue:
            write, left = queue[0]
            taken = min(wanted, left)
            self.arrows.append(Arrow("pipe", write.int("pid"), reader, write.row, row,
                                     "%s: %d B" % (object_name(event.get("obj")), taken),
                                     write.raw + "\n" + event.raw))
            wanted -= taken
            queue[0][1] -= taken
            if queue[0][1] == 0:
                queue.popleft()
        if wanted > 0:                    # written before the trace began
            self.marks.append(Mark(reader, row, "read %d B of %s" % (wanted, object_name(event.get("obj"))),
                                   event.raw))

    # -- signals

    def on_signal(self, event):
        row = self.new_row(event)
        sender, target = event.int("pid"), event.int("to")
        self.touch(sender, row)
        self.touch(target, row)
        if sender == 0:
            self.kernel_column = True
        self.arrows.append(Arrow("signal", sender, target, row, row, signal_name(event.int("sig")), event.raw))

    def on_deliver(self, event):
        row = self.new_row(event)
        pid = event.int("pid")
        self.touch(pid, row)
        self.marks.append(Mark(pid, row, "%s: %s" % (signal_name(event.int("sig")), event.get("action")),
                               event.raw, "signal"))


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


def render_svg(diagram, title=""):
    """The diagram as an SVG document (a string)."""
    columns = ([0] if diagram.kernel_column else []) + list(diagram.lifelines)
    x_of = {pid: LEFT + COLUMN_WIDTH // 2 + i * COLUMN_WIDTH for i, pid in enumerate(columns)}
    width = LEFT + max(1, len(columns)) * COLUMN_WIDTH + 20
    height = TOP + max(1, diagram.rows) * ROW_HEIGHT + 40

    def y_of(row):
        return TOP + row * ROW_HEIGHT + ROW_HEIGHT // 2

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="11">' % (width, height, width, height)]
    out.append("<defs>")
    for style, (colour, _) in STYLES.items():
        out.append('<marker id="head-%s" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
                   'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker>'
                   % (style, colour))
    out.append("</defs>")
    out.append(element("rect", x=0, y=0, width=width, height=height, fill="white"))
    if title:
        out.append(element("text", html.escape(title), x=10, y=18, font_size=14, font_weight="bold"))

    # time down the left side, where it changes
    last = None
    for row, ns in enumerate(diagram.times):
        if ns != last:
            out.append(element("text", format_time(ns), x=LEFT - 10, y=y_of(row) + 4, text_anchor="end",
                               fill="#616161", class_="time"))
            out.append(element("line", x1=LEFT - 6, y1=y_of(row), x2=width - 10, y2=y_of(row),
                               stroke="#eeeeee", stroke_width=1))
            last = ns

    # lifelines
    bottom = y_of(max(diagram.rows - 1, 0)) + ROW_HEIGHT // 2
    if diagram.kernel_column:
        out.append('<g class="lifeline" data-pid="0">')
        out.append(element("text", "kernel", x=x_of[0], y=TOP - 30, text_anchor="middle", font_weight="bold"))
        out.append(element("line", x1=x_of[0], y1=TOP - 20, x2=x_of[0], y2=bottom, stroke="#bdbdbd",
                           stroke_width=1, stroke_dasharray="1 4"))
        out.append("</g>")
    for pid, line in diagram.lifelines.items():
        x = x_of[pid]
        start = y_of(line["start"]) if line["start"] is not None else TOP - 20
        end = y_of(line["end"]) if line["end"] is not None else bottom
        out.append('<g class="lifeline" data-pid="%d" data-name="%s">' % (pid, html.escape(line["name"], True)))
        out.append(element("text", "pid %d" % pid, x=x, y=TOP - 44, text_anchor="middle", font_weight="bold"))
        out.append(element("text", html.escape(line["name"]), x=x, y=TOP - 30, text_anchor="middle"))
        out.append(element("line", x1=x, y1=start, x2=x, y2=end, stroke="#424242", stroke_width=1.5))
        if line["exit"]:
            out.append(element("path", d="M%d,%d l8,8 m-16,0 l8,-8 l8,-8 m-16,0 l8,8" % (x - 8, end), stroke="#424242",
                               stroke_width=2, fill="none"))
        out.append("</g>")

    # blocked spans
    for span in diagram.spans:
        x = x_of[span.pid]
        top = y_of(span.start)
        bottom_span = y_of(span.end if span.end is not None else diagram.rows - 1)
        out.append('<g class="blocked" data-pid="%d" data-start="%d" data-end="%s">' % (
            span.pid, span.start, span.end))
        out.append(tooltip(span.title))
        out.append(element("rect", x=x - SPAN_WIDTH // 2, y=top, width=SPAN_WIDTH, height=max(bottom_span - top, 3),
                           fill="#b0bec5", fill_opacity=0.85, stroke="#78909c"))
        out.append(label(span.label, x=x + SPAN_WIDTH // 2 + 3, y=top + 10,
                           fill="#546e7a", font_size=9))
        out.append("</g>")

    # marks: exec, create, exit, signal delivery
    for mark in diagram.marks:
        x, y = x_of[mark.pid], y_of(mark.row)
        colour = {"signal": "#c62828", "exit": "#424242"}.get(mark.style, "#37474f")
        out.append('<g class="mark %s" data-pid="%d" data-row="%d">' % (mark.style, mark.pid, mark.row))
        out.append(tooltip(mark.title))
        if mark.style == "signal":
            out.append(element("path", d="M%d,%d l5,5 l-5,5 l-5,-5 z" % (x, y - 5), fill=colour))
        elif mark.style != "exit":
            out.append(element("circle", cx=x, cy=y, r=3, fill=colour))
        out.append(label(mark.text, x=x - (14 if mark.style == "exit" else 8), y=y + 4,
                           text_anchor="end", fill=colour, font_size=10))
        out.append("</g>")

    # arrows
    for arrow in diagram.arrows:
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
            out.append(label(arrow.label, x=x1 + 34, y=y1 - 6, fill=colour, font_size=10))
        elif not arrow.received:          # a message nobody took: it stops short, with a cross
            x2 = x_of.get(target, x1 + COLUMN_WIDTH // 2) if target is not None else x1 + COLUMN_WIDTH // 2
            x_end = x1 + (x2 - x1) // 2 if x2 != x1 else x1 + COLUMN_WIDTH // 3
            out.append(element("line", x1=x1, y1=y1, x2=x_end, y2=y1, stroke=colour, stroke_width=1.5,
                               stroke_dasharray="2 2"))
            out.append(element("path", d="M%d,%d l8,8 m0,-8 l-8,8" % (x_end - 4, y1 - 4), stroke=colour,
                               stroke_width=2))
            out.append(label(arrow.label, x=min(x1, x_end) + 4, y=y1 - 5, fill=colour,
                               font_size=10))
        else:
            x2 = x_of[target]
            out.append(element("line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=colour, stroke_width=1.5,
                               stroke_dasharray=dash or None, marker_end="url(#head-%s)" % arrow.style))
            out.append(label(arrow.label, x=(x1 + x2) // 2, y=(y1 + y2) // 2 - 4,
                               text_anchor="middle", fill=colour, font_size=10))
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
    return "%d events, %d processes, %d messages%s, %d pipe transfers, %d signals." % (
        len(diagram.events), len(diagram.lifelines), len(messages),
        " (%d not received)" % lost if lost else "",
        sum(1 for a in diagram.arrows if a.style == "pipe"), sum(1 for a in diagram.arrows if a.style == "signal"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("log", help="a serial log with [trace] lines ('-' for standard input)")
    parser.add_argument("-o", "--output", help="the SVG to write (default: LOG with .svg)")
    parser.add_argument("--html", help="also write an HTML page embedding the picture")
    parser.add_argument("--title", help="a title for the picture")
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


if __name__ == "__main__":
    sys.exit(main())
