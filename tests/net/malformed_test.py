"""tests/net/malformed_test.py - the guest's card at one end of a virtual
cable (QEMU's `-netdev dgram` on 127.0.0.1) and this test at the other,
sending Ethernet frames it builds by hand (tests/net/frames.py). The guest
(10.0.3.1) runs tests/net/net_target.c; the test is 10.0.3.2.

- UDP both ways: the test's datagrams to the guest's port come back;
- malformed frames: truncated headers, bad checksums, wrong lengths,
  fragments, odd flags, and seeded random garbage; the kernel must not
  fault, and must answer a valid datagram afterwards;
- seeded structured random frames (tests/net/random_frames.py): valid IPv4
  headers and L4 checksums around random TCP (flags, numbers, options),
  UDP (lengths, payloads) and ICMP (types, codes, quoted headers), so the
  randomness reaches TCP's, UDP's and ICMP's parsers: every one that must
  be answered (a RST, the datagram's echo, the echo reply) is, and the
  guest still answers a valid datagram;
- segments on an ESTABLISHED connection (tests/net/established_test.py):
  a real handshake with the listener (net_target echoes), then data in
  and out of order and of the window, odd options, duplicate and bogus
  ACKs, a zero window, FINs and RSTs at wrong numbers, closes by FIN and
  by RST, and random segments, each checked against what RFC 793/5961 say;
- a SYN flood: 10,000 SYNs to the listening port, most from the test's
  address (whose SYN-ACKs it answers with RST, as a host that never sent
  the SYN does), some from addresses nobody answers ARP for, whose
  half-open connections fill the backlog until their SYN-ACKs time out;
  the guest must answer a datagram right after;
- then the kernel's counters (kinfo(2): packets, Internet sockets, TCP
  connections, heap bytes) come back to what they were before the
  barrage, and the listener answers a new SYN.

    run_all(image) -> [(name, passed, detail)]"""
import collections
import random
import re
import socket
import time

import established_test
from frames import (ARP_REPLY, ARP_REQUEST, BROADCAST, ETHERTYPE_ARP, ETHERTYPE_IPV4, ICMP_ECHO_REPLY,
                    PROTOCOL_ICMP, PROTOCOL_TCP, PROTOCOL_UDP, TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN, Cable,
                    Parsed, arp, ethernet, icmp_echo, ipv4, mac_bytes, tcp, udp)
from net_guest import Guest, kernel_trouble, qemu_boot, tail
from random_frames import structured_frames

GUEST_IP, GUEST_MAC = "10.0.3.1", mac_bytes("52:54:00:12:34:01")
TEST_IP, TEST_MAC = "10.0.3.2", mac_bytes("52:54:00:12:34:02")
UNANSWERED_PREFIX = "10.0.3."             # spoofed sources 10.0.3.200-249: nobody answers their ARP
GUEST_UDP_PORT, GUEST_TCP_PORT = 9, 7
TEST_UDP_PORT = 5000
JUNK_UDP_PORT = 5001                      # the malformed datagrams' source: echoes of those that pass go there
BOOT_SECONDS = 40
SYN_FLOOD = 10000
SPOOFED_SHARE = 10                        # one SYN in ten from an address nobody answers ARP for
BURST = 200                               # frames sent before the test reads what came back
GARBAGE_FRAMES = 600
GARBAGE_CHECK = 50                        # random frames between two checks that the guest answers
STRUCTURED_FRAMES = 1000                  # about half TCP, a quarter UDP, a quarter ICMP
STRUCTURED_CHECK = 25                     # structured frames between two checks that the guest answers
CLOSED_PORT = 4444
COUNTERS_SETTLE_SECONDS = 90              # SYN-ACK retransmissions and ARP tries must run out
SEED = 23
COUNTER_NAMES = ("packets", "inet_sockets", "tcp_connections", "heap")


def answer_key(parsed):
    """What a packet from the guest to the test answers, as
    random_frames.structured_frames names it, or None."""
    if parsed.protocol == PROTOCOL_TCP:
        return ("TCP", parsed.destination_port)
    if parsed.protocol == PROTOCOL_UDP and parsed.destination_port != TEST_UDP_PORT:
        return ("UDP", parsed.destination_port)
    if parsed.protocol == PROTOCOL_ICMP and getattr(parsed, "icmp_type", None) == ICMP_ECHO_REPLY:
        return ("ICMP", parsed.icmp_identifier)
    return None


