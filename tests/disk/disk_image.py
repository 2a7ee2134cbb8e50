"""tests/disk/disk_image.py - disk images on the host, for the disk tests
(tools/run-tests: the disk_* boot tests and the `disk` kind; tests/disk/
disk_checks.py; tests/disk/crash_test.py).

Images are made by tools/make-disk, the one place that calls mke2fs, and
looked into with e2fsprogs' e2fsck and debugfs, found in /sbin or /usr/sbin
even when PATH lacks them (an ordinary user's often does). The pattern and
checksum are those of tests/disk/programs/disk_program.h."""
import os
import re
import shutil
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAKE_DISK = os.path.join(ROOT, "tools", "make-disk")
DEFAULT_SIZE = "16M"                  # a test's disk, unless its source says otherwise
TOOL_TIMEOUT = 120                    # seconds for one e2fsck or debugfs
E2FSCK_CLEAN = 0                      # e2fsck's exit status: no errors
E2FSCK_CORRECTED = 1                  # errors corrected
E2FSCK_UNCORRECTED = 4                # this and above: errors left, or e2fsck failed
CHECKSUM_START = 2166136261           # FNV-1a, 32 bits, as disk_program.h
CHECKSUM_PRIME = 16777619
WORD = 0xFFFFFFFF


def tool(name):
    """The path of an e2fsprogs tool: on PATH, else in /usr/sbin or /sbin."""
    path = shutil.which(name, path=os.environ.get("PATH", "") + os.pathsep + "/usr/sbin" + os.pathsep + "/sbin")
    if not path:
        raise FileNotFoundError("%s not found: it is in the Debian package e2fsprogs (tools/deps install)" % name)
    return path


def make_image(image, size=DEFAULT_SIZE, options=()):
    """A fresh image at `image` (which must not exist) by tools/make-disk;
    raises RuntimeError with make-disk's words if it fails."""
    made = subprocess.run([MAKE_DISK, image, size] + list(options), capture_output=True, text=True,
                          timeout=TOOL_TIMEOUT)
    if made.returncode != 0:
        raise RuntimeError("tools/make-disk %s %s %s failed: %s" % (image, size, " ".join(options),
                                                                   (made.stdout + made.stderr).strip()))


def drive_options(image):
    """QEMU's options for `image` as the first IDE disk (hda), as the Makefile's DISK_OPTIONS."""
    return ["-drive", "file=%s,format=raw,if=ide,index=0" % image]


def e2fsck(image, *flags):
    """(exit status, output) of `e2fsck FLAGS image`: -fn checks without
    changing anything, -fp repairs what is safe to repair without asking."""
    done = subprocess.run([tool("e2fsck")] + list(flags) + [image], capture_output=True, text=True,
                          timeout=TOOL_TIMEOUT)
    return done.returncode, (done.stdout + done.stderr).strip()


def debugfs(image, request, writable=False):
    """(stdout as bytes, stderr as text) of `debugfs [-w] -R REQUEST image`.
    debugfs exits 0 even when the request fails; its complaint is on stderr
    (after its version line)."""
    done = subprocess.run([tool("debugfs")] + (["-w"] if writable else []) + ["-R", request, image],
                          capture_output=True, timeout=TOOL_TIMEOUT,
                          env=dict(os.environ, DEBUGFS_PAGER="__none__"))   # no pager, even on a terminal
    return done.stdout, done.stderr.decode("utf-8", "replace")


def debugfs_problem(stderr):
    """What debugfs complained of, without its version line; "" if nothing."""
    return "\n".join(line for line in stderr.splitlines() if not line.startswith("debugfs ")).strip()


def disk_image_line(source):
    """(size, [mke2fs options]) from a line `// disk-image: SIZE [OPTIONS]` in
    the C file `source` (tests/boot/disk_*.c); (DEFAULT_SIZE, []) without one."""
    with open(source, errors="replace") as f:
        for line in f:
            m = re.match(r"\s*//\s*disk-image:\s*(\S+)(.*)$", line)
            if m:
                return m.group(1), m.group(2).split()
    return DEFAULT_SIZE, []


def pattern_byte(offset, seed):
    """disk_program.h's pattern_byte: byte `offset` of a test file of `seed`."""
    x = (offset ^ (seed * 0x9E3779B9)) & WORD
    x ^= x >> 13
    x = (x * 0x5BD1E995) & WORD
    x ^= x >> 15
    return x & 0xFF


def pattern(size, seed):
    return bytes(pattern_byte(offset, seed) for offset in range(size))


def checksum(data):
    """disk_program.h's checksum (FNV-1a, 32 bits) of `data`."""
    total = CHECKSUM_START
    for byte in data:
        total = ((total ^ byte) * CHECKSUM_PRIME) & WORD
    return total


def remove(path):
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
