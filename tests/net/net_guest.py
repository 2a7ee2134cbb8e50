"""tests/net/net_guest.py - a guest with a network card, for the host
tests of tests/net: its boot image (the student's, and the test programs
of tests/net as /bin/NAME), its QEMU (the card on a restricted user
network, or on a virtual cable: tools/qemu_boot.py), and its serial line
read as it comes, so that a test can wait for "listening ..." before it
connects.

    image = GuestImage(build, work)             # compiles tests/net/*.c once
    guest = Guest(image, "net_echo_server tcp 7 1",
                  qemu_boot.user_network_options(["hostfwd=tcp:127.0.0.1:%d-:7" % port]))
    guest.wait_for(r"listening tcp 7", 30)
    ...
    status, output = guest.finish(60)

Every address the host side opens is 127.0.0.1."""
import glob
import os
import re
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import qemu_boot  # noqa: E402

MIB = 1024 * 1024
KERNEL_TROUBLE = re.compile(r"KERNEL FAULT|PANIC: |system halted")   # kernel/panic.c


def pattern(seed, length):
    """The bytes of tests/net/net_pattern.h for `seed`: a xorshift32, one
    byte (its low 8 bits) per step."""
    state = seed or 1
    out = bytearray(length)
    for i in range(length):
        state ^= (state << 13) & 0xffffffff
        state ^= state >> 17
        state ^= (state << 5) & 0xffffffff
        out[i] = state & 0xff
    return bytes(out)


# Boot tests (tests/boot) that read what a card is: the boot kind's
# machines have none, only lo. They run again here, on a guest with its
# card (user_network_test.py).
BOOT_TESTS_WITH_A_CARD = ["net_getifaddrs_lists_each_interface_with_its_address",
                          "net_interface_ioctls_read_what_getifaddrs_lists"]


class GuestImage:
    """The build's kernel and a copy of its boot image with every program
    of tests/net in /bin (compiled as tools/run-prog compiles), and the
    boot tests of BOOT_TESTS_WITH_A_CARD."""

    def __init__(self, build, work):
        self.kernel = os.path.join(build, "kernel.elf")
        sources = sorted(glob.glob(os.path.join(HERE, "*.c"))) + \
            [os.path.join(ROOT, "tests", "boot", name + ".c") for name in BOOT_TESTS_WITH_A_CARD]
        _, self.initrd = qemu_boot.image_with_programs(self.kernel, os.path.join(build, "initrd.tar"), work,
                                                       sources)


class Guest:
    """One machine running `command` (a program of /bin and its arguments)
    with the QEMU options `network` and more kernel options `append`."""

    def __init__(self, image, command, network, append=""):
        self.status_port = qemu_boot.StatusPort().__enter__()
        line = "serial=raw quiet panic=poweroff %s -- --run /bin/%s" % (append, command)
        qemu = qemu_boot.qemu_command() + ["-display", "none", "-serial", "stdio"] + \
            self.status_port.options() + ["-monitor", "none", "-kernel", image.kernel, "-initrd", image.initrd,
                                          "-append", line] + list(network)
        self.process = subprocess.Popen(qemu, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT)
        self.output = b""
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for chunk in iter(lambda: self.process.stdout.read1(4096), b""):
            with self.lock:
                self.output += chunk

    def text(self):
        with self.lock:
            return self.output.decode("utf-8", "replace")

    def wait_for(self, regex, seconds):
        """The first match of `regex` in the output within `seconds`, or None
        (also at once if QEMU has ended without it)."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            found = re.search(regex, self.text())
            if found:
                return found
            if self.process.poll() is not None:
                self.reader.join(1)
                return re.search(regex, self.text())
            time.sleep(0.05)
        return None

    def finish(self, seconds):
        """Waits up to `seconds` for the program to end (QEMU powers off),
        kills QEMU after that; returns (status or None, output)."""
        try:
            self.process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(2)
        status = self.status_port.status(self.process.returncode)
        self.status_port.__exit__()
        return status, self.text()

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
        return self.finish(5)


def tail(text, lines=12):
    return "\n    ".join(text.strip().splitlines()[-lines:])


def kernel_trouble(output):
    """The first line of `output` that says the kernel faulted, or ''."""
    found = KERNEL_TROUBLE.search(output)
    if not found:
        return ""
    start = output.rfind("\n", 0, found.start()) + 1
    end = output.find("\n", found.end())
    return output[start:end if end >= 0 else len(output)]