class Peer:
    """The test's end of the cable: answers the guest's ARP requests and
    RSTs the SYN-ACKs it did not ask for, as a real host would."""

    def __init__(self, cable):
        self.cable = cable
        self.syn_acks = 0
        self.answered = set()             # answer_key of each packet from the guest to the test

    def frame_to_guest(self, protocol, payload, source=TEST_IP, **ip_options):
        return ethernet(GUEST_MAC, TEST_MAC, ETHERTYPE_IPV4, ipv4(source, GUEST_IP, protocol, payload, **ip_options))

    def handle(self, parsed):
        """Answers what needs an answer; True if the frame was for the test itself."""
        if parsed.protocol is not None and parsed.destination == TEST_IP:
            self.answered.add(answer_key(parsed))
        if parsed.ethertype == ETHERTYPE_ARP and getattr(parsed, "arp_operation", 0) == ARP_REQUEST:
            if parsed.arp_target_ip == TEST_IP:
                self.cable.send(ethernet(parsed.source_mac, TEST_MAC, ETHERTYPE_ARP,
                                         arp(ARP_REPLY, TEST_MAC, TEST_IP, parsed.source_mac, parsed.arp_sender_ip)))
            return False
        if parsed.protocol == PROTOCOL_TCP and parsed.flags & TCP_SYN and parsed.flags & TCP_ACK:
            self.syn_acks += 1
            if parsed.destination == TEST_IP:
                self.cable.send(self.frame_to_guest(PROTOCOL_TCP, tcp(
                    TEST_IP, GUEST_IP, parsed.destination_port, parsed.source_port, parsed.acknowledgment, 0,
                    TCP_RST)))
            return False
        return True

    def drain(self, seconds=0.0):
        deadline = time.time() + seconds
        while True:
            frame = self.cable.receive(max(0.0, deadline - time.time()))
            if frame is None:
                return
            self.handle(Parsed(frame))

    def udp_exchange(self, payload, seconds=2.0, tries=5):
        """Sends `payload` to the guest's UDP port; its answer, or None."""
        for _ in range(tries):
            self.cable.send(self.frame_to_guest(PROTOCOL_UDP, udp(TEST_IP, GUEST_IP, TEST_UDP_PORT, GUEST_UDP_PORT,
                                                                  payload)))
            answer = self.cable.wait_for(lambda p: self.handle(p) and p.protocol == PROTOCOL_UDP
                                         and p.destination_port == TEST_UDP_PORT, seconds)
            if answer is not None:
                return answer.data
        return None

    def counters(self):
        answer = self.udp_exchange(b"counters")
        if answer is None:
            return None
        return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", answer.decode("ascii", "replace"))}


