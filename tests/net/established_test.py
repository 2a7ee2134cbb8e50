"""tests/net/established_test.py - segments on an ESTABLISHED connection,
for tests/net/malformed_test.py: the test makes a real three-way handshake
with the guest's listener (tests/net/net_target.c, which accepts and echoes
every byte back) from the test's address, then sends, on that connection,
what a broken or hostile peer sends, and checks what RFC 793 / 5961 say
the guest does:

- in-order data is echoed exactly once;
- a duplicate of old data, data past either end of the window, and data
  whose ACK covers bytes the guest never sent are answered with an ACK
  and dropped (never echoed);
- an overlapping segment adds only its new bytes; out-of-order segments
  (overlapping each other, one twice) are held and echoed in order once
  the hole is filled;
- data behind random or malformed TCP options is delivered whole;
- duplicate and old ACKs change nothing; the echo they leave unacknowledged
  is sent again;
- while the test's window is 0 the guest sends no data (at most a 1-byte
  probe), and sends the echo once the window opens;
- a FIN at a wrong sequence number (past the window, old, or ahead with a
  hole before it) does not end the stream;
- a RST outside the window is ignored; a RST inside it but not at the
  next expected number is ignored or answered with a challenge ACK, never
  taken (RFC 5961 3.2); a RST at that number ends the connection;
- FIN with data: the data is echoed, the guest closes in turn, the test
  ACKs its FIN and the connection is gone; net_target read every byte once;
- then random segments (flags, numbers, windows, options, payloads) on
  live connections: every byte echoed is the stream's own, in order.

Every byte the test sends at stream offset N is STREAM[N], whatever the
segment: a byte the guest takes twice, or takes from the wrong place,
shows in the echo.

    run_all(peer, guest, rng, addresses) -> [(name, passed, detail)]"""
import re
import struct
import time

from frames import (PROTOCOL_TCP, TCP_ACK, TCP_FIN, TCP_OPTION_END, TCP_OPTION_MSS, TCP_OPTION_NOP,
                    TCP_OPTION_SACK, TCP_OPTION_SACK_PERMITTED, TCP_OPTION_TIMESTAMPS, TCP_OPTION_WINDOW_SCALE,
                    TCP_PSH, TCP_RST, TCP_SYN, TCP_URG, Parsed, tcp, tcp_option)
from net_guest import pattern, tail
from random_frames import tcp_options

STREAM = pattern(0x5eed, 140000)          # longer than any offset the guest can take (window 64 KiB)
FIRST_PORT = 50000                        # the test's connections: 50000 and up (random frames use fewer)
RANDOM_SEGMENTS = 500
RANDOM_CONNECTIONS = 16                   # connections the random segments may use up
WILD_SHARE = 0.06                         # random segments whose flags may end the connection
QUIET = 0.5                               # seconds to wait for something that must not come
ANSWER = 5.0                              # seconds to wait for something that must come
POLL_SLICE = 0.02                         # seconds between two looks at a condition (some are on the serial line)
OUT_OF_WINDOW = 70000                     # past any window the guest can offer (64 KiB)
MOD = 1 << 32


def offset_of(a, b):
    """a - b in sequence space, as a signed number."""
    d = (a - b) % MOD
    return d - MOD if d >= 1 << 31 else d


def stream_bytes(offset, length):
    """The stream's bytes from `offset` (outside it: 0x55, never taken)."""
    return bytes(STREAM[i] if 0 <= i < len(STREAM) else 0x55 for i in range(offset, offset + length))


