"""tests/net/random_frames.py - seeded random frames that get past the
guest's IPv4 and L4 checksums, so that what is random reaches TCP's, UDP's
and ICMP's parsers (tests/net/malformed_test.py sends them):

- a valid IPv4 header (random identification, TOS, TTL, DF, sometimes
  random IP options; to the guest, now and then to the broadcast address;
  from the test's address, a UDP or ICMP packet now and then from one
  nobody answers ARP for);
- TCP to the guest's listening port or a closed one: random flags,
  sequence and acknowledgment numbers, window, urgent pointer, payload,
  and a random option list, well formed or not (lengths 0 and 1, past
  the header, MSS / window scale / SACK-permitted / timestamps / SACK with
  wrong lengths, unknown kinds, a kind with no length byte, END then
  garbage); the checksum right;
- UDP to the guest's echo port or a closed one: the length field right,
  shorter than the packet (the checksum over that much), below 8, past
  the packet, or 0; random payloads; checksum right or 0 (none);
- ICMP with random types and codes, echo requests, and errors
  (unreachable, source quench, redirect, time exceeded, parameter
  problem) quoting random IP headers, some "from the guest" with its
  ports; the checksum right.

    structured_frames(rng, count, addresses) -> [(what, frame, answer)]
    tcp_options(rng) -> option bytes (at most 40)"""
import struct

from frames import (ETHERTYPE_IPV4, PROTOCOL_ICMP, PROTOCOL_TCP, PROTOCOL_UDP, TCP_ACK, TCP_OPTION_END,
                    TCP_OPTION_MSS, TCP_OPTION_NOP, TCP_OPTION_SACK, TCP_OPTION_SACK_PERMITTED,
                    TCP_OPTION_TIMESTAMPS, TCP_OPTION_WINDOW_SCALE, TCP_RST, checksum, ethernet, icmp, ip_bytes,
                    ipv4, tcp, tcp_option, udp)

TCP_SHARE, UDP_SHARE = 0.5, 0.25          # the rest ICMP
ICMP_ERRORS = (3, 4, 5, 11, 12)           # unreachable, source quench, redirect, time exceeded, parameter problem
UDP_ANSWERS = (b"quit", b"counters")      # net_target's commands: a random payload is never one
ICMP_ECHO_REQUEST = 8
ICMP_FIRST_IDENTIFIER = 0x4000            # frame n's ICMP identifier: this + n
PORT_STEP = 37                            # frame n's source port: n * 37 modulo the range, from its start


def random_bytes(rng, length):
    return bytes(rng.getrandbits(8) for _ in range(length))


def _one_option(rng):
    """One option, well formed or broken in one way."""
    choice = rng.randrange(16)
    if choice == 0:
        return tcp_option(TCP_OPTION_MSS, struct.pack("!H", rng.choice((0, 1, 63, 64, 536, 1460, 65535))))
    if choice == 1:
        return tcp_option(TCP_OPTION_MSS, random_bytes(rng, rng.choice((0, 1, 3, 4))))      # length 2, 3, 5, 6
    if choice == 2:
        return tcp_option(TCP_OPTION_WINDOW_SCALE, bytes([rng.choice((0, 7, 14, 15, 255))]))
    if choice == 3:
        return tcp_option(TCP_OPTION_WINDOW_SCALE, random_bytes(rng, rng.choice((0, 2, 3))))
    if choice == 4:
        return tcp_option(TCP_OPTION_SACK_PERMITTED, random_bytes(rng, rng.choice((0, 0, 1, 2))))
    if choice == 5:
        return tcp_option(TCP_OPTION_TIMESTAMPS, random_bytes(rng, rng.choice((8, 8, 6, 10, 0))))
    if choice == 6:                       # SACK blocks, whole or not
        return tcp_option(TCP_OPTION_SACK, random_bytes(rng, rng.choice((8, 16, 24, 32, 5, 0))))
    if choice == 7:                       # an unknown kind, well formed
        return tcp_option(rng.randrange(9, 256), random_bytes(rng, rng.randrange(0, 10)))
    if choice == 8:                       # length 0 or 1: a parser that adds it never moves on
        return bytes([rng.choice((TCP_OPTION_MSS, TCP_OPTION_TIMESTAMPS, rng.randrange(2, 256)))]) + \
            bytes([rng.choice((0, 1))]) + random_bytes(rng, rng.randrange(0, 4))
    if choice == 9:                       # a length past the header
        return bytes([rng.choice((TCP_OPTION_MSS, TCP_OPTION_SACK, rng.randrange(2, 256))),
                      rng.randrange(41, 256)]) + random_bytes(rng, rng.randrange(0, 6))
    if choice == 10:
        return bytes([TCP_OPTION_NOP]) * rng.randrange(1, 4)
    if choice == 11:                      # END, then garbage the parser must not read as options
        return bytes([TCP_OPTION_END]) + random_bytes(rng, rng.randrange(1, 8))
    if choice == 12:                      # a kind as the very last byte: no room for its length
        return bytes([rng.choice((TCP_OPTION_MSS, TCP_OPTION_WINDOW_SCALE, rng.randrange(2, 256)))])
    if choice == 13:                      # a valid SYN's options, as Linux sends them
        return tcp_option(TCP_OPTION_MSS, struct.pack("!H", 1460)) + tcp_option(TCP_OPTION_SACK_PERMITTED) + \
            tcp_option(TCP_OPTION_TIMESTAMPS, random_bytes(rng, 8)) + bytes([TCP_OPTION_NOP]) + \
            tcp_option(TCP_OPTION_WINDOW_SCALE, b"\x07")
    if choice == 14:                      # a length that ends inside the next option
        return bytes([rng.randrange(2, 256), rng.randrange(3, 12)]) + \
            tcp_option(TCP_OPTION_MSS, struct.pack("!H", rng.getrandbits(16)))
    return random_bytes(rng, rng.randrange(1, 12)) if rng.random() < 0.5 else b""


