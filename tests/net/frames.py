"""tests/net/frames.py - Ethernet frames built and read by hand, for the
tests that speak to a guest's card directly over a virtual cable (QEMU's
`-netdev dgram`: each frame one UDP datagram on 127.0.0.1).

    cable = Cable(qemu_port)          # our end: a UDP socket on 127.0.0.1
    cable.send(ethernet(dst, src, ETHERTYPE_IPV4, ipv4(...)))
    frame = cable.receive(timeout)    # or None

Only 127.0.0.1 is ever opened: the frames travel inside datagrams between
two sockets of this host, and their addresses are the guest's own."""
import select
import socket
import struct
import time

ETHERTYPE_IPV4 = 0x0800
ETHERTYPE_ARP = 0x0806
PROTOCOL_ICMP = 1
PROTOCOL_TCP = 6
PROTOCOL_UDP = 17
ICMP_ECHO_REPLY = 0
ICMP_ECHO_REQUEST = 8
TCP_FIN, TCP_SYN, TCP_RST, TCP_PSH, TCP_ACK, TCP_URG = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20
TCP_OPTION_END, TCP_OPTION_NOP, TCP_OPTION_MSS, TCP_OPTION_WINDOW_SCALE = 0, 1, 2, 3
TCP_OPTION_SACK_PERMITTED, TCP_OPTION_SACK, TCP_OPTION_TIMESTAMPS = 4, 5, 8
ARP_REQUEST, ARP_REPLY = 1, 2
BROADCAST = b"\xff" * 6
LOCAL_HOST = "127.0.0.1"


def mac_bytes(text):
    return bytes(int(part, 16) for part in text.split(":"))


def ip_bytes(text):
    return socket.inet_aton(text)


def checksum(data):
    """The Internet checksum (RFC 1071) of `data`."""
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return ~total & 0xffff


def ethernet(destination, source, ethertype, payload):
    return destination + source + struct.pack("!H", ethertype) + payload


def arp(operation, sender_mac, sender_ip, target_mac, target_ip):
    return struct.pack("!HHBBH", 1, ETHERTYPE_IPV4, 6, 4, operation) + \
        sender_mac + ip_bytes(sender_ip) + target_mac + ip_bytes(target_ip)


def ipv4(source, destination, protocol, payload, identification=1, ttl=64, total_length=None,
         header_checksum=None, options=b"", flags_fragment=0x4000, tos=0):
    """An IPv4 packet; total_length and header_checksum may be given wrong on purpose."""
    header_length = 20 + len(options)
    length = header_length + len(payload) if total_length is None else total_length
    header = struct.pack("!BBHHHBBH4s4s", 0x40 | header_length // 4, tos, length, identification,
                         flags_fragment, ttl, protocol, 0, ip_bytes(source), ip_bytes(destination)) + options
    value = checksum(header) if header_checksum is None else header_checksum
    return header[:10] + struct.pack("!H", value) + header[12:] + payload


def _pseudo_header(source, destination, protocol, length):
    return ip_bytes(source) + ip_bytes(destination) + struct.pack("!BBH", 0, protocol, length)


def udp(source, destination, source_port, destination_port, payload, length=None, good_checksum=True):
    """A UDP datagram; its length field may be given wrong on purpose. The
    checksum covers what a receiver reads as the datagram: its first
    `length` bytes when the field is within the segment (the rest is
    padding), else the whole segment."""
    size = 8 + len(payload) if length is None else length
    segment = struct.pack("!HHHH", source_port, destination_port, size & 0xffff, 0) + payload
    covered = size if 8 <= size <= len(segment) else len(segment)
    value = checksum(_pseudo_header(source, destination, PROTOCOL_UDP, covered) + segment[:covered]) or 0xffff
    if not good_checksum:
        value ^= 0x5a5a
    return segment[:6] + struct.pack("!H", value) + segment[8:]


def tcp(source, destination, source_port, destination_port, sequence, acknowledgment, flags, payload=b"",
        window=65535, good_checksum=True, data_offset_words=None, options=b"", urgent=0):
    """A TCP segment. `options` are raw option bytes (well formed or not),
    padded with zeros (END) to a multiple of 4, at most 40 bytes; the data
    offset covers them unless `data_offset_words` is given (wrong on
    purpose). The checksum covers the whole segment."""
    options += b"\0" * (-len(options) % 4)
    if len(options) > 40:
        raise ValueError("TCP options of %d bytes: at most 40 fit" % len(options))
    words = 5 + len(options) // 4 if data_offset_words is None else data_offset_words
    segment = struct.pack("!HHIIBBHHH", source_port, destination_port, sequence & 0xffffffff,
                          acknowledgment & 0xffffffff, words << 4, flags, window, 0, urgent) + options + payload
    value = checksum(_pseudo_header(source, destination, PROTOCOL_TCP, len(segment)) + segment)
    if not good_checksum:
        value ^= 0x5a5a
    return segment[:16] + struct.pack("!H", value) + segment[18:]