class Connection:
    """The test's end of one connection: its numbers, the echo received in
    order, and every segment the guest sent on it since mark()."""

    def __init__(self, link, port, iss):
        self.link, self.port, self.iss = link, port, iss
        self.snd_nxt = (iss + 1) % MOD    # the next number we send (stream offset 0 at iss + 1)
        self.rcv_nxt = None               # the next number we expect from the guest
        self.echo = bytearray()
        self.early = {}                   # the guest's segments that came before a hole: seq -> (data, fin)
        self.guest_fin = False
        self.guest_reset = False
        self.auto_ack = True              # ACK the guest's data as it comes
        self.frozen_ack = None            # ... else every segment acknowledges this
        self.window = 65535               # the window we offer
        self.last_ack = self.last_window = None
        self.segments = []                # since mark()
        self.all_segments = 0

    @property
    def offset(self):
        """Our stream bytes the guest has taken, as we count them."""
        return offset_of(self.snd_nxt, self.iss + 1)

    def ack_value(self):
        return self.rcv_nxt if self.auto_ack or self.frozen_ack is None else self.frozen_ack

    def send(self, flags, sequence=None, acknowledgment=None, payload=b"", window=None, options=b"", urgent=0):
        self.link.send_tcp(self.port, tcp(
            self.link.test_ip, self.link.guest_ip, self.port, self.link.guest_port,
            self.snd_nxt if sequence is None else sequence,
            (self.ack_value() or 0) if acknowledgment is None else acknowledgment, flags, payload=payload,
            window=self.window if window is None else window, options=options, urgent=urgent))

    def send_data(self, offset, length, flags=TCP_ACK | TCP_PSH, **kw):
        """Stream bytes [offset, offset + length) in one segment."""
        self.send(flags, sequence=(self.iss + 1 + offset) % MOD, payload=stream_bytes(offset, length), **kw)

    def advance(self, offset):
        """The guest should now have the stream up to `offset`."""
        self.snd_nxt = (self.iss + 1 + offset) % MOD

    def send_more(self, offset, length=100):
        """The stream's next `length` bytes from `offset`, which the guest
        should then have: the new offset."""
        self.send_data(offset, length)
        self.advance(offset + length)
        return offset + length

    def mark(self):
        self.segments = []

    def take(self, p):
        """A segment from the guest on this connection."""
        self.segments.append(p)
        self.all_segments += 1
        if p.flags & TCP_RST:
            self.guest_reset = True
            return
        if p.flags & TCP_SYN:             # the handshake reads it from segments
            if self.rcv_nxt is not None and p.flags & TCP_ACK:
                if (p.sequence + 1) % MOD == self.rcv_nxt:
                    self.send(TCP_ACK)    # our ACK of it was lost: again
                else:                     # a new SYN of ours on this port (random segments): not wanted
                    self.send(TCP_RST, sequence=p.acknowledgment, acknowledgment=0)
            return
        if p.flags & TCP_ACK:
            self.last_ack, self.last_window = p.acknowledgment, p.window
        if self.rcv_nxt is None:
            return
        if p.data or p.flags & TCP_FIN:
            self.early[p.sequence] = (p.data, bool(p.flags & TCP_FIN))
            self._collect()
        if self.auto_ack and (p.data or p.flags & TCP_FIN or p.sequence != self.rcv_nxt):
            self.send(TCP_ACK)            # as a receiver does (a zero-window probe gets one too)

    def _collect(self):
        """The guest's bytes that now follow in order, into the echo."""
        for _ in range(len(self.early) + 1):
            for sequence, (data, fin) in list(self.early.items()):
                skip = offset_of(self.rcv_nxt, sequence)
                if skip < 0:
                    continue
                del self.early[sequence]
                if skip < len(data):
                    self.echo += data[skip:]
                    self.rcv_nxt = (self.rcv_nxt + len(data) - skip) % MOD
                if fin and skip <= len(data) and not self.guest_fin:
                    self.guest_fin = True
                    self.rcv_nxt = (self.rcv_nxt + 1) % MOD
                break
            else:
                return

    # What came since mark()
    def acks_of(self, value):
        return [p for p in self.segments if p.flags & TCP_ACK and not p.flags & TCP_RST and p.acknowledgment == value]

    def acks_beyond(self, value):
        return [p for p in self.segments if p.flags & TCP_ACK and not p.flags & TCP_RST and
                offset_of(p.acknowledgment, value) > 0]

    def acks_detail(self, offset):
        """Since mark(): the echo against `offset`, and the guest's ACKs of
        where it is and of what lies beyond."""
        return "%d echo bytes (%d expected), %d ACKs of %d, %d beyond" % (
            len(self.echo), offset, len(self.acks_of(self.snd_nxt)), self.snd_nxt, len(self.acks_beyond(self.snd_nxt)))

    def data_segments(self):
        return [p for p in self.segments if p.data]

    def fins(self):
        return [p for p in self.segments if p.flags & TCP_FIN]

    def resets(self):
        return [p for p in self.segments if p.flags & TCP_RST]

    def echo_is(self, total):
        """Waits for `total` bytes of echo, then a moment for more: whether
        the echo is exactly the stream's first `total` bytes."""
        self.link.pump(ANSWER, lambda: len(self.echo) >= total)
        self.link.pump(0.3)
        return bytes(self.echo) == STREAM[:total]

    def echo_detail(self, total):
        got = bytes(self.echo)
        if got == STREAM[:total]:
            return "echo right (%d bytes)" % total
        first = next((i for i in range(min(len(got), total)) if got[i] != STREAM[i]), min(len(got), total))
        return "echo %d bytes, expected %d, first difference at %d" % (len(got), total, first)


