"""tests/net/user_network_test.py - a guest on QEMU's user network
(restrict=on) meets the host, through forwards bound to 127.0.0.1:

- a TCP echo server in the guest, reached through a hostfwd: 1 MiB of
  random bytes each way, byte-exact (sha256); again with the card dropping
  and reordering 5% of frames (`netloss=5:SEED`, kernel/drivers/e1000.h);
- a TCP echo server on the host, reached by a guest client through a
  guestfwd (the guest connects to 10.0.2.100): 1 MiB each way;
- UDP from the host to the guest through a hostfwd, every datagram whole.
  The other way is not possible here: restrict=on drops every datagram
  the guest sends but DHCP's and TFTP's, its answers to a hostfwd too
  (tests/net/malformed_test.py has UDP both ways, on a virtual cable);
- ping of the gateway 10.0.2.2, which QEMU answers itself;
- the boot tests that read an interface's facts (getifaddrs, ioctl's
  SIOCGIF requests), on a machine with a card: eth0 and its address;
- TCP's urgent byte, to and from the host's TCP: each reads the other's
  urgent pointer (net_urgent_peer.c).

    run_all(image) -> [(name, passed, detail)], each test a function of its own."""
import fcntl
import hashlib
import os
import socket
import struct
import threading
import time

from net_guest import BOOT_TESTS_WITH_A_CARD, MIB, Guest, kernel_trouble, pattern, qemu_boot, tail

LOCAL_HOST = "127.0.0.1"
GUEST_TCP_PORT = 7
GUEST_UDP_PORT = 9
GUEST_FORWARD_ADDRESS = "10.0.2.100"      # a free address of the user network
GUEST_FORWARD_PORT = 4000
BOOT_SECONDS = 40                         # from QEMU's start to "listening"
TRANSFER_SECONDS = 120                    # 1 MiB each way, at worst
CONNECT_TRIES = 20
CHUNK = 16384
UDP_DATAGRAMS = 20
UDP_TRIES = 4
LOSS_SEED = 23


def hostfwd(protocol, host_port, guest_port):
    return "hostfwd=%s:%s:%d-:%d" % (protocol, LOCAL_HOST, host_port, guest_port)


def echo_through(port, data, seconds):
    """Connects to 127.0.0.1:port, sends `data` from a second thread while
    reading the echo here; returns the bytes that came back (trying the
    connection again while the guest is not ready: QEMU accepts on the
    host's side at once, then closes if the guest does not answer)."""
    deadline = time.time() + seconds
    for attempt in range(CONNECT_TRIES):
        connection = socket.create_connection((LOCAL_HOST, port), timeout=10)
        connection.settimeout(max(1, deadline - time.time()))

        def send_all():
            try:
                connection.sendall(data)
                connection.shutdown(socket.SHUT_WR)
            except OSError:
                pass
        sender = threading.Thread(target=send_all, daemon=True)
        sender.start()
        received = bytearray()
        try:
            while len(received) < len(data) and time.time() < deadline:
                chunk = connection.recv(CHUNK)
                if not chunk:
                    break
                received += chunk
        except (socket.timeout, ConnectionResetError):
            pass
        sender.join(5)
        connection.close()
        if received or time.time() > deadline:
            return bytes(received)
        time.sleep(1)                              # refused at once: the guest is not up yet
    return b""


def same_bytes(sent, received):
    """'' when `received` is `sent`; else what differs, in a few words."""
    if received == sent:
        return ""
    first = next((i for i, (a, b) in enumerate(zip(sent, received)) if a != b), min(len(sent), len(received)))
    return "sent %d bytes (sha256 %s), got %d back (sha256 %s), first difference at byte %d" % (
        len(sent), hashlib.sha256(sent).hexdigest()[:16], len(received),
        hashlib.sha256(received).hexdigest()[:16], first)