def malformed_frames(rng):
    """(what is wrong, frame): frames no correct sender makes, each aimed
    at one length or field check, then seeded random garbage."""
    u = lambda **kw: udp(TEST_IP, GUEST_IP, JUNK_UDP_PORT, GUEST_UDP_PORT, b"malformed", **kw)
    t = lambda flags, **kw: tcp(TEST_IP, GUEST_IP, 40000, GUEST_TCP_PORT, 1, 0, flags, **kw)
    to_guest = lambda protocol, payload, **kw: ethernet(GUEST_MAC, TEST_MAC, ETHERTYPE_IPV4,
                                                        ipv4(TEST_IP, GUEST_IP, protocol, payload, **kw))
    raw_ip = lambda payload: ethernet(GUEST_MAC, TEST_MAC, ETHERTYPE_IPV4, payload)
    good_ip = ipv4(TEST_IP, GUEST_IP, PROTOCOL_UDP, u())
    frames = [
        ("6 bytes", GUEST_MAC),            # (QEMU pads short frames to 60 bytes; an empty
                                             # datagram would stop QEMU's end of the cable)
        ("13 bytes", GUEST_MAC + TEST_MAC + b"\x08"),
        ("IPv4 with no IP header", raw_ip(b"")),
        ("half an IP header", raw_ip(good_ip[:12])),
        ("IP header length 8 bytes", raw_ip(b"\x42" + good_ip[1:])),
        ("IP header length 60 bytes in a shorter packet", raw_ip(b"\x4f" + good_ip[1:])),
        ("IP version 6 in an IPv4 frame", raw_ip(b"\x65" + good_ip[1:])),
        ("IP total length past the frame", to_guest(PROTOCOL_UDP, u(), total_length=60000)),
        ("IP total length shorter than its header", to_guest(PROTOCOL_UDP, u(), total_length=10)),
        ("IP total length 0", to_guest(PROTOCOL_UDP, u(), total_length=0)),
        ("bad IP header checksum", to_guest(PROTOCOL_UDP, u(), header_checksum=0x1234)),
        ("a first fragment", to_guest(PROTOCOL_UDP, u(), flags_fragment=0x2000)),
        ("a later fragment", to_guest(PROTOCOL_UDP, u(), flags_fragment=0x0010)),
        ("TTL 0", to_guest(PROTOCOL_UDP, u(), ttl=0)),
        ("IP options", to_guest(PROTOCOL_UDP, u(), options=b"\x44\x28" + b"\0" * 38)),
        ("bad UDP checksum", to_guest(PROTOCOL_UDP, u(good_checksum=False))),
        ("UDP length past the packet", to_guest(PROTOCOL_UDP, u(length=4000))),
        ("UDP length shorter than its header", to_guest(PROTOCOL_UDP, u(length=3))),
        ("half a UDP header", to_guest(PROTOCOL_UDP, u()[:5])),
        ("bad TCP checksum", to_guest(PROTOCOL_TCP, t(TCP_SYN, good_checksum=False))),
        ("TCP header of 8 bytes", to_guest(PROTOCOL_TCP, t(TCP_SYN, data_offset_words=2))),
        ("TCP header past the segment", to_guest(PROTOCOL_TCP, t(TCP_SYN, data_offset_words=15))),
        ("half a TCP header", to_guest(PROTOCOL_TCP, t(TCP_SYN)[:11])),
        ("every TCP flag", to_guest(PROTOCOL_TCP, t(0xff))),
        ("SYN, FIN and RST", to_guest(PROTOCOL_TCP, t(TCP_SYN | TCP_FIN | TCP_RST))),
        ("TCP data out of nowhere", to_guest(PROTOCOL_TCP, t(TCP_ACK | TCP_PSH, payload=b"no connection"))),
        ("a SYN to a closed port", to_guest(PROTOCOL_TCP, tcp(TEST_IP, GUEST_IP, 40001, 4444, 1, 0, TCP_SYN))),
        ("half an ICMP header", to_guest(PROTOCOL_ICMP, icmp_echo(1, 1)[:3])),
        ("bad ICMP checksum", to_guest(PROTOCOL_ICMP, icmp_echo(1, 2, b"x" * 100, good_checksum=False))),
        ("a big valid ICMP echo", to_guest(PROTOCOL_ICMP, icmp_echo(1, 3, b"y" * 1400))),
        ("ICMP unreachable quoting a packet", to_guest(PROTOCOL_ICMP, b"\x03\x03" + b"\0" * 6 + good_ip[:28])),
        ("an unknown ICMP type", to_guest(PROTOCOL_ICMP, b"\x2a" * 8)),
        ("an unknown IP protocol", to_guest(99, b"an unknown protocol")),
        ("a truncated ARP request",
         ethernet(GUEST_MAC, TEST_MAC, ETHERTYPE_ARP, arp(ARP_REQUEST, TEST_MAC, TEST_IP, b"\0" * 6, GUEST_IP)[:20])),
        ("ARP with address lengths 16 and 32", ethernet(BROADCAST, TEST_MAC, ETHERTYPE_ARP,
                                                         b"\x00\x01\x08\x00\x10\x20" + b"\0" * 22)),
        ("an ARP reply nobody asked for", ethernet(BROADCAST, TEST_MAC, ETHERTYPE_ARP,
                                                   arp(ARP_REPLY, TEST_MAC, "10.0.3.77", GUEST_MAC, GUEST_IP))),
        ("an IPv6 frame", ethernet(GUEST_MAC, TEST_MAC, 0x86dd, b"\x60" + b"\0" * 60)),
        ("a frame of 3000 bytes", raw_ip(good_ip + b"\0" * 3000)),
        # "LAND": a SYN from the guest's own address and port to itself.
        # Taken in, its connection answered itself through the loopback
        # for ever, inside the kernel, and the machine stopped.
        ("a SYN from the guest's own address and port (LAND)",
         ethernet(GUEST_MAC, TEST_MAC, ETHERTYPE_IPV4,
                  ipv4(GUEST_IP, GUEST_IP, PROTOCOL_TCP,
                       tcp(GUEST_IP, GUEST_IP, GUEST_TCP_PORT, GUEST_TCP_PORT, 0x12345678, 0, TCP_SYN)))),
    ]
    for n in range(GARBAGE_FRAMES):
        body = bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 120)))
        if rng.random() < 0.5:            # an IPv4 header's first byte and a known protocol: it goes deeper
            body = b"\x45" + body[1:9] + bytes([rng.choice((PROTOCOL_TCP, PROTOCOL_UDP, PROTOCOL_ICMP))]) + body[10:]
            frames.append(("random frame %d" % n, raw_ip(body)))
        else:
            kind = rng.choice((ETHERTYPE_IPV4, ETHERTYPE_ARP))
            frames.append(("random frame %d" % n, ethernet(GUEST_MAC, TEST_MAC, kind, body)))
    return frames