class Link:
    """The cable as the connections see it: frames for one of them go to
    it, the rest to the Peer (ARP, stray SYN-ACKs)."""

    def __init__(self, peer, guest, addresses):
        self.peer, self.guest = peer, guest
        self.guest_ip, self.test_ip = addresses["guest_ip"], addresses["test_ip"]
        self.guest_port = addresses["guest_tcp_port"]
        self.connections = {}
        self.next_port = FIRST_PORT

    def send_tcp(self, port, segment):
        self.peer.cable.send(self.peer.frame_to_guest(PROTOCOL_TCP, segment))

    def pump(self, seconds, until=None):
        """Reads and dispatches frames for `seconds`, or until until() is
        true; returns until()'s last value (True without one)."""
        deadline = time.time() + seconds
        while True:
            if until is not None and until():
                return True
            left = deadline - time.time()
            if left <= 0:
                return until is None
            frame = self.peer.cable.receive(left if until is None else min(left, POLL_SLICE))
            if frame is None:
                continue
            p = Parsed(frame)
            connection = self.connections.get(p.destination_port) if (
                p.protocol == PROTOCOL_TCP and getattr(p, "source", None) == self.guest_ip and
                p.source_port == self.guest_port) else None
            if connection is not None:
                connection.take(p)
            else:
                self.peer.handle(p)

    def open(self, rng, options=None):
        """A connection after a real handshake (SYN, SYN-ACK, ACK) that
        net_target accepted, or (None, why)."""
        port = self.next_port
        self.next_port += 1
        iss = rng.getrandbits(32)
        connection = Connection(self, port, iss)
        self.connections[port] = connection
        syn_options = tcp_option(TCP_OPTION_MSS, struct.pack("!H", 1460)) if options is None else options
        for _ in range(5):
            connection.mark()
            connection.send(TCP_SYN, sequence=iss, acknowledgment=0, options=syn_options)
            if self.pump(2.0, lambda: any(p.flags & TCP_SYN for p in connection.segments)):
                break
        syn_ack = next((p for p in connection.segments if p.flags & TCP_SYN), None)
        if syn_ack is None:
            return None, "no SYN-ACK to a SYN from port %d" % port
        if not syn_ack.flags & TCP_ACK or syn_ack.acknowledgment != (iss + 1) % MOD:
            return None, "the SYN's answer had flags 0x%02x ack %d (SYN was %d)" % (
                syn_ack.flags, syn_ack.acknowledgment, iss)
        connection.rcv_nxt = (syn_ack.sequence + 1) % MOD
        connection.send(TCP_ACK)
        accepted = re.compile(re.escape("net_target: accepted %s:%d\n" % (self.test_ip, port)))
        if not self.pump(ANSWER, lambda: accepted.search(self.guest.text())):
            return None, "net_target never accepted port %d" % port
        return connection, ""

    def ended_line(self, port):
        """net_target's line about the end of the connection from `port`, or None."""
        found = re.search(r"net_target: %s:%d (.*) after (\d+) bytes" % (re.escape(self.test_ip), port),
                          self.guest.text())
        return found and (found.group(1), int(found.group(2)))


