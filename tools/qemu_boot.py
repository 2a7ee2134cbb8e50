"""tools/qemu_boot.py - booting the kernel headless in QEMU, for the test
runner, tools/run-prog and the GDB test. QEMU's options come from the
Makefile (`make -s print-qemu-options`), the one place they are set."""
import os
import re
import shlex
import shutil
import subprocess
import tarfile
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def qemu_command():
    """The QEMU command and options of the Makefile, with QEMU_EXTRA."""
    out = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT, "print-qemu-options"],
                         capture_output=True, text=True, check=True).stdout
    return shlex.split(out.strip())


def iso_options(build):
    """How `make run` boots the ISO of `build` (the Makefile's ISO_OPTIONS:
    the CD and the boot order)."""
    out = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT, "B=" + build, "print-iso-options"],
                         capture_output=True, text=True, check=True).stdout
    return shlex.split(out.strip())


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
            info = tar.gettarinfo(binary, arcname="./bin/" + name)
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mode = 0o755
            with open(binary, "rb") as f:
                tar.addfile(info, f)
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


def boot(kernel, initrd, append, timeout, extra=(), stdin_data=None):
    """Boots `kernel` with `initrd` and command line `append`.
    Returns (kernel_status or None, timed_out, output_text)."""
    with StatusPort() as status_port:
        command = qemu_command() + ["-display", "none", "-serial", "stdio"] + status_port.options() + [
            "-monitor", "none", "-kernel", kernel, "-initrd", initrd, "-append", append] + list(extra)
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
