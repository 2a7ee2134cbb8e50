"""tests/net/malformed_test.py - the guest's card at one end of a virtual
cable (QEMU's `-netdev dgram` on 127.0.0.1) and this test at the other,
sending Ethernet frames it builds by hand (tests/net/frames.py). The guest
(10.0.3.1) runs tests/net/net_target.c; the test is 10.0.3.2.

- UDP both ways: the test's datagrams to the guest's port come back;
- malformed frames: truncated headers, bad checksums, wrong lengths,
  fragments, odd flags, and seeded random garbage; the kernel must not
  fault, and must answer a valid datagram afterwards;
- a SYN flood: 10,000 SYNs to the listening port, most from the test's
  address (whose SYN-ACKs it answers with RST, as a host that never sent
  the SYN does), some from addresses nobody answers ARP for; afterwards a
  new SYN still gets its SYN-ACK;
- the kernel's counters (kinfo(2): packets, Internet sockets, TCP
  connections, heap bytes) come back to what they were before the barrage.

    run_all(image) -> [(name, passed, detail)]"""
import random
import re
import socket
import time

from frames import (ARP_REPLY, ARP_REQUEST, BROADCAST, ETHERTYPE_ARP, ETHERTYPE_IPV4, PROTOCOL_ICMP,
                    PROTOCOL_TCP, PROTOCOL_UDP, TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN, Cable, Parsed, arp,
                    ethernet, icmp_echo, ipv4, mac_bytes, tcp, udp)
from net_guest import Guest, kernel_trouble, qemu_boot, tail

GUEST_IP, GUEST_MAC = "10.0.3.1", mac_bytes("52:54:00:12:34:01")
TEST_IP, TEST_MAC = "10.0.3.2", mac_bytes("52:54:00:12:34:02")
UNANSWERED_PREFIX = "10.0.3."             # spoofed sources 10.0.3.200-249: nobody answers their ARP
GUEST_UDP_PORT, GUEST_TCP_PORT = 9, 7
TEST_UDP_PORT = 5000
BOOT_SECONDS = 40
SYN_FLOOD = 10000
SPOOFED_SHARE = 10                        # one SYN in ten from an address nobody answers ARP for
BURST = 200                               # frames sent before the test reads what came back
GARBAGE_FRAMES = 600
COUNTERS_SETTLE_SECONDS = 90              # SYN-ACK retransmissions and ARP tries must run out
SEED = 23
COUNTER_NAMES = ("packets", "inet_sockets", "tcp_connections", "heap")