def odd_options():
    """TCP options each broken in one way, and a few well formed."""
    mss = lambda value: tcp_option(TCP_OPTION_MSS, struct.pack("!H", value))
    return [
        bytes([TCP_OPTION_MSS, 0]) + b"\0\0",                       # length 0
        bytes([TCP_OPTION_TIMESTAMPS, 1]) + b"\0\0",                # length 1
        bytes([200, 0]),                                             # an unknown kind, length 0
        bytes([TCP_OPTION_SACK, 40]) + b"\0" * 6,                   # past the header
        bytes([TCP_OPTION_NOP] * 3 + [TCP_OPTION_MSS]),              # a kind as the header's last byte
        tcp_option(TCP_OPTION_MSS, b"\x05"),                        # MSS of length 3
        mss(0) + mss(65535),                                         # MSS 0, twice
        tcp_option(TCP_OPTION_WINDOW_SCALE, b"\x0e\x00"),           # window scale of length 4
        tcp_option(TCP_OPTION_SACK_PERMITTED, b"\x01"),             # SACK-permitted of length 3
        tcp_option(TCP_OPTION_TIMESTAMPS, b"\0" * 4),               # timestamps of length 6
        tcp_option(TCP_OPTION_TIMESTAMPS, b"\x11" * 8),             # timestamps, right
        tcp_option(TCP_OPTION_SACK, struct.pack("!II", 1, 2)),      # a SACK block of nothing we sent
        tcp_option(222, b"unknown!") + bytes([TCP_OPTION_NOP] * 2),  # an unknown kind, well formed
        bytes([TCP_OPTION_END]) + b"\xff" * 11,                     # END, then garbage
        bytes([TCP_OPTION_NOP]) * 40,                               # 40 NOPs
    ]


def run_all(peer, guest, rng, addresses):
    link = Link(peer, guest, addresses)
    results = []
    prefix = "net.cable.tcp."

    def result(name, passed, detail):
        results.append((prefix + name, bool(passed), detail))
        return passed

    peer.drain(1)                          # SYN-ACKs of the random frames: reset before the backlog fills
    a, why = link.open(rng)
    if not result("handshake_with_the_listener_completes", a is not None, why + "\n    " + tail(guest.text())):
        return results
    echo_checks(link, a, rng, result)
    close_checks(link, rng, result)
    random_segments(link, rng, result)
    return results


