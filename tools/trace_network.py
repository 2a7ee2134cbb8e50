"""tools/trace_network.py - the network chart of tools/trace_view.py
(`trace_view.py LOG --network`): the TCP segments of a trace as a sequence
chart, one lifeline per endpoint (address:port), time going down.

    diagram = NetworkDiagram(trace_view.parse(lines))
    svg = render_network_svg(diagram, title)

Each `tcp` event (kernel/net/tcp_connection.c tcp_trace_segment; format in
docs/tracing.md) is a row. A segment sent (`dir=out`) and the same segment
received (`dir=in`: same ends, flags, numbers and length), as the loopback
shows both, are one arrow from the row of the one to the row of the other;
a segment seen only going out (to another machine) or only coming in
(from another machine) is an arrow within its row, and one sent to an end
that is local (the trace shows segments leaving it too) which never
arrived stops halfway with a cross (a retransmission of it, when one
arrives, is the copy that did). Sequence
numbers are relative, as Wireshark shows them: each sender's first
sequence number seen is 0 (its SYN's, when the trace has it), and an
acknowledgment is relative to the other side's. Where the state of an end
changes, a mark names it: the state of the sender when it sent, of the
receiver when the segment came (before it acted on it). A `block` whose
object is a TCP socket (`on="socket tcp 127.0.0.1:7777 -> ..."`) is a
span on that socket's endpoint: who waited there, for what.

A trace with no `tcp` events is drawn from its `packet` events
(kernel/net/ipv4.c): one lifeline per address, an arrow per packet.
Only Python's standard library."""
import collections
import html
import re

import trace_view
from trace_view import (Arrow, LabelPlacer, Mark, Span, element, format_time, placed_label, tooltip,
                        ARROW_FONT, MARK_FONT, SPAN_FONT, SPAN_WIDTH, TIME_FONT)

NETWORK_COLUMN_WIDTH = 330     # room for a label of flags and numbers between two lifelines
NETWORK_TOP = 78               # room for the endpoints' names
NETWORK_LEFT = 96              # room for the time labels
ROW_HEIGHT = trace_view.ROW_HEIGHT

# how each kind of arrow looks: (colour, dash pattern or "")
NETWORK_STYLES = {
    "syn": ("#2e7d32", ""),         # opens: SYN, SYN|ACK
    "data": ("#1565c0", ""),        # carries bytes
    "ack": ("#757575", ""),         # a bare acknowledgment
    "fin": ("#6a1b9a", ""),         # closes
    "rst": ("#c62828", ""),         # resets
    "packet": ("#e65100", ""),      # a packet, when the trace has no tcp events
}

SOCKET_OBJECT = re.compile(r"socket tcp (\S+)")


def segment_style(event):
    """How a segment's arrow looks, by its most telling flag."""
    flags = event.get("flags").split("|")
    if "RST" in flags:
        return "rst"
    if "SYN" in flags:
        return "syn"
    if "FIN" in flags:
        return "fin"
    return "data" if event.int("len") else "ack"


def segment_key(event):
    """What a segment sent and the same segment received share."""
    return tuple(event.get(name) for name in ("src", "dst", "flags", "seq", "ack", "len"))