def guest_tcp_echo(image, name, append=""):
    """A guest echo server reached through a hostfwd: 1 MiB each way."""
    port = qemu_boot.free_port()
    guest = Guest(image, "net_echo_server tcp %d 1" % GUEST_TCP_PORT,
                  qemu_boot.user_network_options([hostfwd("tcp", port, GUEST_TCP_PORT)]), append)
    problems = []
    try:
        if not guest.wait_for(r"listening tcp", BOOT_SECONDS):
            problems.append("the guest's server never said 'listening tcp'")
        else:
            data = os.urandom(MIB)
            difference = same_bytes(data, echo_through(port, data, TRANSFER_SECONDS))
            if difference:
                problems.append(difference)
    finally:
        status, output = guest.finish(30)
    if not problems and status != 0:
        problems.append("the guest's server exited with status %s" % status)
    trouble = kernel_trouble(output)
    if trouble:
        problems.append("the kernel says: " + trouble)
    return [(name, not problems, "; ".join(problems) + "\n    " + tail(output))]


def test_tcp_through_hostfwd(image):
    return guest_tcp_echo(image, "net.tcp_1mib_each_way_through_a_host_forward_is_byte_exact")


def test_tcp_with_loss(image):
    return guest_tcp_echo(image, "net.tcp_1mib_each_way_with_5_percent_loss_is_byte_exact",
                          "netloss=5:%d" % LOSS_SEED)


class HostEchoServer:
    """A TCP echo server on 127.0.0.1 (a thread), keeping what it received."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind((LOCAL_HOST, 0))
        self.listener.listen(2)
        self.listener.settimeout(TRANSFER_SECONDS)
        self.port = self.listener.getsockname()[1]
        self.received = bytearray()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        try:
            connection, _ = self.listener.accept()    # QEMU's, made as it starts (guestfwd)
        except OSError:
            return
        connection.settimeout(TRANSFER_SECONDS)
        try:
            for chunk in iter(lambda: connection.recv(CHUNK), b""):
                self.received += chunk
                connection.sendall(chunk)
        except OSError:
            pass
        connection.close()

    def close(self):
        self.listener.close()


def test_tcp_through_guestfwd(image):
    """A guest client reaches the host's echo server through 10.0.2.100."""
    name = "net.tcp_guest_client_reaches_a_host_server_through_a_guest_forward"
    server = HostEchoServer()
    seed = 41
    forward = "guestfwd=tcp:%s:%d-tcp:%s:%d" % (GUEST_FORWARD_ADDRESS, GUEST_FORWARD_PORT, LOCAL_HOST, server.port)
    guest = Guest(image, "net_client tcp %s %d %d %d" % (GUEST_FORWARD_ADDRESS, GUEST_FORWARD_PORT, MIB, seed),
                  qemu_boot.user_network_options([forward]))
    status, output = guest.finish(BOOT_SECONDS + TRANSFER_SECONDS)
    server.close()
    problems = []
    if status != 0 or "PASS tcp" not in output:
        problems.append("the guest's client exited with status %s" % status)
    difference = same_bytes(pattern(seed, MIB), bytes(server.received[:MIB]))
    if difference:
        problems.append("at the host's server: " + difference)
    trouble = kernel_trouble(output)
    if trouble:
        problems.append("the kernel says: " + trouble)
    return [(name, not problems, "; ".join(problems) + "\n    " + tail(output))]


def test_udp_host_to_guest(image):
    """Datagrams from the host reach the guest whole. One that is not seen
    within a few seconds is sent again (the first may come before the
    guest has its address), so the guest may count one twice: each is
    known by its size and checksum, not its place."""
    name = "net.udp_datagrams_from_the_host_reach_the_guest_whole"
    port = qemu_boot.free_port(socket.SOCK_DGRAM)
    guest = Guest(image, "net_echo_server udp %d %d" % (GUEST_UDP_PORT, UDP_DATAGRAMS * UDP_TRIES),
                  qemu_boot.user_network_options([hostfwd("udp", port, GUEST_UDP_PORT)]))
    problems = []
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        if not guest.wait_for(r"listening udp", BOOT_SECONDS):
            problems.append("the guest's server never said 'listening udp'")
        for n in range(UDP_DATAGRAMS if not problems else 0):
            data = pattern(1000 + n, 1 + n * 71 % 1400)
            checksum = 0
            for byte in data:
                checksum = (checksum * 31 + byte) & 0xffffffff
            expected = r"datagram \d+: %d bytes, sum %d\b" % (len(data), checksum)
            for _ in range(UDP_TRIES):
                sender.sendto(data, (LOCAL_HOST, port))
                if guest.wait_for(expected, 3):
                    break
            else:
                problems.append("datagram %d (%d bytes) never arrived whole" % (n + 1, len(data)))
                break
    finally:
        sender.close()
        status, output = guest.kill()
    trouble = kernel_trouble(output)
    if trouble:
        problems.append("the kernel says: " + trouble)
    return [(name, not problems, "; ".join(problems) + "\n    " + tail(output))]