def echo_checks(link, a, rng, result):
    """The checks on one connection, each leaving it in step."""
    # In order: three segments, echoed once.
    for i in range(3):
        a.send_data(100 * i, 100)
    a.advance(300)
    result("in_order_data_is_echoed_exactly_once", a.echo_is(300) and a.last_ack == a.snd_nxt,
           "%s; guest's ack %s, expected %s" % (a.echo_detail(300), a.last_ack, a.snd_nxt))

    # The first segment again: old, fully before rcv_nxt.
    a.mark()
    a.send_data(0, 100)
    link.pump(ANSWER, lambda: a.acks_of(a.snd_nxt))
    link.pump(QUIET)
    result("an_old_segment_is_acked_and_not_echoed", a.acks_of(a.snd_nxt) and a.echo_is(300),
           "%d ACKs of %d; %s" % (len(a.acks_of(a.snd_nxt)), a.snd_nxt, a.echo_detail(300)))

    # 50 old bytes (changed: they must not come back) and 100 new ones.
    changed = bytes(b ^ 0xff for b in stream_bytes(250, 50)) + stream_bytes(300, 100)
    a.send(TCP_ACK | TCP_PSH, sequence=(a.iss + 1 + 250) % MOD, payload=changed)
    a.advance(400)
    result("an_overlapping_segment_adds_only_new_bytes", a.echo_is(400), a.echo_detail(400))

    # Out of order: [600, 700), [500, 600), [600, 700) again, [550, 650),
    # held until [400, 500) fills the hole.
    a.mark()
    for start, length in ((600, 100), (500, 100), (600, 100), (550, 100)):
        a.send_data(start, length)
    link.pump(ANSWER, lambda: len(a.acks_of(a.snd_nxt)) >= 4)
    link.pump(QUIET)
    held = len(a.echo) == 400 and a.acks_of(a.snd_nxt) and not a.acks_beyond(a.snd_nxt)
    held_detail = "before the hole was filled: %d echo bytes, %d ACKs of %d, %d beyond" % (
        len(a.echo), len(a.acks_of(a.snd_nxt)), a.snd_nxt, len(a.acks_beyond(a.snd_nxt)))
    a.send_data(400, 100)
    a.advance(700)
    filled = a.echo_is(700) and a.last_ack == a.snd_nxt
    result("out_of_order_segments_echo_in_order_once", held and filled,
           "%s; then %s, guest's ack %s of %s" % (held_detail, a.echo_detail(700), a.last_ack, a.snd_nxt))

    offset = 700
    # A window of 0: the guest takes our data but holds its echo.
    a.window = 0
    a.send(TCP_ACK)
    a.mark()
    a.send_data(offset, 200)
    offset += 200
    a.advance(offset)
    link.pump(ANSWER, lambda: a.acks_of(a.snd_nxt))
    link.pump(1.0)                        # a probe or two, and no data
    too_much = [p for p in a.data_segments() if len(p.data) > 1]
    held = not too_much and a.acks_of(a.snd_nxt)
    held_detail = "while shut: %d segments with data (at most 1 byte each allowed: %s), ACK of our data %s, " \
        "%d segments without data" % (len(too_much), ", ".join("seq %d +%d flags 0x%02x ack %d" % (
            p.sequence, len(p.data), p.flags, p.acknowledgment) for p in too_much) or "none",
            bool(a.acks_of(a.snd_nxt)), len(a.segments) - len(a.data_segments()))
    a.window = 65535
    a.send(TCP_ACK)
    result("a_zero_window_holds_the_echo_until_it_opens", held and a.echo_is(offset),
           "%s; then %s" % (held_detail, a.echo_detail(offset)))

    # Data behind odd options, in order.
    options = odd_options() + [tcp_options(rng) for _ in range(16)]
    for i, raw in enumerate(options):
        a.send_data(offset, 40, options=raw[:40])
        offset += 40
        if i % 8 == 7:
            link.pump(0.05)
    a.advance(offset)
    result("data_behind_odd_options_is_echoed_whole", a.echo_is(offset) and a.last_ack == a.snd_nxt,
           "%d segments: %s, guest's ack %s of %s" % (len(options), a.echo_detail(offset), a.last_ack, a.snd_nxt))

    # Duplicate and old ACKs while the guest's echo is unacknowledged.
    a.auto_ack, a.frozen_ack = False, a.rcv_nxt
    first_echo = a.rcv_nxt
    a.send_data(offset, 100)
    a.advance(offset + 100)
    link.pump(ANSWER, lambda: len(a.echo) >= offset + 100)
    a.mark()
    a.send_data(offset + 100, 100)        # its echo waits for ours (Nagle: one small segment in flight)
    a.advance(offset + 200)
    for _ in range(3):
        a.send(TCP_ACK)                   # duplicates: the same ACK, the same window, no data
    for old in (first_echo - 1000, first_echo - (1 << 31) + 10, first_echo - 1):
        a.send(TCP_ACK, acknowledgment=old % MOD)
    link.pump(ANSWER, lambda: any(p.data and p.sequence == first_echo for p in a.segments))
    resent = [p for p in a.data_segments() if p.sequence == first_echo]
    a.auto_ack = True
    a.send(TCP_ACK)
    offset += 200
    result("dup_acks_resend_old_acks_change_nothing",
           resent and a.echo_is(offset) and not a.resets(),
           "the unacknowledged echo at %d sent again %d times; %s; %d resets" % (
               first_echo, len(resent), a.echo_detail(offset), len(a.resets())))

    # Data whose ACK covers bytes the guest never sent: an ACK, no echo.
    a.mark()
    a.send_data(offset, 100, acknowledgment=(a.rcv_nxt + 5000) % MOD)
    link.pump(ANSWER, lambda: a.acks_of(a.snd_nxt))
    link.pump(QUIET)
    refused = len(a.echo) == offset and a.acks_of(a.snd_nxt) and not a.acks_beyond(a.snd_nxt)
    detail = a.acks_detail(offset)
    offset = a.send_more(offset)
    result("data_acking_unsent_bytes_is_dropped", refused and a.echo_is(offset),
           "%s; then %s" % (detail, a.echo_detail(offset)))

    # Outside the window: far ahead, far behind, half the sequence space
    # away; and one across the window's right edge (its first part held,
    # never delivered: the stream stays far short of it). Last of the
    # window's checks: an acceptable segment that far ahead is the one the
    # guest now takes window updates after (RFC 793's SND.WL1).
    a.mark()
    junk = b"X" * 100
    for sequence in (a.snd_nxt + OUT_OF_WINDOW, a.snd_nxt - OUT_OF_WINDOW, a.snd_nxt + (1 << 31) - 50):
        a.send(TCP_ACK | TCP_PSH, sequence=sequence % MOD, payload=junk)
    a.send_data(offset + (a.last_window or 65535) - 50, 100)
    link.pump(ANSWER, lambda: len(a.acks_of(a.snd_nxt)) >= 4)
    link.pump(QUIET)
    dropped = len(a.echo) == offset and len(a.acks_of(a.snd_nxt)) >= 3 and not a.acks_beyond(a.snd_nxt)
    dropped_detail = a.acks_detail(offset) + " (3 ACKs or more expected)"
    offset = a.send_more(offset)
    result("data_outside_the_window_is_acked_and_dropped", dropped and a.echo_is(offset),
           "%s; then %s" % (dropped_detail, a.echo_detail(offset)))

    # A FIN at a wrong number: far ahead, old, ahead with a hole before it.
    a.mark()
    for sequence in (a.snd_nxt + OUT_OF_WINDOW, a.snd_nxt - 10, a.snd_nxt + 30000):
        a.send(TCP_ACK | TCP_FIN, sequence=sequence % MOD)
    link.pump(ANSWER, lambda: len(a.acks_of(a.snd_nxt)) >= 3)
    link.pump(QUIET)
    kept = not a.fins() and a.acks_of(a.snd_nxt) and not a.acks_beyond(a.snd_nxt) and \
        not link.ended_line(a.port)
    kept_detail = "%d FINs from the guest, %d ACKs of %d, %d beyond, net_target saw %s" % (
        len(a.fins()), len(a.acks_of(a.snd_nxt)), a.snd_nxt, len(a.acks_beyond(a.snd_nxt)),
        link.ended_line(a.port) or "no end")
    offset = a.send_more(offset)
    result("a_fin_at_a_wrong_number_is_not_taken", kept and a.echo_is(offset),
           "%s; then %s" % (kept_detail, a.echo_detail(offset)))

    # A RST outside the window: ignored, silently.
    a.mark()
    for sequence in (a.snd_nxt + OUT_OF_WINDOW, a.snd_nxt - 1, a.snd_nxt - OUT_OF_WINDOW):
        a.send(TCP_RST, sequence=sequence % MOD, acknowledgment=0)
    a.send(TCP_RST | TCP_ACK, sequence=(a.snd_nxt - OUT_OF_WINDOW) % MOD)
    link.pump(QUIET)
    offset = a.send_more(offset)
    alive = a.echo_is(offset) and not a.resets() and not link.ended_line(a.port)
    result("a_rst_outside_the_window_is_ignored", alive, "%s, %d resets from the guest, net_target saw %s" % (
        a.echo_detail(offset), len(a.resets()), link.ended_line(a.port) or "no end"))

    # FIN with data, then the guest's FIN: a close both ways.
    a.send_data(offset, 100, flags=TCP_ACK | TCP_PSH | TCP_FIN)
    offset += 100
    a.advance(offset)
    a.snd_nxt = (a.snd_nxt + 1) % MOD     # our FIN
    link.pump(ANSWER, lambda: a.guest_fin)
    echoed = a.echo_is(offset)
    link.pump(ANSWER, lambda: link.ended_line(a.port))
    ended = link.ended_line(a.port)
    a.mark()
    a.send(TCP_ACK)                       # the connection is gone: a RST answers
    link.pump(ANSWER, lambda: a.resets())
    result("fin_with_data_closes_after_the_echo",
           echoed and a.guest_fin and a.last_ack == a.snd_nxt and ended == ("end of file", offset) and a.resets(),
           "%s; FIN from the guest %s; its ack %s of %s; net_target saw %s (expected end of file after %d bytes); "
           "a segment after the close answered by RST: %s" % (
               a.echo_detail(offset), a.guest_fin, a.last_ack, a.snd_nxt, ended, offset, bool(a.resets())))