class Peer:
    """The test's end of the cable: answers the guest's ARP requests and
    RSTs the SYN-ACKs it did not ask for, as a real host would."""

    def __init__(self, cable):
        self.cable = cable
        self.syn_acks = 0

    def frame_to_guest(self, protocol, payload, source=TEST_IP, **ip_options):
        return ethernet(GUEST_MAC, TEST_MAC, ETHERTYPE_IPV4, ipv4(source, GUEST_IP, protocol, payload, **ip_options))

    def handle(self, parsed):
        """Answers what needs an answer; True if the frame was for the test itself."""
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
    """Frames no correct sender makes, each aimed at one length check."""
    u = lambda **kw: udp(TEST_IP, GUEST_IP, TEST_UDP_PORT, GUEST_UDP_PORT, b"malformed", **kw)
    t = lambda flags, **kw: tcp(TEST_IP, GUEST_IP, 40000, GUEST_TCP_PORT, 1, 0, flags, **kw)
    to_guest = lambda protocol, payload, **kw: ethernet(GUEST_MAC, TEST_MAC, ETHERTYPE_IPV4,
                                                        ipv4(TEST_IP, GUEST_IP, protocol, payload, **kw))
    good_ip = ipv4(TEST_IP, GUEST_IP, PROTOCOL_UDP, u())
    frames = [
        b"", GUEST_MAC, GUEST_MAC + TEST_MAC, GUEST_MAC + TEST_MAC + b"\x08",       # shorter than a header
        ethernet(GUEST_MAC, TEST_MAC, ETHERTYPE_IPV4, b""),                          # no IP header
        ethernet(GUEST_MAC, TEST_MAC, ETHERTYPE_IPV4, good_ip[:12]),                 # half an IP header
        ethernet(GUEST_MAC, TEST_MAC, ETHERTYPE_IPV4, b"\x42" + good_ip[1:]),        # header length 8 bytes
        ethernet(GUEST_MAC, TEST_MAC, ETHERTYPE_IPV4, b"\x4f" + good_ip[1:]),        # 60-byte header, no options
        ethernet(GUEST_MAC, TEST_MAC, ETHERTYPE_IPV4, b"\x65" + good_ip[1:]),        # version 6
        to_guest(PROTOCOL_UDP, u(), total_length=60000),                             # longer than the frame
        to_guest(PROTOCOL_UDP, u(), total_length=10),                                # shorter than its header
        to_guest(PROTOCOL_UDP, u(), total_length=0),
        to_guest(PROTOCOL_UDP, u(), header_checksum=0x1234),                         # bad header checksum
        to_guest(PROTOCOL_UDP, u(), flags_fragment=0x2000),                          # first fragment
        to_guest(PROTOCOL_UDP, u(), flags_fragment=0x0010),                          # a later fragment
        to_guest(PROTOCOL_UDP, u(), ttl=0),
        to_guest(PROTOCOL_UDP, u(), options=b"\x44\x28" + b"\0" * 38),               # options past a short packet
        to_guest(PROTOCOL_UDP, u(good_checksum=False)),                              # bad UDP checksum
        to_guest(PROTOCOL_UDP, u(length=4000)),                                      # UDP length past the packet
        to_guest(PROTOCOL_UDP, u(length=3)),                                         # shorter than its header
        to_guest(PROTOCOL_UDP, u()[:5]),                                             # half a UDP header
        to_guest(PROTOCOL_TCP, t(TCP_SYN, good_checksum=False)),                     # bad TCP checksum
        to_guest(PROTOCOL_TCP, t(TCP_SYN, data_offset_words=2)),                     # header of 8 bytes
        to_guest(PROTOCOL_TCP, t(TCP_SYN, data_offset_words=15)),                    # header past the segment
        to_guest(PROTOCOL_TCP, t(TCP_SYN)[:11]),                                     # half a TCP header
        to_guest(PROTOCOL_TCP, t(0xff)),                                             # every flag
        to_guest(PROTOCOL_TCP, t(TCP_SYN | TCP_FIN | TCP_RST)),
        to_guest(PROTOCOL_TCP, t(TCP_ACK | TCP_PSH, payload=b"no connection")),      # data out of nowhere
        to_guest(PROTOCOL_TCP, tcp(TEST_IP, GUEST_IP, 40001, 4444, 1, 0, TCP_SYN)),  # a closed port
        to_guest(PROTOCOL_ICMP, icmp_echo(1, 1)[:3]),                                # half an ICMP header
        to_guest(PROTOCOL_ICMP, icmp_echo(1, 2, b"x" * 100, good_checksum=False)),
        to_guest(PROTOCOL_ICMP, icmp_echo(1, 3, b"y" * 1400)),                       # a big valid echo
        to_guest(PROTOCOL_ICMP, b"\x03\x03\x00\x00\x00\x00\x00\x00" + good_ip[:28]), # unreachable, quoting
        to_guest(PROTOCOL_ICMP, b"\x2a" * 8),                                        # unknown type
        to_guest(99, b"an unknown protocol"),
        ethernet(GUEST_MAC, TEST_MAC, ETHERTYPE_ARP, arp(ARP_REQUEST, TEST_MAC, TEST_IP, b"\0" * 6, GUEST_IP)[:20]),
        ethernet(BROADCAST, TEST_MAC, ETHERTYPE_ARP, b"\x00\x01\x08\x00\x10\x20" + b"\0" * 22),  # odd lengths
        ethernet(BROADCAST, TEST_MAC, ETHERTYPE_ARP, arp(ARP_REPLY, TEST_MAC, "10.0.3.77", GUEST_MAC, GUEST_IP)),
        ethernet(GUEST_MAC, TEST_MAC, 0x86dd, b"\x60" + b"\0" * 60),                 # IPv6
        ethernet(GUEST_MAC, TEST_MAC, ETHERTYPE_IPV4, good_ip + b"\0" * 3000),        # a giant frame
    ]
    for _ in range(GARBAGE_FRAMES):
        body = bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 120)))
        if rng.random() < 0.5:                                                        # looks like IPv4, goes deeper
            body = b"\x45" + body[1:9] + bytes([rng.choice((PROTOCOL_TCP, PROTOCOL_UDP, PROTOCOL_ICMP))]) + body[10:]
            frames.append(ethernet(GUEST_MAC, TEST_MAC, ETHERTYPE_IPV4, body))
        else:
            frames.append(ethernet(GUEST_MAC, TEST_MAC, rng.choice((ETHERTYPE_IPV4, ETHERTYPE_ARP)), body))
    return frames


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
        for frame in malformed_frames(rng):
            cable.send(frame)
            peer.drain(0.002)
        peer.drain(1)
        alive = peer.udp_exchange(b"still there?") == b"still there?"
        results.append(("net.cable.malformed_frames_leave_the_guest_answering", alive,
                        "" if alive else "no UDP echo after the malformed frames\n    " + tail(guest.text())))
        syn_flood(peer, rng)
        peer.drain(2)
        alive = peer.udp_exchange(b"after the flood") == b"after the flood"
        handshake = alive and new_handshake_answered(peer)
        results.append(("net.cable.syn_flood_of_10000_leaves_the_listener_answering", alive and handshake,
                        "UDP echo %s, new SYN %s (%d SYN-ACKs during the flood)\n    %s" % (
                            "answered" if alive else "unanswered", "answered" if handshake else "unanswered",
                            peer.syn_acks, tail(guest.text()))))
        results.append(counters_come_back(peer, before))
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
