"""tests/disk/disk_checks.py - the disk from the host's side (tools/run-tests,
kind `disk`): what the guest writes, real tools read, and the reverse.

  host_file_reaches_the_guest         a file put into a fresh image with
      `debugfs -w` is read byte-exact by the guest, which answers in a file
      of its own; afterwards `e2fsck -fn` is clean and `debugfs cat` shows
      the answer
  two_boots_keep_files_fifo_and_spool boot 1 leaves files (one of 200 KiB),
      directories, a FIFO, a socket file and a spool message; debugfs sees
      them on the image; boot 2 finds each with its type and contents;
      `e2fsck -fn` is clean after each boot, and the superblock says
      "clean" (the kernel marks it so as it powers off)
  poweroff_from_the_shell_marks_the_disk_clean  `poweroff` typed at the
      normal boot's shell: init powers off with status 0, the disk is
      marked clean, e2fsck -fn is clean, and what was typed is on it
  crash_leaves_an_image_e2fsck_repairs  tests/disk/crash_test.py, with the
      fixed seeds CRASH_SEEDS

The guest programs are tests/disk/programs/*.c, added to a copy of the boot
image as /bin/NAME (qemu_boot.image_with_programs). Each boot has a timeout;
images live in a temporary folder of the build directory and go at the end.

    run_all(kernel, initrd, build, qemu_extra) -> [(name, passed, detail)]"""
import glob
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import crash_test  # noqa: E402
import disk_image  # noqa: E402
sys.path.insert(0, os.path.join(disk_image.ROOT, "tools"))
import qemu_boot  # noqa: E402

PROGRAMS = sorted(glob.glob(os.path.join(HERE, "programs", "*.c")))
BOOT_TIMEOUT = 120
CRASH_SEEDS = [1, 2, 3]               # `make crash` draws its own
HOST_FILE = "from-host.bin"
HOST_FILE_SIZE = 300 * 1024 + 123     # past the direct, the indirect, into the double-indirect blocks
HOST_FILE_SEED = 2024
TWO_BOOTS_BIG = ("/kept/pattern.bin", 200 * 1024, 7)   # as disk_two_boots.c writes it
TWO_BOOTS_TYPES = [("/kept", "directory"), ("/kept/sub", "directory"), ("/kept/note.txt", "regular"),
                   ("/kept/fifo", "FIFO"), ("/kept/socket", "socket"), ("/spool/msg-before-reboot", "regular")]
SPOOL_TEXT = b"a message left in the spool before the reboot\n"


def tail(text, lines=15):
    return "\n    ".join(text.strip().splitlines()[-lines:])


class Problems(list):
    """What went wrong in one check, and the serial output of its boots."""

    def __init__(self):
        super().__init__()
        self.log = ""

    def boot(self, kernel, initrd, image, command, qemu_extra):
        """Boots with `image` as the disk, running /bin/COMMAND; False if it failed."""
        append = "serial=raw quiet panic=poweroff -- --run /bin/" + command
        status, timed_out, out = qemu_boot.boot(kernel, initrd, append, BOOT_TIMEOUT,
                                                list(qemu_extra) + disk_image.drive_options(image))
        self.log += "--- /bin/%s\n%s\n" % (command, out)
        if timed_out or status != 0:
            self.append("/bin/%s: %s" % (command, "timed out after %d s" % BOOT_TIMEOUT if timed_out
                                         else "exit status %s" % status))
            return False
        return True

    def e2fsck_clean(self, image, when):
        status, log = disk_image.e2fsck(image, "-fn")
        if status != disk_image.E2FSCK_CLEAN:
            self.append("e2fsck -fn %s exited %d:\n    %s" % (when, status, tail(log, 25)))

    def marked_clean(self, image, when):
        """The kernel marks the disk clean as it powers off (kernel/fs/mount.c, mount_shutdown)."""
        data, stderr = disk_image.debugfs(image, "stats")
        state = re.search(r"Filesystem state:\s*(.*)", data.decode("utf-8", "replace"))
        if not state or state.group(1).strip() != "clean":
            self.append("%s the superblock says \"%s\", not \"clean\"" % (
                when, state.group(1).strip() if state else disk_image.debugfs_problem(stderr)))

    def debugfs_cat(self, image, path, expected):
        data, stderr = disk_image.debugfs(image, "cat " + path)
        complaint = disk_image.debugfs_problem(stderr)
        if complaint:
            self.append("debugfs cat %s: %s" % (path, complaint))
        elif data != expected:
            self.append("debugfs cat %s: %d bytes %r..., expected %d bytes %r..." % (
                path, len(data), data[:60], len(expected), expected[:60]))

    def result(self, name):
        detail = "\n    ".join(self) + ("\n    serial:\n    " + tail(self.log, 25) if self else "")
        return "disk." + name, not self, detail