def close_checks(link, rng, result):
    """RSTs in the window: at a wrong number (RFC 5961: not taken), then at
    the right one (taken)."""
    b, why = link.open(rng)
    if b is None:
        result("in_window_rst_at_a_wrong_number_is_refused", False, why)
        return
    b.send_data(0, 100)
    b.advance(100)
    b.echo_is(100)
    b.mark()
    expected = b.snd_nxt                  # the guest's RCV.NXT
    wrong = [(TCP_RST, (expected + 1000) % MOD, 0), (TCP_RST | TCP_ACK, (expected + 1) % MOD, b.rcv_nxt)]
    for flags, sequence, acknowledgment in wrong:
        b.send(flags, sequence=sequence, acknowledgment=acknowledgment)
    link.pump(QUIET)
    challenged = len(b.acks_of(expected))
    b.send_data(100, 100)
    b.advance(200)
    alive = b.echo_is(200) and not b.resets() and not link.ended_line(b.port) and challenged >= 1
    first = tcp(link.test_ip, link.guest_ip, b.port, link.guest_port, wrong[0][1], 0, TCP_RST, window=b.window)
    result("in_window_rst_at_a_wrong_number_is_refused", alive,
           "RSTs at rcv_nxt+1000 (rcv_nxt %d), then rcv_nxt+1: %s, %d challenge ACKs, %d resets from the guest, "
           "net_target saw %s; the first RST's TCP header: %s" % (
               expected, b.echo_detail(200), challenged, len(b.resets()), link.ended_line(b.port) or "no end",
               first.hex()))
    if not alive:
        b, why = link.open(rng)
        if b is None:
            result("a_rst_at_the_next_number_ends_the_connection", False, why)
            return
    b.mark()
    b.send(TCP_RST, sequence=b.snd_nxt, acknowledgment=0)
    link.pump(ANSWER, lambda: link.ended_line(b.port))
    ended = link.ended_line(b.port)
    b.send_data(b.offset, 10)
    link.pump(ANSWER, lambda: b.resets())
    result("a_rst_at_the_next_number_ends_the_connection",
           ended and ended[0] == "Connection reset by peer" and b.resets(),
           "net_target saw %s; a segment after it answered by RST: %s" % (ended, bool(b.resets())))