class NetworkDiagram:
    """The lifelines (endpoints), arrows (segments), spans (waits on TCP
    sockets) and marks (states) of a trace, each at its row."""

    def __init__(self, events):
        """Works the chart out from `events` (trace_view.parse's)."""
        self.events = events
        self.rows = 0
        self.times = []
        self.lifelines = collections.OrderedDict()   # endpoint -> {"name": ...}
        self.arrows, self.spans, self.marks = [], [], []
        self.initial_sequence = {}                   # sender endpoint -> its first sequence number seen
        self.states = {}                             # endpoint -> the last state marked
        self.open_spans = {}                         # (pid, task) -> Span
        self.process_names = {}                      # pid -> the program it runs
        self.from_packets = not any(event.kind == "tcp" for event in events)
        sent = collections.defaultdict(collections.deque)   # segment key -> its `out` events not yet received
        for event in events:
            if event.kind == "exec":
                self.process_names[event.int("pid")] = event.get("name")
            elif event.kind == "fork":                   # a child runs its parent's program until it execs
                self.process_names[event.int("child")] = self.process_names.get(event.int("pid"), "")
            elif event.kind == ("packet" if self.from_packets else "tcp"):
                self.on_segment(event, sent)
            elif event.kind == "block":
                self.on_block(event)
            elif event.kind in ("wake", "exit"):
                self.on_end_of_wait(event)
        senders = {event.get("src") for event in events if event.get("dir") == "out"}
        for queue in sent.values():
            for event in queue:                      # lost, if its destination is an end this trace sees
                self.add_arrow(event, event, received=event.get("dst") not in senders)
        self.arrows.sort(key=lambda arrow: (arrow.start, arrow.end))
        for span in self.open_spans.values():
            span.end = self.rows - 1

    def columns(self):
        """The lifelines left to right: the ends of segments in the order
        they first appear (the first sender, usually the client, on the
        left), then any end known only from a wait."""
        ends = [end for event in self.events if event.row is not None and "src" in event.fields
                for end in self.ends(event)]
        ordered = list(collections.OrderedDict.fromkeys(ends))
        return ordered + [end for end in self.lifelines if end not in ordered]

    def new_row(self, event):
        """Gives `event` the next row; returns it."""
        event.row = self.rows
        self.rows += 1
        self.times.append(event.time_ns)
        return event.row

    def touch(self, endpoint):
        """Makes sure `endpoint` has a lifeline."""
        self.lifelines.setdefault(endpoint, {"name": ""})

    # -- segments

    @staticmethod
    def ends(event):
        """(source, destination): endpoints for a segment, addresses for a packet."""
        return event.get("src"), event.get("dst")

    def on_segment(self, event, sent):
        """A tcp (or packet) event: an `out` waits in `sent` for its `in`;
        an `in` takes the latest `out` of the same segment, or is drawn
        alone (from another machine)."""
        self.new_row(event)
        source, destination = self.ends(event)
        self.touch(source)
        self.touch(destination)
        if not self.from_packets:
            self.initial_sequence.setdefault(source, event.int("seq"))
            self.mark_state(source if event.get("dir") == "out" else destination, event)
        key = segment_key(event) if not self.from_packets else (source, destination, event.get("proto"),
                                                                 event.get("len"))
        if event.get("dir") == "out":
            sent[key].append(event)
        elif sent[key]:                              # the latest sent: an earlier copy of it was lost
            self.add_arrow(sent[key].pop(), event)
        else:                                        # from another machine: only its arrival is seen
            self.add_arrow(event, event)

    def mark_state(self, endpoint, event):
        """A mark where `endpoint`'s state, as `event` gives it, changes."""
        state = event.get("state")
        if state and self.states.get(endpoint) != state:
            self.states[endpoint] = state
            self.marks.append(Mark(endpoint, event.row, state, event.raw, "state"))

    def relative(self, endpoint, number):
        """A sequence number of `endpoint`'s, from its first one seen (mod 2^32)."""
        return (number - self.initial_sequence.get(endpoint, number)) % (1 << 32)

    def segment_label(self, event):
        """'PSH|ACK seq=1 ack=1 len=13 win=65535', or 'tcp, 44 B' for a packet."""
        if self.from_packets:
            return "%s, %s B" % (event.get("proto"), event.get("len"))
        source, destination = self.ends(event)
        text = "%s seq=%d" % (event.get("flags"), self.relative(source, event.int("seq")))
        if "ACK" in event.get("flags").split("|"):
            text += " ack=%d" % self.relative(destination, event.int("ack"))
        if event.int("len"):
            text += " len=%d" % event.int("len")
        if event.get("urg"):                      # with URG: just past the urgent byte, from seq
            text += " urg=%s" % event.get("urg")
        return text + " win=%s" % event.get("win")

    def add_arrow(self, first, last, received=True):
        """The arrow of a segment seen at `first` (sent) and `last` (arrived):
        the same event when it was seen only once."""
        source, destination = self.ends(first)
        style = "packet" if self.from_packets else segment_style(first)
        title = first.raw if first is last else first.raw + "\n" + last.raw
        arrow = Arrow(style, source, destination, first.row, last.row, self.segment_label(first), title, received)
        arrow.seen = "both" if first is not last else first.get("dir")
        self.arrows.append(arrow)

    # -- waits on sockets

    def on_block(self, event):
        """A wait on a TCP socket: a span on its endpoint, until its wake."""
        match = SOCKET_OBJECT.search(event.get("on"))
        if not match:
            return
        endpoint = match.group(1)
        self.new_row(event)
        self.touch(endpoint)
        pid = event.int("pid")
        name = self.process_names.get(pid, "")
        if not self.lifelines[endpoint]["name"]:
            self.lifelines[endpoint]["name"] = "pid %d %s" % (pid, name) if name else "pid %d" % pid
        span = Span(endpoint, event.row, "pid %d: %s" % (pid, event.get("reason")), event.raw)
        self.open_spans[(pid, event.get("task"))] = span
        self.spans.append(span)

    def on_end_of_wait(self, event):
        """A `wake` ends its task's span; an `exit` every span of the process."""
        pid = event.int("pid")
        ending = [key for key in self.open_spans if key[0] == pid and
                  (event.kind == "exit" or key[1] == event.get("task"))]
        if not ending:
            return
        self.new_row(event)
        for key in ending:
            span = self.open_spans.pop(key)
            span.end = event.row
            span.title += "\n" + event.raw

    def summary(self):
        """One line for the command line: what was drawn."""
        both = sum(1 for arrow in self.arrows if arrow.seen == "both")
        kind = "packets" if self.from_packets else "segments"
        return "%d %s between %d endpoints (%d seen leaving and arriving), %d waits on sockets." % (
            len(self.arrows), kind, len(self.lifelines), both, len(self.spans))


