"""tools/qemu_boot.py - booting the kernel headless in QEMU, for the test
runner, tools/run-prog and the GDB test. QEMU's options come from the
Makefile (`make -s print-qemu-options`), the one place they are set; the
network's options (a card on a restricted user network, or on a virtual
cable) from here, the one place that checks them."""
import argparse
import functools
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def qemu_command(cpus=None, as_make_run=False):
    """The QEMU command and options of the Makefile, with QEMU_EXTRA, and
    the CMOS clock pinned at the Makefile's PINNED_DATE: every boot of a
    tool repeats (`make run` alone gives the host's time). The machine has
    none of QEMU's default devices but the VGA card (the Makefile's
    TOOL_MACHINE: no empty CD drive for the BIOS to probe); `as_make_run`
    keeps them all, as `make run` does. With `cpus`, the machine has that
    many CPUs in place of the Makefile's CPUS."""
    command = list(_makefile_qemu_command(os.environ.get("QEMU_EXTRA", ""), os.environ.get("CPUS", ""),
                                          as_make_run))
    if cpus is not None:
        command[command.index("-smp") + 1] = str(cpus)
        command = without_multi_threading(command)
        if cpus > 1:             # as the Makefile's MULTI_THREADED: the CPUs really at once
            command[command.index("-smp") + 2:command.index("-smp") + 2] = MULTI_THREADED
    return command


MULTI_THREADED = ["-accel", "tcg,thread=multi"]


def without_multi_threading(command):
    """`command` with one QEMU thread for every CPU: what -icount needs."""
    command = list(command)
    while "tcg,thread=multi" in command:
        at = command.index("tcg,thread=multi")
        del command[at - 1:at + 1]
    return command


@functools.lru_cache(maxsize=None)
def _makefile_qemu_command(qemu_extra, cpus, as_make_run):
    """Asked of make once per QEMU_EXTRA (and machine): each start of
    make reads the Makefile and the build's dependency files."""
    out = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT, "print-qemu-options"] +
                         (["TOOL_MACHINE="] if as_make_run else []),
                         capture_output=True, text=True, check=True).stdout
    return tuple(shlex.split(out.strip()))


def iso_options(build):
    """How `make run` boots the ISO of `build` (the Makefile's ISO_OPTIONS:
    the CD and the boot order)."""
    out = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT, "B=" + build, "print-iso-options"],
                         capture_output=True, text=True, check=True).stdout
    return shlex.split(out.strip())


def add_to_image(tar, path, name, mode=None):
    """Adds the file or directory at `path` to the boot image `tar` (an
    open tarfile) as `name`, owned by root, with `mode` or its own."""
    info = tar.gettarinfo(path, arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if mode is not None:
        info.mode = mode
    if info.isdir():
        tar.addfile(info)
    else:
        with open(path, "rb") as f:
            tar.addfile(info, f)


def image_with_programs(kernel, initrd, work, sources):
    """Compiles each of `sources` (C files) as the build of `kernel` compiles
    a user program (`make print-user-compile`, as tools/run-prog does) into
    the folder `work`, and appends it to a copy of `initrd` as
    /bin/NAME. Returns ({NAME: binary}, the new image)."""
    build = os.path.dirname(os.path.abspath(kernel))
    compile_command = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT, "B=" + build,
                                      "print-user-compile"],
                                     capture_output=True, text=True, check=True).stdout.split()
    image = os.path.join(work, "initrd.tar")
    shutil.copy(initrd, image)
    binaries = {}
    for source in sources:
        name = os.path.splitext(os.path.basename(source))[0]
        binary = binaries[name] = os.path.join(work, name)
        command = [binary if w == "OUTPUT" else source if w == "SOURCES" else w for w in compile_command]
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
        with tarfile.open(image, "a", format=tarfile.USTAR_FORMAT) as tar:
            add_to_image(tar, binary, "./bin/" + name, 0o755)
    return binaries, image


def exit_status_of(returncode):
    """isa-debug-exit makes QEMU exit with status*2+1: the kernel's status,
    or None when QEMU ended another way (a timeout, a crash)."""
    if returncode is not None and returncode > 0 and returncode % 2 == 1:
        return (returncode - 1) // 2
    return None


class StatusPort:
    """COM2 connected to a file: the kernel writes "exit-status N" there as
    it powers off (kernel/drivers/power.c), the whole 0-255 status that an
    exit code cannot carry."""

    def __enter__(self):
        handle, self.path = tempfile.mkstemp(prefix="kernel-status.")
        os.close(handle)
        return self

    def options(self):
        return ["-serial", "file:" + self.path]

    def status(self, returncode):
        with open(self.path) as f:
            m = re.search(r"exit-status (\d+)", f.read())
        # no line: the kernel never reached power_off (QEMU failed, a timeout)
        return int(m.group(1)) if m else None

    def __exit__(self, *exception):
        os.unlink(self.path)