def tcp_options(rng):
    """A random option list of at most 40 bytes (the caller pads it)."""
    if rng.random() < 0.15:
        return b""
    options = b"".join(_one_option(rng) for _ in range(rng.randrange(1, 5)))
    return options[:rng.choice((40, 40, 40, rng.randrange(1, 41)))]


def _flags(rng):
    """Random flags, weighted toward the combinations TCP decides on."""
    return rng.choice((0x02, 0x10, 0x18, 0x11, 0x04, 0x14, 0x12, 0x01, 0x00, 0x20 | 0x10,
                       rng.getrandbits(8), rng.getrandbits(8), rng.getrandbits(6)))


def _ip(rng, source, destination, protocol, payload):
    """A valid IPv4 header with random fields inside, around `payload`."""
    options = b""
    if rng.random() < 0.1:                # IP options the guest skips: its offsets must follow
        options = random_bytes(rng, 4 * rng.randrange(1, 11))
    return ipv4(source, destination, protocol, payload, identification=rng.getrandbits(16),
                ttl=rng.randrange(1, 256), options=options, flags_fragment=rng.choice((0x4000, 0)),
                tos=rng.getrandbits(8))


def _unique_port(a, n):
    """Frame n's source port: a different one for each frame of a run (no
    frame lands on a half-open connection an earlier one made), within
    random_source_ports."""
    low, high = a["random_source_ports"]
    return low + (n * PORT_STEP) % (high - low)


def _random_tcp(rng, a, n, source, destination, certain):
    port = a["guest_tcp_port"] if rng.random() < 0.6 else rng.choice((a["closed_port"], rng.randrange(1, 65536)))
    source_port = _unique_port(a, n)
    flags = _flags(rng)
    segment = tcp(source, destination, source_port, port, rng.getrandbits(32), rng.getrandbits(32), flags,
                  payload=random_bytes(rng, rng.choice((0, 0, 1, rng.randrange(0, 120)))),
                  window=rng.choice((0, 1, 65535, rng.getrandbits(16))),
                  options=tcp_options(rng), urgent=rng.choice((0, rng.getrandbits(16))))
    # A RST answers every segment but a RST to a closed port, and an ACK
    # to the listener (a SYN's SYN-ACK depends on room in the backlog)
    answered = certain and not flags & TCP_RST and (port != a["guest_tcp_port"] or flags & TCP_ACK)
    return "TCP to port %d flags 0x%02x" % (port, flags), _ip(rng, source, destination, PROTOCOL_TCP, segment), \
        ("TCP", source_port) if answered else None


def _random_udp(rng, a, n, source, destination, certain):
    port = a["guest_udp_port"] if rng.random() < 0.6 else rng.choice((a["closed_port"], rng.randrange(1, 65536)))
    payload = random_bytes(rng, rng.choice((0, 1, rng.randrange(0, 200))))
    while any(payload.startswith(command) for command in UDP_ANSWERS):
        payload = payload[1:]
    whole = 8 + len(payload)
    length = rng.choice((None, None, rng.randrange(8, whole + 1), rng.randrange(0, 8),
                         rng.randrange(whole + 1, whole + 300), 0xffff))
    source_port = _unique_port(a, n)
    datagram = udp(source, destination, source_port, port, payload, length=length)
    if rng.random() < 0.1:
        datagram = datagram[:6] + b"\0\0" + datagram[8:]       # "no checksum" is valid too
    what = "UDP to port %d length %s of %d" % (port, "right" if length is None else length, whole)
    echoed = certain and port == a["guest_udp_port"] and (length is None or 8 <= length <= whole)
    return what, _ip(rng, source, destination, PROTOCOL_UDP, datagram), ("UDP", source_port) if echoed else None