def place_network_labels(diagram, x_of, y_of):
    """Where each label goes (trace_view.LabelPlacer): the fixed ones first,
    then the arrows', the marks' (outward of the picture), the spans'."""
    placer = LabelPlacer()
    last = None
    for row, ns in enumerate(diagram.times):
        if ns != last:
            placer.fix(format_time(ns), NETWORK_LEFT - 10, y_of(row) + 4, TIME_FONT, "end")
            last = ns
    for endpoint, line in diagram.lifelines.items():
        placer.fix(endpoint, x_of[endpoint], NETWORK_TOP - 44, TIME_FONT, "middle", bold=True)
        placer.fix(line["name"], x_of[endpoint], NETWORK_TOP - 30, TIME_FONT, "middle")
    arrows = []
    for arrow in diagram.arrows:
        x1, x2 = x_of[arrow.source], x_of[arrow.target]
        y1, y2 = y_of(arrow.start), y_of(arrow.end)
        if x1 == x2:
            candidates = [(x1 + 34, y1 - 6, "start"), (x1 + 34, y1 + 18, "start")]
        else:
            candidates = trace_view.arrow_label_candidates(x1, y1, x2, y2)
        arrows.append(placer.place(arrow.label, candidates, ARROW_FONT))
    marks = []
    for mark in diagram.marks:
        x, y = x_of[mark.pid], y_of(mark.row)
        outward = -1 if x == min(x_of.values()) else 1
        sides = [(x - 10, y + 4, "end"), (x + 10, y + 4, "start")]
        marks.append(placer.place(mark.text, sides if outward < 0 else sides[::-1], MARK_FONT))
    spans = []
    for span in diagram.spans:
        x = x_of[span.pid]
        top, bottom = y_of(span.start), y_of(span.end if span.end is not None else diagram.rows - 1)
        heights = [top + 10 + step * ROW_HEIGHT // 2 for step in range(max(1, (bottom - top) * 2 // ROW_HEIGHT))]
        outward = -1 if x == min(x_of.values()) else 1
        left = [(x - SPAN_WIDTH // 2 - 3, y, "end") for y in heights]
        right = [(x + SPAN_WIDTH // 2 + 3, y, "start") for y in heights]
        spans.append(placer.place(span.label, left + right if outward < 0 else right + left, SPAN_FONT))
    return {"arrows": arrows, "marks": marks, "spans": spans}, placer


def render_network_svg(diagram, title=""):
    """The network chart as an SVG document (a string)."""
    columns = diagram.columns()
    x_of = {endpoint: NETWORK_LEFT + NETWORK_COLUMN_WIDTH // 2 + i * NETWORK_COLUMN_WIDTH
            for i, endpoint in enumerate(columns)}
    height = NETWORK_TOP + max(1, diagram.rows) * ROW_HEIGHT + 40

    def y_of(row):
        return NETWORK_TOP + row * ROW_HEIGHT + ROW_HEIGHT // 2

    placed, placer = place_network_labels(diagram, x_of, y_of)
    width = max(NETWORK_LEFT + max(1, len(columns)) * NETWORK_COLUMN_WIDTH + 20, int(placer.right_edge()) + 10)
    out = trace_view.chart_opening(width, height, NETWORK_STYLES, title, diagram.times, y_of, NETWORK_LEFT)
    bottom = y_of(max(diagram.rows - 1, 0)) + ROW_HEIGHT // 2
    for endpoint in columns:
        x = x_of[endpoint]
        out.append('<g class="lifeline endpoint" data-endpoint="%s">' % html.escape(endpoint, True))
        out.append(element("text", html.escape(endpoint), x=x, y=NETWORK_TOP - 44, text_anchor="middle",
                           font_weight="bold"))
        out.append(element("text", html.escape(diagram.lifelines[endpoint]["name"]), x=x, y=NETWORK_TOP - 30,
                           text_anchor="middle"))
        out.append(element("line", x1=x, y1=NETWORK_TOP - 20, x2=x, y2=bottom, stroke="#424242", stroke_width=1.5))
        out.append("</g>")
    for span, placement in zip(diagram.spans, placed["spans"]):
        x, top = x_of[span.pid], y_of(span.start)
        bottom_span = y_of(span.end if span.end is not None else diagram.rows - 1)
        out.append('<g class="blocked" data-endpoint="%s" data-start="%d" data-end="%s">' % (
            html.escape(span.pid, True), span.start, span.end))
        out.append(tooltip(span.title))
        out.append(element("rect", x=x - SPAN_WIDTH // 2, y=top, width=SPAN_WIDTH, height=max(bottom_span - top, 3),
                           fill="#b0bec5", fill_opacity=0.85, stroke="#78909c"))
        out.append(placed_label(placement, fill="#546e7a", font_size=SPAN_FONT))
        out.append("</g>")
    for mark, placement in zip(diagram.marks, placed["marks"]):
        x, y = x_of[mark.pid], y_of(mark.row)
        out.append('<g class="mark state" data-endpoint="%s" data-row="%d">' % (html.escape(mark.pid, True), mark.row))
        out.append(tooltip(mark.title))
        out.append(element("rect", x=x - 4, y=y - 4, width=8, height=8, fill="#37474f"))
        out.append(placed_label(placement, fill="#37474f", font_size=MARK_FONT, font_weight="bold"))
        out.append("</g>")
    for arrow, placement in zip(diagram.arrows, placed["arrows"]):
        colour, dash = NETWORK_STYLES[arrow.style]
        x1, x2 = x_of[arrow.source], x_of[arrow.target]
        y1, y2 = y_of(arrow.start), y_of(arrow.end)
        out.append('<g class="arrow segment %s%s" data-from="%s" data-to="%s" data-start="%d" data-end="%d" '
                   'data-seen="%s">' % (arrow.style, "" if arrow.received else " lost",
                                        html.escape(arrow.source, True), html.escape(arrow.target, True),
                                        arrow.start, arrow.end, arrow.seen))
        out.append(tooltip(arrow.title))
        if x1 == x2:                                 # to itself (packets of one address): a small loop
            out.append(element("path", d="M%d,%d c40,-10 40,18 0,10" % (x1, y1 - 4), stroke=colour, fill="none",
                               stroke_width=1.5, marker_end="url(#head-%s)" % arrow.style))
        elif not arrow.received:                     # sent to a local end that never received it
            x_end = x1 + (x2 - x1) // 2
            out.append(element("line", x1=x1, y1=y1, x2=x_end, y2=y1, stroke=colour, stroke_width=1.5,
                               stroke_dasharray="2 2"))
            out.append(element("path", d="M%d,%d l8,8 m0,-8 l-8,8" % (x_end - 4, y1 - 4), stroke=colour,
                               stroke_width=2))
        else:
            out.append(element("line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=colour, stroke_width=1.5,
                               stroke_dasharray=dash or None, marker_end="url(#head-%s)" % arrow.style))
        out.append(placed_label(placement, fill=colour, font_size=ARROW_FONT))
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