def one_test_image(initrd, name):
    """The -initrd that boots test `name` as `initrd` (a build's
    initrd-tests.tar) would: the student's image (initrd.tar, the same
    files but /tests) and a second module holding /tests/NAME alone,
    made here (build/test-images/NAME.tar) when older than the program.
    The kernel adds a later module's files to the tree
    (kernel/fs/rootfs.c); QEMU then loads 7 MiB instead of 36, a tenth
    of a second a boot. Any other image is returned as it is."""
    build = os.path.dirname(initrd)
    program = os.path.join(build, "image", "tests", name)
    student_image = os.path.join(build, "initrd.tar")
    if os.path.basename(initrd) != "initrd-tests.tar" or not os.path.exists(program) \
            or not os.path.exists(student_image) or "," in initrd or " " in initrd:
        return initrd
    module = os.path.join(build, "test-images", name + ".tar")
    if not os.path.exists(module) or os.path.getmtime(module) < os.path.getmtime(program):
        os.makedirs(os.path.dirname(module), exist_ok=True)
        handle, made = tempfile.mkstemp(prefix=name + ".", dir=os.path.dirname(module))
        with os.fdopen(handle, "wb") as f, tarfile.open(fileobj=f, mode="w", format=tarfile.USTAR_FORMAT) as tar:
            add_to_image(tar, os.path.dirname(program), "tests")
            add_to_image(tar, program, "tests/" + name)
        os.replace(made, module)      # whole or not at all: boots run at once
    return student_image + "," + module


# The firmware of a tool's machine: qboot (QEMU's own, in every Debian
# QEMU) in place of SeaBIOS. It loads the kernel as -kernel asks, with the
# same multiboot information and ACPI tables (the CPUs, docs/smp.md), and
# a memory map that leaves the kernel 128 KiB more; it skips the PC's
# power-on self test and the VGA card's BIOS: a machine is up in 0.07 s
# of the host's time instead of 0.16, a third of a short boot test's
# whole run. Two things it leaves undone, so two kinds of machine keep
# SeaBIOS:
#   - a network card: qboot gives the PCI cards no addresses, and the
#     kernel takes them as the firmware set them (kernel/drivers/pci.c);
#   - a screen read back (`screen`, the console's in-kernel tests): the
#     VGA card's text mode is its BIOS's work.
# `make run`, `make debug` and the ISO test boot the ISO, from SeaBIOS,
# as a student's machine does.
QUICK_FIRMWARE = ["-bios", "qboot.rom"]
NEEDS_THE_BIOS = ("-netdev", "-cdrom", "-bios")


def with_quick_firmware(command):
    """`command` (a QEMU command line) started from qboot, if it can be."""
    if any(option in command for option in NEEDS_THE_BIOS):
        return list(command)
    return list(command) + QUICK_FIRMWARE