def random_flags(rng):
    """Mostly an ACK (with PSH, URG or FIN now and then), as a live
    connection carries; one in WILD_SHARE a RST, a SYN, none or any bits,
    which may well end it."""
    if rng.random() < WILD_SHARE:
        return rng.choice((TCP_RST, TCP_RST | TCP_ACK, TCP_SYN, TCP_SYN | TCP_ACK, 0, rng.getrandbits(8)))
    return TCP_ACK | rng.choice((0, 0, 0, TCP_PSH, TCP_PSH, TCP_URG, TCP_FIN))


def random_segments(link, rng, result):
    """RANDOM_SEGMENTS segments of random flags, numbers, windows, options
    and payloads on live connections (a new one when one ends). Each
    payload is the stream's bytes for its sequence number, so whatever the
    guest takes, its echo must be the stream's beginning."""
    used, failures, opened = [], [], 0
    connection = None
    for n in range(RANDOM_SEGMENTS):
        if connection is None or connection.guest_reset or connection.guest_fin:
            if opened == RANDOM_CONNECTIONS:
                break
            connection, why = link.open(rng)
            opened += 1
            if connection is None:
                failures.append(why)
                break
            used.append(connection)
        c = connection
        if c.last_ack is not None and offset_of(c.last_ack, c.snd_nxt) > 0:
            c.snd_nxt = c.last_ack        # the guest took more than we counted (a random segment)
        flags = random_flags(rng)
        sequence = (c.snd_nxt + rng.choice((0, 0, 0, rng.randrange(-2000, 2000), rng.randrange(-70000, 70000),
                                            rng.getrandbits(32)))) % MOD
        acknowledgment = ((c.rcv_nxt or 0) + rng.choice((0, 0, rng.randrange(-3000, 3000),
                                                          rng.getrandbits(32)))) % MOD
        length = rng.choice((0, 0, 1, rng.randrange(0, 300)))
        c.send(flags, sequence=sequence, acknowledgment=acknowledgment,
               payload=stream_bytes(offset_of(sequence, c.iss + 1), length),
               window=rng.choice((0, 1, 65535, 65535, rng.getrandbits(16))),
               options=tcp_options(rng) if rng.random() < 0.4 else b"",
               urgent=rng.choice((0, 0, rng.getrandbits(16))))
        if n % 10 == 9:
            link.pump(0.05)
    link.pump(0.3)                        # the last (delayed) ACKs
    # End what is left: a RST at the number the guest expects. One that
    # missed it (an ACK not yet seen) draws a challenge ACK (RFC 5961),
    # whose number the next round's RST takes.
    for _ in range(3):
        left = [c for c in used if not link.ended_line(c.port)]
        if not left:
            break
        for c in left:
            if c.last_ack is not None and not c.guest_reset:
                c.send(TCP_RST, sequence=c.last_ack, acknowledgment=0)
        link.pump(ANSWER, lambda: all(link.ended_line(c.port) for c in used))
    open_still = [c.port for c in used if not link.ended_line(c.port)]
    wrong = [(c.port, c.echo_detail(len(c.echo))) for c in used if bytes(c.echo) != STREAM[:len(c.echo)]]
    echoed = sum(len(c.echo) for c in used)
    result("random_segments_echo_only_the_stream",
           used and not failures and not wrong and not open_still,
           "%d connections, %d segments, %d echo bytes; %s; echo not the stream's: %s; "
           "net_target saw no end of: %s" % (len(used), n + 1, echoed, "; ".join(failures) or "each opened",
                                             wrong or "none", open_still or "none"))