def _quoted_packet(rng, a):
    """The IP header and first 8 payload bytes an ICMP error quotes:
    random, but often a packet the guest could have sent."""
    protocol = rng.choice((PROTOCOL_TCP, PROTOCOL_UDP, PROTOCOL_ICMP, rng.getrandbits(8)))
    ours = rng.random() < 0.7
    source = a["guest_ip"] if ours else "%d.%d.%d.%d" % tuple(rng.getrandbits(8) for _ in range(4))
    destination = a["test_ip"] if rng.random() < 0.7 else "%d.%d.%d.%d" % tuple(rng.getrandbits(8) for _ in range(4))
    ports = struct.pack("!HH", rng.choice((a["guest_tcp_port"], a["guest_udp_port"], rng.getrandbits(16))),
                        rng.getrandbits(16))
    quoted_payload = ports + random_bytes(rng, 4)
    header_words = rng.choice((5, 5, 5, rng.randrange(0, 16)))
    header = struct.pack("!BBHHHBBH4s4s", (rng.choice((4, 4, 4, rng.randrange(16))) << 4) | header_words,
                         0, rng.getrandbits(16), rng.getrandbits(16), rng.choice((0x4000, 0, rng.getrandbits(16))),
                         rng.getrandbits(8), protocol, rng.getrandbits(16), ip_bytes(source), ip_bytes(destination))
    header += random_bytes(rng, max(0, header_words * 4 - 20))
    quoted = header + quoted_payload
    return quoted[:rng.choice((len(quoted), len(quoted), rng.randrange(0, len(quoted) + 1)))]


def _random_icmp(rng, a, n, source, destination, certain):
    choice = rng.random()
    identifier = ICMP_FIRST_IDENTIFIER + n       # an echo reply names its request
    if choice < 0.3:
        kind, code = ICMP_ECHO_REQUEST, rng.choice((0, rng.getrandbits(8)))
        body = random_bytes(rng, rng.randrange(0, 200))
    elif choice < 0.7:
        kind = rng.choice(ICMP_ERRORS)
        code = rng.choice((0, 1, 2, 3, 4, rng.getrandbits(8)))
        body = _quoted_packet(rng, a)
    else:
        kind, code = rng.getrandbits(8), rng.getrandbits(8)
        body = random_bytes(rng, rng.randrange(0, 64))
    message = icmp(kind, code, struct.pack("!H", identifier) + random_bytes(rng, 2), body)
    if rng.random() < 0.05:
        message = _short_icmp(message[:rng.randrange(4, 8)])   # shorter than the header, the checksum right
    replied = certain and kind == ICMP_ECHO_REQUEST and len(message) >= 8
    return "ICMP type %d code %d" % (kind, code), _ip(rng, source, destination, PROTOCOL_ICMP, message), \
        ("ICMP", identifier) if replied else None


def _short_icmp(message):
    """A message of 4 to 7 bytes whose checksum adds up."""
    blank = message[:2] + b"\0\0" + message[4:]
    return blank[:2] + struct.pack("!H", checksum(blank)) + blank[4:]


def structured_frames(rng, count, addresses):
    """`count` frames (what, frame, answer), TCP, UDP and ICMP in the
    shares above; answer is what must come back for it, or None when
    nothing need: ("TCP", port) a RST or SYN-ACK to that source port,
    ("UDP", port) the echo from net_target, ("ICMP", identifier) an echo
    reply. `addresses`: guest_ip, guest_mac, test_ip, test_mac,
    broadcast_ip, unanswered_ips (a few), guest_tcp_port, guest_udp_port,
    closed_port, random_source_ports (a range's start and end, at least
    `count` ports) - the source ports never used by the test's own
    connections and answers."""
    a = addresses
    frames = []
    for n in range(count):
        roll = rng.random()
        make = _random_tcp if roll < TCP_SHARE else _random_udp if roll < TCP_SHARE + UDP_SHARE else _random_icmp
        # TCP only from the test's address: a SYN from one nobody answers
        # would hold a place in the listener's backlog for 25 s
        spoofed = make is not _random_tcp and rng.random() < 0.05
        source = rng.choice(a["unanswered_ips"]) if spoofed else a["test_ip"]
        destination = a["guest_ip"] if rng.random() < 0.95 else a["broadcast_ip"]
        certain = source == a["test_ip"] and destination == a["guest_ip"]
        what, packet, answer = make(rng, a, n, source, destination, certain)
        mac = a["guest_mac"] if destination == a["guest_ip"] else b"\xff" * 6
        frames.append(("structured %d: %s from %s to %s" % (n, what, source, destination),
                       ethernet(mac, a["test_mac"], ETHERTYPE_IPV4, packet), answer))
    return frames