def boot(kernel, initrd, append, timeout, extra=(), stdin_data=None, cpus=None, screen=False):
    """Boots `kernel` with `initrd` and command line `append` (on `cpus`
    CPUs, if given; with the VGA card's text mode set up by its BIOS, if
    `screen`). Returns (kernel_status or None, timed_out, output_text)."""
    with StatusPort() as status_port:
        command = qemu_command(cpus) + ["-display", "none", "-serial", "stdio"] + status_port.options() + [
            "-monitor", "none", "-kernel", kernel, "-initrd", initrd, "-append", append] + list(extra)
        if not screen:
            command = with_quick_firmware(command)
        if "-icount" in extra:   # exact instruction counts: one QEMU thread for all the CPUs
            command = without_multi_threading(command)
        process = subprocess.Popen(command, stdin=subprocess.PIPE if stdin_data is not None else subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            output, _ = process.communicate(input=stdin_data, timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
            timed_out = True
        text = output.decode("utf-8", "replace")
        return (None if timed_out else status_port.status(process.returncode)), timed_out, text


# ------------------------------------------------------------------ the network
# Every QEMU the project starts with a network card goes through here. The
# rules (README.md, "The network"): the card is an e1000 on QEMU's user
# network with restrict=on, so the guest reaches nothing but what is
# forwarded, and every forward is bound to 127.0.0.1 on the host; or two
# machines of ours share a virtual cable, a pair of UDP sockets on
# 127.0.0.1 (cable_options). QEMU reads an empty host address in a forward
# as "every interface", so the address must be written out.
LOCAL_HOST = "127.0.0.1"
USER_NETWORK_PREFIX = "10.0.2."      # QEMU's user network: gateway .2, DNS .3, the guest .15
NETDEV_ID = "net0"
NET_CARD = "e1000"
HOST_FORWARD = re.compile(r"^hostfwd=(tcp|udp|):([^:]*):(\d+)-([^:]*):(\d+)$")
GUEST_FORWARD = re.compile(r"^guestfwd=(tcp|):([^:]*):(\d+)-tcp:([^:]*):(\d+)$")


class NetworkRefused(Exception):
    """A forward that would open the guest to more than 127.0.0.1."""


def _port_ok(text):
    return text.isdigit() and 1 <= int(text) <= 65535


def _user_network_address_ok(text):
    parts = text.split(".")
    return (text.startswith(USER_NETWORK_PREFIX) and len(parts) == 4
            and parts[3].isdigit() and 1 <= int(parts[3]) <= 254)


def check_forwards(specs):
    """The forwards of `specs` (each one forward or a comma-separated list
    of them) as a list, checked: hostfwd=[tcp|udp]:127.0.0.1:HOSTPORT-[GUEST]:PORT
    and guestfwd=[tcp]:10.0.2.N:PORT-tcp:127.0.0.1:HOSTPORT only. Raises
    NetworkRefused for anything else: another host address (an empty one
    means every interface), another key (restrict=off, net=, smb=, ...), a
    guestfwd to a command."""
    forwards = []
    for spec in specs:
        for forward in spec.split(","):
            if not forward:
                continue
            host = HOST_FORWARD.match(forward)
            guest = GUEST_FORWARD.match(forward)
            if host:
                host_address, host_port, guest_address, guest_port = host.group(2, 3, 4, 5)
                ok_guest = guest_address == "" or _user_network_address_ok(guest_address)
            elif guest:
                guest_address, guest_port, host_address, host_port = guest.group(2, 3, 4, 5)
                ok_guest = _user_network_address_ok(guest_address)
            else:
                raise NetworkRefused("refusing '%s': only hostfwd=PROTO:127.0.0.1:HOSTPORT-:GUESTPORT and "
                                     "guestfwd=tcp:10.0.2.N:PORT-tcp:127.0.0.1:HOSTPORT may be given; "
                                     "the user network stays restrict=on" % forward)
            if host_address != LOCAL_HOST:
                raise NetworkRefused("refusing '%s': the host's side must be %s, not '%s'%s" % (
                    forward, LOCAL_HOST, host_address, " (empty means every interface)" if not host_address else ""))
            if not (_port_ok(host_port) and _port_ok(guest_port)):
                raise NetworkRefused("refusing '%s': a port is 1 to 65535" % forward)
            if not ok_guest:
                raise NetworkRefused("refusing '%s': the guest's side is an address of the user network, %sN"
                                     % (forward, USER_NETWORK_PREFIX))
            forwards.append(forward)
    return forwards


def pcap_options(pcap):
    """QEMU's options to record every frame of the card in the pcap file
    `pcap` (filter-dump; tcpdump -r FILE, or Wireshark, read it)."""
    return ["-object", "filter-dump,id=dump0,netdev=%s,file=%s" % (NETDEV_ID, os.path.abspath(pcap).replace(",", ",,"))]


def user_network_options(specs=(), pcap=None, mac=None):
    """QEMU's options for an e1000 on a restricted user network with the
    forwards of `specs` (check_forwards, which may raise NetworkRefused)."""
    netdev = ",".join(["user", "id=" + NETDEV_ID, "restrict=on"] + check_forwards(specs))
    device = "%s,netdev=%s" % (NET_CARD, NETDEV_ID) + (",mac=" + mac if mac else "")
    return ["-netdev", netdev, "-device", device] + (pcap_options(pcap) if pcap else [])


def cable_options(local_port, remote_port, mac, pcap=None):
    """QEMU's options for an e1000 at the end of a virtual cable: its frames
    go as UDP datagrams from 127.0.0.1:local_port to 127.0.0.1:remote_port,
    where the other machine (or a test) listens, and come back the same way."""
    netdev = ("dgram,id=%s,local.type=inet,local.host=%s,local.port=%d,"
              "remote.type=inet,remote.host=%s,remote.port=%d" % (NETDEV_ID, LOCAL_HOST, local_port,
                                                                  LOCAL_HOST, remote_port))
    return ["-netdev", netdev, "-device", "%s,netdev=%s,mac=%s" % (NET_CARD, NETDEV_ID, mac)] + \
        (pcap_options(pcap) if pcap else [])


def free_port(kind=None):
    """A port of 127.0.0.1 that nothing uses now (TCP, or UDP with
    kind=socket.SOCK_DGRAM): the system's choice for a bind to port 0."""
    with socket.socket(socket.AF_INET, kind or socket.SOCK_STREAM) as s:
        s.bind((LOCAL_HOST, 0))
        return s.getsockname()[1]


def main(arguments):
    """`python3 tools/qemu_boot.py net-options [--card] [--forward SPEC]...
    [--pcap FILE]`: the network's QEMU options for make run and make debug
    (NET=1, PCAP=), one line; nothing without --card. Exit status 2, and
    why on stderr, for a forward check_forwards refuses."""
    parser = argparse.ArgumentParser(prog="qemu_boot.py net-options")
    parser.add_argument("command", choices=["net-options"])
    parser.add_argument("--card", action="store_true", help="an e1000 on a restricted user network")
    parser.add_argument("--forward", action="append", default=[], metavar="SPEC")
    parser.add_argument("--pcap", metavar="FILE")
    args = parser.parse_args(arguments)
    try:
        if not args.card:
            if args.forward or args.pcap:
                raise NetworkRefused("a forward or PCAP= needs the card: NET=1")
            return 0
        options = user_network_options(args.forward, args.pcap)
        if any(" " in option for option in options):
            raise NetworkRefused("a path with a space cannot go through make: %s" % args.pcap)
    except NetworkRefused as refusal:
        print("network: %s" % refusal, file=sys.stderr)
        return 2
    print(" ".join(options))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