def send_malformed(peer, rng):
    """Sends every malformed frame, checking after each named one (and
    every GARBAGE_CHECK random ones) that the guest still answers a valid
    datagram: '' if it always did, else the frame after which it did not."""
    for number, (what, frame) in enumerate(malformed_frames(rng)):
        peer.cable.send(frame)
        if not what.startswith("random") or number % GARBAGE_CHECK == 0:
            if peer.udp_exchange(b"still there?", seconds=1, tries=3) != b"still there?":
                return what
    return ""


def addresses():
    """What random_frames and established_test need to know of the cable."""
    return {"guest_ip": GUEST_IP, "guest_mac": GUEST_MAC, "test_ip": TEST_IP, "test_mac": TEST_MAC,
            "broadcast_ip": "10.0.3.255", "unanswered_ips": [UNANSWERED_PREFIX + str(n) for n in (250, 251, 252, 253)],
            "guest_tcp_port": GUEST_TCP_PORT, "guest_udp_port": GUEST_UDP_PORT, "closed_port": CLOSED_PORT,
            "random_source_ports": (10000, established_test.FIRST_PORT)}


def send_structured(peer, rng):
    """STRUCTURED_FRAMES structured random frames, checking every
    STRUCTURED_CHECK that the guest still answers a valid datagram; then
    that every frame that must be answered was (a RST or SYN-ACK, the
    datagram's echo, the ICMP echo reply): one whose checksum had failed
    would get nothing. (name, passed, detail)"""
    name = "net.cable.structured_random_frames_reach_tcp_udp_icmp"
    frames = structured_frames(rng, STRUCTURED_FRAMES, addresses())
    peer.drain(0.5)
    peer.answered.clear()
    for start in range(0, len(frames), STRUCTURED_CHECK):
        batch = frames[start:start + STRUCTURED_CHECK]
        for _, frame, _ in batch:
            peer.cable.send(frame)
        if peer.udp_exchange(b"still there?", seconds=1, tries=3) != b"still there?":
            return (name, False, "no UDP echo after one of these frames (seed %d):\n    %s" % (
                SEED, "\n    ".join("%s: %s" % (what, frame.hex()) for what, frame, _ in batch)))
    peer.drain(1)
    sent = collections.Counter(what.split()[2] for what, _, _ in frames)
    due = collections.Counter(answer[0] for _, _, answer in frames if answer)
    missing = [what for what, _, answer in frames if answer and answer not in peer.answered]
    got = {kind: due[kind] - sum(1 for what in missing if what.split()[2] == kind) for kind in due}
    passed = not missing and all(due[kind] for kind in ("TCP", "UDP", "ICMP"))
    return (name, passed, "sent %s; of those that must be answered %s, answered %s%s" % (
        dict(sent), dict(due), got, "; no answer to:\n    " + "\n    ".join(missing[:20]) if missing else ""))


def syn_flood(peer, rng):
    """SYN_FLOOD SYNs to the listening port, in bursts."""
    for n in range(SYN_FLOOD):
        spoofed = n % SPOOFED_SHARE == 0
        source = UNANSWERED_PREFIX + str(200 + rng.randrange(50)) if spoofed else TEST_IP
        segment = tcp(source, GUEST_IP, 1024 + rng.randrange(60000), GUEST_TCP_PORT, rng.getrandbits(32), 0, TCP_SYN)
        peer.cable.send(peer.frame_to_guest(PROTOCOL_TCP, segment, source=source, identification=n & 0xffff))
        if n % BURST == BURST - 1:
            peer.drain(0.02)


