"""tools/profile_calls.py - which tests apply to a build profile.

A kernel built with PROFILE=core or PROFILE=ipc has only some subsystems
(kernel/subsystems/subsystem.h); the calls of the others answer ENOSYS. A
test program applies to a profile when every system call it contains is in
that profile's table: the numbers are read from the program itself (a
function with an `int $0x80`, the libc's inline wrappers of libc/syscall.h,
is taken to make every call whose number it moves into a register) and followed from _start through every function it can
reach (program_calls), so a program is left out if any path of it could
meet an ENOSYS. A test that runs programs of /bin ("/bin/epoll_chat" in its
text) takes their calls too.

    tools/profile_calls.py core build/core/test-root/tests/pipe_semantics
"""
import concurrent.futures
import os
import re
import struct
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CANCEL_POINT = 0x100          # SYSCALL_CANCEL_POINT, kernel/uapi/syscall.h
CALL_COUNT = 224              # SYSCALL_COUNT, kernel/uapi/syscall.h


def subsystems(profile):
    """The subsystems of a profile, as the Makefile lists them."""
    out = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT, "print-subsystems",
                          "PROFILE=" + profile], capture_output=True, text=True, check=True).stdout
    return out.split()


def defined_numbers():
    """Every number kernel/uapi/syscall.h gives a call."""
    with open(os.path.join(ROOT, "kernel", "uapi", "syscall.h")) as f:
        return set(int(n) for n in re.findall(r"#define SYS_\w+\s+(\d+)", f.read()))


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
    of every function reached through a direct call, a jump, an address
    taken as an immediate (a thread's start routine, a signal handler, an
    atexit function) or an address stored in its data (a table of
    functions, .init_array), which over-approximates what it runs."""
    text = subprocess.run([objdump, "-d", "--no-show-raw-insn", path], capture_output=True, text=True,
                          check=True).stdout
    starts, edges, numbers = {}, {}, {}
    constants, calling = {}, set()
    # the listing cut at each function's header: ADDRESS <NAME>:, then its
    # instructions, each regular expression run once over a function
    pieces = re.split(r"^([0-9a-f]+) <([^>]+)>:\n", text, flags=re.M)
    for at in range(1, len(pieces) - 2, 3):
        address, current, body = pieces[at], pieces[at + 1], pieces[at + 2]
        starts[int(address, 16)] = current
        numbers[current] = set()
        edges[current] = set(int(immediate or target, 16) for immediate, target in
                             re.findall(r"\$0x([0-9a-f]+)|(?:call|jmp|j\w+)[ \t]+([0-9a-f]+) <", body))
        # a function that makes system calls: every constant it moves into
        # a register that could be a call's number is taken for one, into
        # eax or any other, or into a local variable (syscall6 passes the
        # number through memory, below ebp): an over-approximation, as
        # some wrappers move the number through another register
        moved = re.findall(r"\bmovl?[ \t]+\$0x([0-9a-f]+),(?:%e(?:ax|bx|cx|dx|si|di|bp)|-0x[0-9a-f]+\(%ebp\))$",
                           body, re.M)
        constants[current] = set(int(value, 16) & ~CANCEL_POINT for value in moved
                                 if int(value, 16) & ~CANCEL_POINT < CALL_COUNT)
        if "int    $0x80" in body:
            calling.add(current)
    defined = defined_numbers()
    for function in calling:
        numbers[function] = constants[function] & defined
    # functions whose addresses sit in data (a table of workloads, of
    # handlers) are reached through it: every aligned word of the file
    # that is a function's address counts as a start
    sections = subprocess.run([objdump.replace("objdump", "readelf"), "-SW", path], capture_output=True,
                              text=True, check=True).stdout
    with open(path, "rb") as f:
        image = f.read()
    words = []
    for offset, size in re.findall(r"\s\.(?:data|rodata|init_array|fini_array)\S*\s+(?:PROGBITS|INIT_ARRAY|FINI_ARRAY)\s+[0-9a-f]+ ([0-9a-f]+) ([0-9a-f]+)",
                                   sections):
        chunk = image[int(offset, 16):int(offset, 16) + int(size, 16)]
        words += struct.unpack("<%dI" % (len(chunk) // 4), chunk[:len(chunk) // 4 * 4])
    found, seen = set(), set()
    todo = ["_start"] + [starts[w] for w in set(words) if w in starts]
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
        names = set(re.findall(rb"/bin/([a-z0-9_]+)(?![a-z0-9_])", f.read()))
    build = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(path))))
    found = (os.path.join(build, "root", "bin", n.decode()) for n in names)
    return [p for p in found if os.path.isfile(p)]


_program_calls = {}     # path -> program_calls(path): read once, however many profiles ask


def read_programs(paths, jobs=None):
    """Reads the calls of the programs at `paths`, and of the programs
    they name, a few at a time (objdump and readelf run outside Python's
    lock): a test run asks for ~400 programs for each profile, ~50 ms
    each. all_calls takes them from here after."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs or (os.cpu_count() or 1) + 1) as pool:
        list(pool.map(all_calls, paths))


def all_calls(path, seen=None):
    """The calls of a program and of every program it names, and theirs."""
    seen = set() if seen is None else seen
    seen.add(path)
    if path not in _program_calls:
        _program_calls[path] = program_calls(path)
    calls = set(_program_calls[path])
    for other in programs_named(path):
        if other not in seen:
            calls |= all_calls(other, seen)
    return calls


# Calls that exist in a profile but reach a subsystem it may lack through an
# argument (socket(AF_INET) is the sockets subsystem's call, the family is
# the network's; a disk_ test needs a disk): the tests of those mechanisms
# say so by their names, and any other test by a line of its source,
# `// needs: net` (tests/boot/NAME.c).
NAMED_NEEDS = {"net_": "net", "disk_": "disk"}


def declared_needs(name):
    """The subsystems a test's source says it needs (`// needs: a b`)."""
    source = os.path.join(ROOT, "tests", "boot", name + ".c")
    if not os.path.exists(source):
        return []
    with open(source) as f:
        found = re.search(r"^// needs: ([a-z_ ]+)", f.read(), re.M)
    return found.group(1).split() if found else []
_subsystems = {}


def applies(profile, path, numbers=None):
    """Does the program at `path`, with the programs it runs, use only
    calls of `profile`?"""
    if profile == "full":
        return True
    if profile not in _subsystems:
        _subsystems[profile] = subsystems(profile)
    name = os.path.basename(path)
    if any(name.startswith(prefix) and needed not in _subsystems[profile]
           for prefix, needed in NAMED_NEEDS.items()):
        return False
    if any(needed not in _subsystems[profile] for needed in declared_needs(name)):
        return False
    return all_calls(path) <= (numbers if numbers is not None else call_numbers(profile))


if __name__ == "__main__":
    profile, programs = sys.argv[1], sys.argv[2:]
    numbers = call_numbers(profile)
    for program in programs:
        missing = sorted(all_calls(program) - numbers)
        print("%-50s %s" % (os.path.basename(program), "applies" if not missing else "needs %s" % missing))
