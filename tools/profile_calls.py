"""tools/profile_calls.py - which tests apply to a build profile.

A kernel built with PROFILE=core or PROFILE=ipc has only some subsystems
(kernel/subsystems/subsystem.h); the calls of the others answer ENOSYS. A
test program applies to a profile when every system call it contains is in
that profile's table: the numbers are read from the program itself (each
`int $0x80` of the libc's inline wrappers, libc/syscall.h, is preceded by
`mov $N,%eax`) and followed from _start through every function it can
reach (program_calls), so a program is left out if any path of it could
meet an ENOSYS. A test that runs programs of /bin ("/bin/epoll_chat" in its
text) takes their calls too.

    tools/profile_calls.py core build/core/test-root/tests/pipe_semantics
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CANCEL_POINT = 0x100          # SYSCALL_CANCEL_POINT, kernel/uapi/syscall.h


def subsystems(profile):
    """The subsystems of a profile, as the Makefile lists them."""
    out = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT, "print-subsystems",
                          "PROFILE=" + profile], capture_output=True, text=True, check=True).stdout
    return out.split()


def call_numbers(profile):
    """The numbers of the system calls a kernel of `profile` has."""
    with open(os.path.join(ROOT, "kernel", "uapi", "syscall.h")) as f:
        numbers = dict(re.findall(r"#define SYS_(\w+)\s+(\d+)", f.read()))
    calls = set()
    for name in subsystems(profile):
        with open(os.path.join(ROOT, "kernel", "subsystems", name + ".c")) as f:
            calls.update(int(numbers[call]) for call in re.findall(r"SYSCALL_ROW\((\w+)\)", f.read()))
    return calls


def program_calls(path, objdump="i686-linux-gnu-objdump"):
    """The system-call numbers a program can reach from _start: the calls
    of every function reached through a direct call, a jump, or an address
    taken as an immediate (a thread's start routine, a signal handler, an
    atexit function), which over-approximates what it runs."""
    text = subprocess.run([objdump, "-d", "--no-show-raw-insn", path], capture_output=True, text=True,
                          check=True).stdout
    starts, edges, numbers = {}, {}, {}
    current, eax = None, None
    for line in text.splitlines():
        m = re.match(r"^([0-9a-f]+) <([^>]+)>:$", line)
        if m:
            current, eax = m.group(2), None
            starts[int(m.group(1), 16)] = current
            edges[current], numbers[current] = set(), set()
            continue
        if current is None or not line.startswith(" "):
            continue
        for target in re.findall(r"\$0x([0-9a-f]+)|(?:call|jmp|j\w+)\s+([0-9a-f]+) <", line):
            edges[current].add(int(target[0] or target[1], 16))
        # the number in eax at `int $0x80`: the last constant moved there
        # with nothing written to eax since
        m = re.search(r"\bmov\s+\$0x([0-9a-f]+),%eax$", line)
        if m:
            eax = int(m.group(1), 16)
        elif "int    $0x80" in line:
            if eax is not None:
                numbers[current].add(eax & ~CANCEL_POINT)
            eax = None
        elif re.search(r",%eax$|\bcall\b|%eax,%eax|\b(?:cltd|cwtl|lods)", line):
            eax = None
    found, seen, todo = set(), set(), ["_start"]
    while todo:
        function = todo.pop()
        if function in seen or function not in edges:
            continue
        seen.add(function)
        found |= numbers[function]
        todo.extend(starts[address] for address in edges[function] if address in starts)
    return found


def programs_named(path):
    """The programs of /bin a program names ("/bin/epoll_chat", to run it):
    the paths of their builds beside it (root/bin of the same build)."""
    with open(path, "rb") as f:
        names = set(re.findall(rb"/bin/([a-z0-9_]+)\x00", f.read()))
    build = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(path))))
    found = (os.path.join(build, "root", "bin", n.decode()) for n in names)
    return [p for p in found if os.path.isfile(p)]


def all_calls(path, seen=None):
    """The calls of a program and of every program it names, and theirs."""
    seen = set() if seen is None else seen
    seen.add(path)
    calls = program_calls(path)
    for other in programs_named(path):
        if other not in seen:
            calls |= all_calls(other, seen)
    return calls


def applies(profile, path, numbers=None):
    """Does the program at `path`, with the programs it runs, use only
    calls of `profile`?"""
    if profile == "full":
        return True
    return all_calls(path) <= (numbers if numbers is not None else call_numbers(profile))


if __name__ == "__main__":
    profile, programs = sys.argv[1], sys.argv[2:]
    numbers = call_numbers(profile)
    for program in programs:
        missing = sorted(all_calls(program) - numbers)
        print("%-50s %s" % (os.path.basename(program), "applies" if not missing else "needs %s" % missing))