def new_handshake_answered(peer):
    """A SYN from a fresh port gets its SYN-ACK (the test then resets it)."""
    port = 61234

    def answers_the_syn(parsed):
        if parsed.protocol == PROTOCOL_TCP and parsed.destination_port == port:
            return True
        peer.handle(parsed)
        return False
    for _ in range(5):
        peer.cable.send(peer.frame_to_guest(PROTOCOL_TCP, tcp(TEST_IP, GUEST_IP, port, GUEST_TCP_PORT, 777, 0,
                                                               TCP_SYN)))
        answer = peer.cable.wait_for(answers_the_syn, 2)
        if answer is not None:
            peer.handle(answer)
            return bool(answer.flags & TCP_SYN and answer.flags & TCP_ACK)
    return False


def run_all(image):
    results = []
    test_port = qemu_boot.free_port(socket.SOCK_DGRAM)
    card_port = qemu_boot.free_port(socket.SOCK_DGRAM)
    cable = Cable(test_port, card_port)
    peer = Peer(cable)
    rng = random.Random(SEED)
    guest = Guest(image, "net_target %d %d" % (GUEST_UDP_PORT, GUEST_TCP_PORT),
                  qemu_boot.cable_options(card_port, test_port, "52:54:00:12:34:01"), "ip=%s/24" % GUEST_IP)
    output = ""
    try:
        if not guest.wait_for(r"listening udp", BOOT_SECONDS):
            status, output = guest.kill()
            return [("net.cable.guest_starts", False, "no 'listening udp'\n    " + tail(output))]
        hello = peer.udp_exchange(b"hello over the cable")
        results.append(("net.cable.udp_both_ways_between_the_test_and_the_guest", hello == b"hello over the cable",
                        "answer %r" % (hello,)))
        before = peer.counters()
        silent_after = send_malformed(peer, rng)
        results.append(("net.cable.malformed_frames_leave_the_guest_answering", not silent_after,
                        "no UDP echo after %s\n    %s" % (silent_after, tail(guest.text()))))
        structured = send_structured(peer, rng)
        results.append(structured[:2] + (structured[2] + "\n    " + tail(guest.text()),))
        results += established_test.run_all(peer, guest, rng, addresses())
        syn_flood(peer, rng)
        peer.drain(2)
        alive = peer.udp_exchange(b"after the flood") == b"after the flood"
        results.append(("net.cable.syn_flood_of_10000_leaves_the_guest_answering", alive,
                        "no UDP echo after the flood (%d SYN-ACKs came)\n    %s" % (peer.syn_acks, tail(guest.text()))))
        results.append(counters_come_back(peer, before))
        handshake = new_handshake_answered(peer)
        results.append(("net.cable.the_listener_answers_a_new_syn_once_the_flood_is_over", handshake,
                        "a SYN to port %d got no SYN-ACK\n    %s" % (GUEST_TCP_PORT, tail(guest.text()))))
        bye = peer.udp_exchange(b"quit")
        status, output = guest.finish(20)
        results.append(("net.cable.guest_exits_cleanly", bye == b"bye" and status == 0,
                        "quit answered %r, status %s\n    %s" % (bye, status, tail(output))))
    finally:
        if guest.process.poll() is None:
            status, output = guest.kill()
        cable.close()
    trouble = kernel_trouble(output or guest.text())
    results.append(("net.cable.no_kernel_fault", not trouble, trouble))
    return results


def counters_come_back(peer, before):
    """The counters, polled until they are back where they were or the
    protocol timers had time enough to run out."""
    name = "net.cable.counters_come_back_after_the_barrage"
    if before is None:
        return (name, False, "no counters before the barrage")
    deadline = time.time() + COUNTERS_SETTLE_SECONDS
    now = None
    while time.time() < deadline:
        peer.drain(2)
        now = peer.counters()
        if now is not None and all(now.get(k) == before.get(k) for k in COUNTER_NAMES):
            return (name, True, "")
    return (name, False, "before %s, after %s" % (
        {k: before.get(k) for k in COUNTER_NAMES}, now and {k: now.get(k) for k in COUNTER_NAMES}))