def host_file_reaches_the_guest(kernel, initrd, work, qemu_extra):
    problems = Problems()
    image, host_file = os.path.join(work, "host-file.img"), os.path.join(work, HOST_FILE)
    disk_image.make_image(image)
    content = disk_image.pattern(HOST_FILE_SIZE, HOST_FILE_SEED)
    with open(host_file, "wb") as f:
        f.write(content)
    _, stderr = disk_image.debugfs(image, "write %s /%s" % (host_file, HOST_FILE), writable=True)
    if disk_image.debugfs_problem(stderr):
        problems.append("debugfs -w write: %s" % disk_image.debugfs_problem(stderr))
    problems.e2fsck_clean(image, "after debugfs wrote the file")
    if not problems and problems.boot(kernel, initrd, image, "disk_host_file %s %d %d" % (
            HOST_FILE, HOST_FILE_SIZE, HOST_FILE_SEED), qemu_extra):
        problems.e2fsck_clean(image, "after the guest's boot")
        problems.marked_clean(image, "after the guest powered off,")
        reply = "read %s: %d bytes, checksum %08x\n" % (HOST_FILE, HOST_FILE_SIZE, disk_image.checksum(content))
        problems.debugfs_cat(image, "/reply.txt", reply.encode())
    disk_image.remove(image)
    return problems.result("host_file_reaches_the_guest")


def file_types_on_the_image(image, problems):
    """debugfs's word for each kind of inode in TWO_BOOTS_TYPES is what boot 1 made."""
    for path, kind in TWO_BOOTS_TYPES:
        data, stderr = disk_image.debugfs(image, "stat " + path)
        text = data.decode("utf-8", "replace")
        if "Type: %s " % kind not in text:
            problems.append("debugfs stat %s: expected \"Type: %s\", got: %s" % (
                path, kind, disk_image.debugfs_problem(stderr) or tail(text, 2)))


def two_boots_keep_files_fifo_and_spool(kernel, initrd, work, qemu_extra):
    problems = Problems()
    image = os.path.join(work, "two-boots.img")
    disk_image.make_image(image)
    if problems.boot(kernel, initrd, image, "disk_two_boots write", qemu_extra):
        problems.e2fsck_clean(image, "after boot 1")
        problems.marked_clean(image, "after boot 1 powered off,")
        file_types_on_the_image(image, problems)
        path, size, seed = TWO_BOOTS_BIG
        problems.debugfs_cat(image, path, disk_image.pattern(size, seed))
        problems.debugfs_cat(image, "/spool/msg-before-reboot", SPOOL_TEXT)
        if problems.boot(kernel, initrd, image, "disk_two_boots check", qemu_extra):
            problems.e2fsck_clean(image, "after boot 2")
            problems.marked_clean(image, "after boot 2 powered off,")
    disk_image.remove(image)
    return problems.result("two_boots_keep_files_fifo_and_spool")


# Typed at the normal boot's shells (init without --run): the first line
# may lose its first byte while the serial port is set up, hence the empty
# line; the sleep lets the echo of the input end before commands write.
POWEROFF_SESSION = b"\nsleep 1\necho typed before poweroff > /home/typed.txt\npoweroff\n"


def poweroff_from_the_shell_marks_the_disk_clean(kernel, initrd, work, qemu_extra):
    """poweroff(1) at the shell of the normal boot: init turns the machine
    off with status 0, the disk is marked clean and holds what was typed."""
    problems = Problems()
    image = os.path.join(work, "poweroff.img")
    disk_image.make_image(image)
    status, timed_out, out = qemu_boot.boot(kernel, initrd, "serial=raw quiet panic=poweroff", BOOT_TIMEOUT,
                                            list(qemu_extra) + disk_image.drive_options(image),
                                            stdin_data=POWEROFF_SESSION)
    problems.log += "--- the normal boot, poweroff typed\n%s\n" % out
    if timed_out or status != 0:
        problems.append("the machine did not power off with status 0: %s" % (
            "timed out after %d s" % BOOT_TIMEOUT if timed_out else "status %s" % status))
    else:
        problems.marked_clean(image, "after poweroff,")
        problems.e2fsck_clean(image, "after poweroff")
        problems.debugfs_cat(image, "/typed.txt", b"typed before poweroff\n")
    disk_image.remove(image)
    return problems.result("poweroff_from_the_shell_marks_the_disk_clean")


def run_all(kernel, initrd, build, qemu_extra, crash_seeds=CRASH_SEEDS):
    """Every check; `qemu_extra` (run-tests' -icount options) for all boots
    but the crash test's, which runs in real time."""
    results = []
    with tempfile.TemporaryDirectory(prefix="disk-checks.", dir=build) as work:
        try:
            _, programs_initrd = qemu_boot.image_with_programs(kernel, initrd, work, PROGRAMS)
        except subprocess.CalledProcessError as error:
            return [("disk.programs_compile", False, tail(error.stderr or "", 25))]
        for check in (host_file_reaches_the_guest, two_boots_keep_files_fifo_and_spool,
                      poweroff_from_the_shell_marks_the_disk_clean):
            try:
                results.append(check(kernel, programs_initrd, work, qemu_extra))
            except (RuntimeError, OSError, subprocess.SubprocessError) as error:
                results.append(("disk." + check.__name__, False, str(error)))
        for seed in crash_seeds:
            results.append(crash_test.run_one(kernel, programs_initrd, work, seed))
    return results