def tcp_option(kind, body=b"", length=None):
    """One TCP option: kind, length (2 + len(body) unless given wrong on
    purpose), body. tcp_option(TCP_OPTION_MSS, struct.pack("!H", 1460))."""
    return bytes([kind, (2 + len(body) if length is None else length) & 0xff]) + body


def icmp_echo(identifier, sequence, payload=b"", kind=ICMP_ECHO_REQUEST, good_checksum=True):
    message = struct.pack("!BBHHH", kind, 0, 0, identifier, sequence) + payload
    value = checksum(message)
    if not good_checksum:
        value ^= 0x5a5a
    return message[:2] + struct.pack("!H", value) + message[4:]


def icmp(kind, code, rest=b"\0\0\0\0", body=b"", good_checksum=True):
    """Any ICMP message: type, code, the header's last 4 bytes, the body
    (an error's quoted IP header and 8 bytes of its payload)."""
    message = struct.pack("!BBH", kind, code, 0) + rest + body
    value = checksum(message)
    if not good_checksum:
        value ^= 0x5a5a
    return message[:2] + struct.pack("!H", value) + message[4:]


class Parsed:
    """What a received frame holds, as far as it goes: ethertype, ARP
    fields, IPv4 source/destination/protocol, and the ICMP/UDP/TCP fields
    (TCP: ports, sequence, acknowledgment, flags, window, options, data)."""

    def __init__(self, frame):
        self.frame = frame
        self.ethertype = struct.unpack("!H", frame[12:14])[0] if len(frame) >= 14 else None
        self.source_mac = frame[6:12]
        body = frame[14:]
        self.protocol = self.source_port = self.destination_port = None
        self.flags = 0
        self.data = b""
        if self.ethertype == ETHERTYPE_ARP and len(body) >= 28:
            self.arp_operation = struct.unpack("!H", body[6:8])[0]
            self.arp_sender_mac = body[8:14]
            self.arp_sender_ip = socket.inet_ntoa(body[14:18])
            self.arp_target_ip = socket.inet_ntoa(body[24:28])
        elif self.ethertype == ETHERTYPE_IPV4 and len(body) >= 20:
            header_length = (body[0] & 0xf) * 4
            total = struct.unpack("!H", body[2:4])[0]
            self.protocol = body[9]
            self.source = socket.inet_ntoa(body[12:16])
            self.destination = socket.inet_ntoa(body[16:20])
            self.payload = body[header_length:total]
            if self.protocol == PROTOCOL_ICMP and len(self.payload) >= 8:
                self.icmp_type, _, _, self.icmp_identifier, self.icmp_sequence = \
                    struct.unpack("!BBHHH", self.payload[:8])
            elif self.protocol == PROTOCOL_UDP and len(self.payload) >= 8:
                self.source_port, self.destination_port = struct.unpack("!HH", self.payload[:4])
                self.data = self.payload[8:]
            elif self.protocol == PROTOCOL_TCP and len(self.payload) >= 20:
                (self.source_port, self.destination_port, self.sequence, self.acknowledgment,
                 offset, self.flags, self.window) = struct.unpack("!HHIIBBH", self.payload[:16])
                self.options = self.payload[20:(offset >> 4) * 4]
                self.data = self.payload[(offset >> 4) * 4:]


class Cable:
    """Our end of a virtual cable to one guest card: frames go as UDP
    datagrams from 127.0.0.1:port to the card's 127.0.0.1:card_port."""

    def __init__(self, port, card_port):
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind((LOCAL_HOST, port))
        self.card = (LOCAL_HOST, card_port)

    def send(self, frame):
        self.socket.sendto(frame, self.card)

    def receive(self, timeout):
        """The next frame from the card, or None after `timeout` seconds."""
        ready, _, _ = select.select([self.socket], [], [], max(timeout, 0))
        if not ready:
            return None
        return self.socket.recvfrom(65536)[0]

    def wait_for(self, match, timeout):
        """The first frame within `timeout` seconds for which match(Parsed)
        is true (others are dropped), or None."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            frame = self.receive(deadline - time.time())
            if frame is None:
                return None
            parsed = Parsed(frame)
            if match(parsed):
                return parsed
        return None

    def close(self):
        self.socket.close()