def test_ping_gateway(image):
    """/bin/ping of the user network's gateway, 10.0.2.2."""
    name = "net.ping_of_the_gateway_is_answered"
    guest = Guest(image, "ping -c 3 10.0.2.2", qemu_boot.user_network_options([]))
    status, output = guest.finish(BOOT_SECONDS)
    ok = status == 0
    return [(name, ok, "" if ok else "ping exited with status %s\n    %s" % (status, tail(output)))]


GUEST_URGENT_PORT = 8
SIOCATMARK = 0x8905


def read_to_the_mark(connection, seconds):
    """Bytes until the urgent mark (SIOCATMARK says 1) or the end."""
    data = bytearray()
    deadline = time.time() + seconds
    while time.time() < deadline:
        if struct.unpack("i", fcntl.ioctl(connection.fileno(), SIOCATMARK, b"\0\0\0\0"))[0]:
            break
        chunk = connection.recv(64)                 # stops at the mark
        if not chunk:
            break
        data += chunk
    return bytes(data)


def test_urgent_data_both_ways(image):
    """TCP's urgent byte between the host's TCP and ours, both ways
    (tests/net/net_urgent_peer.c). QEMU's user network is a TCP of its
    own in between, with BSD's urgent pointer: each send to the guest
    waits a little, so that it passes the urgent byte on alone."""
    name = "net.tcp_urgent_byte_crosses_to_and_from_the_hosts_tcp"
    port = qemu_boot.free_port()
    guest = Guest(image, "net_urgent_peer %d" % GUEST_URGENT_PORT,
                  qemu_boot.user_network_options([hostfwd("tcp", port, GUEST_URGENT_PORT)]))
    problems = []
    try:
        if not guest.wait_for(r"listening urgent", BOOT_SECONDS):
            problems.append("the guest never said 'listening urgent'")
        else:
            connection = socket.create_connection((LOCAL_HOST, port), timeout=10)
            for data, flags in ((b"abc", 0), (b"!", socket.MSG_OOB), (b"def", 0)):
                connection.send(data, flags)
                time.sleep(0.3)
            connection.shutdown(socket.SHUT_WR)
            if not guest.wait_for(r"received 'abcdef', urgent '!' after 3 bytes", 10):
                problems.append("the guest did not read 'abc', the urgent '!', then 'def'")
            if not guest.wait_for(r"\bsent\b", 10):
                problems.append("the guest did not send")
            time.sleep(0.3)
            before = read_to_the_mark(connection, 5)
            urgent = connection.recv(1, socket.MSG_OOB)
            after = bytearray()
            for chunk in iter(lambda: connection.recv(64), b""):
                after += chunk
            connection.close()
            if (before, urgent, bytes(after)) != (b"ABC", b"?", b"DEF"):
                problems.append("the host read %r, urgent %r, then %r: not 'ABC', '?', 'DEF'" % (
                    before, urgent, bytes(after)))
    except OSError as error:
        problems.append("the host's side: %s" % error)
    finally:
        status, output = guest.finish(30)
    if not problems and status != 0:
        problems.append("the guest exited with status %s" % status)
    trouble = kernel_trouble(output)
    if trouble:
        problems.append("the kernel says: " + trouble)
    return [(name, not problems, "; ".join(problems) + "\n    " + tail(output))]


def test_boot_tests_with_a_card(image):
    """The boot tests that read what an interface is, on a guest whose
    eth0 has its DHCP address (the boot kind's machines have only lo)."""
    results = []
    for test in BOOT_TESTS_WITH_A_CARD:
        guest = Guest(image, test, qemu_boot.user_network_options([]))
        status, output = guest.finish(BOOT_SECONDS)
        ok = status == 0 and "all checks passed" in output and "eth0" in output
        results.append(("net.%s_with_a_card" % test, ok,
                        "" if ok else "exit status %s\n    %s" % (status, tail(output))))
    return results


TESTS = [test_tcp_through_hostfwd, test_tcp_through_guestfwd, test_udp_host_to_guest, test_ping_gateway,
         test_tcp_with_loss, test_boot_tests_with_a_card, test_urgent_data_both_ways]
