"""tools/gdb/kernel_commands.py - GDB commands that read the kernel's own
tables while the machine is stopped (sourced by tools/gdb/kernel.gdb).

    tasks                every task on all_tasks: its thread and process, state, what it waits on
    ipcs                 every IPC object (pipes, mailboxes, inboxes, System V and
                         POSIX queues, semaphores, shared memory, sockets) and its waiters
    task-bt TID          the kernel backtrace of a thread that is not running (a
                         pid names its process's first thread)
    task-bt -t TASK_ID   ... of any task (kernel tasks too)
    pagemap ADDR [PID]   how ADDR translates in the current (or PID's) page directory
    user-symbols PROG    load the symbols of one user program (they all overlap)
    user-break LOCATION  a breakpoint that stops only in the program of user-symbols
    $_process_is("sh")   true while the running process has that name
    $current_task        the task the CPU GDB looks at runs (C's current_task is
                         a macro: each CPU has its own, cpus[N].current)

It also teaches `bt` to cross a system call or interrupt into the code that
was interrupted (user mode included): see TrapFrameUnwinder below.

Reading memory and the kernel's lists is in kernel_memory.py, the `ipcs`
command in ipcs.py. Everything here reads memory and never writes it.
docs/debugging.md shows each command at work."""
import os
import struct
import sys

import gdb

# kernel_memory.py and ipcs.py sit beside this file
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kernel_memory import (KERNEL_BASE, MSG_ANY, c_string, first_thread, kernel_value, pointer,  # noqa: E402
                           process_with_pid, read_physical_u32, read_u32, state_name, string_at, task_list, unix_name,
                           task_pid, task_tid, task_who, thread_with_tid)
from ipcs import IpcsCommand, semaphore_name  # noqa: E402

try:
    from gdb.unwinder import Unwinder, register_unwinder
except ImportError:  # a GDB without Python unwinders: bt stays as it was
    Unwinder = None

TRAP_FRAME_WORDS = 17            # struct trap_frame up to eflags (arch/x86/trap_frame.h);
                                 # user_esp and user_ss follow only from user mode
FRAME_WORDS_BELOW_EIP = TRAP_FRAME_WORDS - 3   # eip, cs, eflags are its last three words
TRAP_FRAME_FIELDS = ("edi", "esi", "ebp", "pusha_esp", "ebx", "edx", "ecx", "eax", "ds", "es", "fs", "gs",
                     "trap_number", "error_code", "eip", "cs", "eflags", "user_esp", "user_ss")
MAX_FRAMES = 64

# System V objects begin with a struct ipc_object holding their id.
SYSV_DESCRIBERS = {"sysv_msgq_describe": ("msgqueue", "struct sysv_msgq"),
                   "sysv_sem_set_describe": ("semaphores", "struct sysv_sem_set")}

# Page table entry bits (arch/x86/paging.h).
PTE_FLAGS = [(0x001, "present"), (0x002, "writable"), (0x004, "user"), (0x008, "write-through"),
             (0x010, "cache-disabled"), (0x020, "accessed"), (0x040, "dirty"), (0x100, "global"),
             (0x200, "copy-on-write"), (0x400, "shared"), (0x800, "hidden")]
PDE_LARGE_PAGE = 0x080


# ------------------------------------------------------------ symbols

def function_names(address):
    """The functions whose code holds `address`, innermost first: more than
    one where the compiler inlined a function into its caller."""
    names = []
    try:
        block = gdb.block_for_pc(address)
        while block is not None and not block.is_static and not block.is_global:
            if block.function is not None and (not names or names[-1] != block.function.name):
                names.append(block.function.name)
            block = block.superblock
    except RuntimeError:
        pass
    return names


def symbol_name(address):
    """The function (or assembly label) containing `address`, or None."""
    names = function_names(address)
    if names:
        return names[0]
    text = gdb.execute("info symbol 0x%x" % address, to_string=True)
    if text.startswith("No symbol"):
        return None
    return text.split()[0]


def symbol_address(name):
    try:
        return pointer(gdb.parse_and_eval("&" + name))
    except gdb.error:
        return None


def describe_pc(address, is_return_address, symbols=True):
    """ '0xc0101234 in pipe_read () at kernel/ipc/pipe.c:142' """
    if not symbols:
        return "0x%08x in ?? ()" % address
    lookup = address - 1 if is_return_address else address
    names = function_names(lookup)
    name = names[0] if names else symbol_name(lookup) or "??"
    line = gdb.find_pc_line(lookup)
    where = ""
    if line.symtab is not None and line.line:
        where = " at %s:%d" % (line.symtab.filename, line.line)
    inlined = "  (inlined into %s)" % " <- ".join(names[1:]) if len(names) > 1 else ""
    return "0x%08x in %s ()%s%s" % (address, name, where, inlined)


# ------------------------------------------------------- what a task waits on

def describe_wait_object(task):
    """What a blocked task waits on, decoded as the kernel's describer would
    say it; the describer is a function pointer, recognised by its name.
    A thread in sys_futex_wait has none: its futex_wait.key, the physical
    address of a word in shared memory, says which POSIX semaphore; a word
    of the process's own memory (futex_wait.space set: a pthread_join, a
    mutex, a condition variable of its threads) is known by its virtual
    address. (Kernel tasks are no threads, and wait on no futex.)"""
    describer = pointer(task["wait_describe"])
    if describer == 0:
        if not pointer(task["process"]):
            return ""
        futex_wait = task.cast(gdb.lookup_type("struct thread").pointer())["futex_wait"]
        word = int(futex_wait["key"])
        if word == 0:
            return ""
        if pointer(futex_wait["space"]):
            return "a word of its own memory  [futex_key 0x%08x, private]" % word
        name = semaphore_name(word)
        return "%s  [futex_key 0x%08x]" % ("semaphore " + name if name else "an unnamed semaphore", word)
    address = pointer(task["wait_object"])
    name = symbol_name(describer) or "0x%x" % describer
    try:
        if name == "pipe_describe":
            pipe = task["wait_object"].cast(gdb.lookup_type("struct pipe").pointer())
            kind = "fifo" if pointer(pipe["fifo"]) else "pipe"
            text = "%s %d" % (kind, int(pipe["id"]))
        elif name == "mbox_describe":
            box = task["wait_object"].cast(gdb.lookup_type("struct mbox").pointer())
            text = "mailbox %s" % c_string(box["names"]["name"])
        elif name == "thread_id_describe":
            tid = struct.unpack("<i", struct.pack("<I", address))[0]   # a thread: a pid is its first
            thread = thread_with_tid(tid) if tid != MSG_ANY else None
            if tid == MSG_ANY:
                text = "any process"
            elif thread is not None and task_pid(thread["task"]) != tid:
                text = "thread %d" % tid
            else:
                text = "process %d" % tid
        elif name == "posix_mq_describe":
            queue = task["wait_object"].cast(gdb.lookup_type("struct posix_mq").pointer())
            text = "mqueue %s" % c_string(queue["names"]["name"])
        elif name == "socket_describe":
            socket = task["wait_object"].cast(gdb.lookup_type("struct socket").pointer())
            address_text = unix_name(socket["address"])
            text = "socket %s" % address_text if address_text else "socket #%d" % int(socket["id"])
        elif name in SYSV_DESCRIBERS:
            kind, type_name = SYSV_DESCRIBERS[name]
            queue = task["wait_object"].cast(gdb.lookup_type(type_name).pointer())
            text = "%s %d" % (kind, int(queue["object"]["id"]))
        else:
            return "%s(0x%08x)" % (name, address)
    except (gdb.error, gdb.MemoryError) as error:
        return "%s(0x%08x): %s" % (name, address, error)
    return "%s  [%s(0x%08x)]" % (text, name, address)


# ------------------------------------------------------------------ commands

class TasksCommand(gdb.Command):
    """List every task (all_tasks): id, its process's pid and its thread's
    tid (the threads of one process share the pid; the first one's tid is
    the pid; - for a kernel task), name, state, and for a blocked task the
    reason it gave and the object it waits on; for a running one, its CPU.
    * marks the one the CPU GDB looks at runs."""

    def __init__(self):
        super().__init__("tasks", gdb.COMMAND_DATA)

    def invoke(self, argument, from_tty):
        current = pointer(kernel_value("current_task"))
        print("  TASK   PID   TID  NAME             STATE       WAITS FOR")
        for task in task_list():
            pid, tid = task_pid(task), task_tid(task)
            state = state_name(task)
            waits = ""
            if state == "blocked":
                waits = string_at(task["wait_reason"])
                object_text = describe_wait_object(task)
                if object_text:
                    waits += "  on " + object_text
            elif state == "running":
                waits = "on CPU %d" % int(task["cpu"])   # which CPU runs it (docs/smp.md)
            print(("%s %4d %5s %5s  %-16s %-10s  %s" % (
                "*" if pointer(task) == current else " ", int(task["id"]), "-" if pid is None else pid,
                "-" if tid is None else tid, c_string(task["name"]), state, waits)).rstrip())


# ------------------------------------------------------------- page tables

def flag_names(entry, is_directory_entry):
    names = [name for bit, name in PTE_FLAGS if entry & bit]
    if is_directory_entry and entry & PDE_LARGE_PAGE:
        names.append("4MiB-page")
    if entry & 0x001 and not entry & 0x002:
        names.append("read-only")
    return " ".join(names)


def translate(directory, address):
    """Walks `directory` (a physical address) for `address`. Returns
    (physical or None, [(level, index, entry)])."""
    steps = []
    pde_index = address >> 22
    pde = read_physical_u32(directory + pde_index * 4)
    steps.append(("PDE", pde_index, pde))
    if not pde & 0x001:
        return None, steps
    if pde & PDE_LARGE_PAGE:
        return (pde & 0xFFC00000) + (address & 0x003FFFFF), steps
    pte_index = (address >> 12) & 0x3FF
    pte = read_physical_u32((pde & 0xFFFFF000) + pte_index * 4)
    steps.append(("PTE", pte_index, pte))
    if not pte & 0x001:
        return None, steps
    return (pte & 0xFFFFF000) + (address & 0xFFF), steps


def current_directory():
    """CR3 from QEMU's gdbstub, or else the running task's page directory."""
    try:
        return int(gdb.newest_frame().read_register("cr3")) & 0xFFFFF000, "CR3"
    except (gdb.error, ValueError, RuntimeError):
        task = kernel_value("current_task")
        return int(task["page_directory"]) & 0xFFFFF000, "current_task->page_directory"


class PagemapCommand(gdb.Command):
    """pagemap ADDR [PID]: how the virtual address ADDR translates, step by
    step, in the page directory loaded now (CR3) or in process PID's: the
    directory entry, the table entry, their flags (present, writable, user,
    copy-on-write = bit 9, shared = bit 10, hidden = bit 11: a PROT_NONE
    page that keeps its frame; PDE bit 7 = a 4 MiB page) and the physical
    address."""

    def __init__(self):
        super().__init__("pagemap", gdb.COMMAND_DATA)

    def invoke(self, argument, from_tty):
        words = gdb.string_to_argv(argument)
        if not words or len(words) > 2:
            raise gdb.GdbError("usage: pagemap ADDRESS [PID]")
        address = pointer(gdb.parse_and_eval(words[0])) & 0xFFFFFFFF
        if len(words) == 2:
            process = process_with_pid(int(words[1], 0))
            if process is None or pointer(process["threads"]) == 0:
                raise gdb.GdbError("no live process with pid %s" % words[1])
            directory = int(process["threads"]["task"]["page_directory"]) & 0xFFFFF000
            source = "pid %s's" % words[1]
        else:
            directory, source = current_directory()
        print("0x%08x in the page directory at physical 0x%08x (%s):" % (address, directory, source))
        physical, steps = translate(directory, address)
        for level, index, entry in steps:
            target = ""
            if entry & 0x001:
                if level == "PDE" and entry & PDE_LARGE_PAGE:
                    target = " -> 4 MiB page at 0x%08x" % (entry & 0xFFC00000)
                elif level == "PDE":
                    target = " -> page table at 0x%08x" % (entry & 0xFFFFF000)
                else:
                    target = " -> frame 0x%08x" % (entry & 0xFFFFF000)
            print("  %s[%4d] = 0x%08x  %s%s" % (level, index, entry,
                                               flag_names(entry, level == "PDE") or "not present", target))
        if physical is None:
            print("  not mapped: an access faults (the page fault handler decides what it means)")
        else:
            final = steps[-1][2]
            writable = all(entry & 0x002 for _, _, entry in steps)
            user = all(entry & 0x004 for _, _, entry in steps)
            notes = ["writable" if writable else "read-only", "user" if user else "kernel only"]
            if final & 0x200:
                notes.append("copy-on-write")
            if final & 0x400:
                notes.append("shared")
            print("  0x%08x -> physical 0x%08x (%s)" % (address, physical, ", ".join(notes)))


# -------------------------------------------------------------- backtraces

class TrapReturnPoints:
    """Where the entry stubs (arch/x86/trap_entry.asm) call into C. A C
    frame returning to one of these sits on a struct trap_frame, which holds
    the registers of the code that was interrupted. Inside syscall_entry,
    before its call, the frame is found by counting the pushes so far.
    (sysenter_entry, the libc's way in, builds the same frame and makes the
    same call, further down: it is read further.)"""

    def __init__(self):
        self.points = None
        self.syscall_pushes = None
        self.sysenter_prologue = (0, 0)

    def find(self):
        """{return address: how to find the trap frame from the stub's esp}"""
        if self.points is not None:
            return self.points
        # (read from the kernel's memory: before the kernel is loaded this
        # fails, and is tried again at the next stop)
        points = {}
        pushes = {}
        architecture = gdb.selected_inferior().architecture()
        for stub in ("trap_common", "syscall_entry", "return_to_user_with_work", "sysenter_entry",
                     "trap_common_locking", "syscall_entry_locking"):   # several CPUs
            start = symbol_address(stub)
            if start is None:
                continue
            pushed = 0
            # (far enough to reach syscall_entry.unknown's call from the
            # locking entry, past TAKE_THE_LOCK_UNLESS_MARKED)
            for instruction in architecture.disassemble(start, count=90 if stub == "sysenter_entry" else 60):
                text = instruction["asm"]
                after = instruction["addr"] + instruction["length"]
                if stub == "sysenter_entry" and text.replace(" ", "").startswith("addebp,0x8") \
                        and not self.sysenter_prologue[1]:
                    # until here ebp is still the stub's esp (trap_entry.asm)
                    self.sysenter_prologue = (start, instruction["addr"])
                if stub == "syscall_entry" and "syscall_table" not in text and pushed <= FRAME_WORDS_BELOW_EIP:
                    pushes[instruction["addr"]] = pushed
                if text.startswith("pusha"):
                    pushed += 8                       # the eight general registers
                elif text.startswith("push"):
                    pushed += 1
                if not text.startswith("call"):
                    continue
                # syscall_entry pushed six argument copies above the frame;
                # the others pushed the frame's address (push esp; call ...)
                points[after] = "above_arguments" if "eax" in text else "pushed_pointer"
        self.points = points
        self.syscall_pushes = pushes
        return points

    def frame_address(self, pc, stub_esp, read=read_u32):
        """The trap frame under a stub whose esp is `stub_esp` at `pc`."""
        kind = self.find().get(pc)
        if kind == "above_arguments":
            return stub_esp + 6 * 4
        if kind == "pushed_pointer":
            return read(stub_esp)
        if pc in self.syscall_pushes:
            # on entry esp points at the eip the CPU pushed
            pushed = self.syscall_pushes[pc]
            if pushed <= FRAME_WORDS_BELOW_EIP:
                return stub_esp - (FRAME_WORDS_BELOW_EIP - pushed) * 4
        return None


trap_return_points = TrapReturnPoints()


def read_trap_frame(address, read=read_u32):
    frame = {}
    for index, name in enumerate(TRAP_FRAME_FIELDS[:TRAP_FRAME_WORDS]):
        frame[name] = read(address + index * 4)
    if frame["cs"] & 3 == 3:
        frame["user_esp"] = read(address + TRAP_FRAME_WORDS * 4)
        frame["user_ss"] = read(address + (TRAP_FRAME_WORDS + 1) * 4)
    else:
        frame["user_esp"] = address + TRAP_FRAME_WORDS * 4   # where esp was before the trap
    return frame


def reader_for_directory(directory):
    """Reads words of another address space through its page tables."""
    def read(address):
        physical, _ = translate(directory, address)
        if physical is None:
            raise gdb.MemoryError("0x%08x is not mapped" % address)
        return read_physical_u32(physical)
    return read


def walk_frames(pc, ebp, stack_low, stack_high, directory, program):
    """Prints frames along the ebp chain from a return address `pc`; crosses
    trap frames into the interrupted code (user mode too, read through
    `directory`, named with symbols only if `program`'s are loaded)."""
    read = read_u32
    number = 0
    in_user = False
    symbols = True
    is_return = True
    while number < MAX_FRAMES:
        print("#%-2d %s" % (number, describe_pc(pc, is_return, symbols)))
        number += 1
        is_return = True
        if not in_user and not (stack_low <= ebp < stack_high):
            break
        if in_user and not (0 < ebp < KERNEL_BASE):
            break
        try:
            caller_pc = read(ebp + 4)
            caller_ebp = read(ebp)
        except gdb.MemoryError:
            print("    (frame at 0x%08x is unreadable)" % ebp)
            break
        if not in_user:
            frame_address = trap_return_points.frame_address(caller_pc, ebp + 8)
            if frame_address is not None:
                print("#%-2d %s" % (number, describe_pc(caller_pc, True)))
                number += 1
                frame = read_trap_frame(frame_address)
                from_user = frame["cs"] & 3 == 3
                what = ("system call %d" % frame["error_code"] if frame["trap_number"] == 0x80
                        else "trap %d" % frame["trap_number"])
                print("    --- %s from %s mode: eip=0x%08x esp=0x%08x ebp=0x%08x ---" % (
                    what, "user" if from_user else "kernel", frame["eip"], frame["user_esp"], frame["ebp"]))
                pc, ebp, is_return = frame["eip"], frame["ebp"], False
                if from_user:
                    in_user = True
                    read = reader_for_directory(directory)
                    symbols = program == UserSymbols.name
                    if not symbols:
                        print("    (user-symbols %s names these frames)" % program)
                continue
        if caller_pc == 0 or (caller_ebp != 0 and caller_ebp <= ebp):
            break
        pc, ebp = caller_pc, caller_ebp
        if not in_user and caller_ebp == 0:
            print("#%-2d %s" % (number, describe_pc(pc, True)))
            break


class TaskBacktraceCommand(gdb.Command):
    """task-bt TID | task-bt -t TASK_ID: the backtrace of a thread (a pid
    names its process's first thread), or of any task, that is not
    running, read from its kernel stack. switch_to_task left
    [ebp edi esi ebx return-address] at its saved_esp; from the saved ebp the
    frame-pointer chain leads back to the system call, and on through the
    trap frame into the user program (with its symbols: user-symbols)."""

    def __init__(self):
        super().__init__("task-bt", gdb.COMMAND_STACK)

    def invoke(self, argument, from_tty):
        words = gdb.string_to_argv(argument)
        task = None
        if len(words) == 2 and words[0] == "-t":
            for candidate in task_list():
                if int(candidate["id"]) == int(words[1], 0):
                    task = candidate
        elif len(words) == 1:
            thread = first_thread(int(words[0], 0))
            if thread is not None:
                task = thread["task"].address
        else:
            raise gdb.GdbError("usage: task-bt TID  or  task-bt -t TASK_ID")
        if task is None:
            raise gdb.GdbError("no such live task: %s" % argument)
        if pointer(task) == pointer(kernel_value("current_task")):
            print("task %d is the one running: its backtrace is `bt`" % int(task["id"]))
            gdb.execute("bt")
            return
        saved_esp = int(task["saved_esp"])
        stack_high = int(task["kernel_stack_top"])
        stack_low = pointer(task["kernel_stack"]) or stack_high - 8192
        saved = [read_u32(saved_esp + 4 * i) for i in range(5)]
        who = "" if task_pid(task) is None else ", " + task_who(task)
        print("task %d (%s%s), %s%s; switch_to_task saved at esp=0x%08x:" % (
            int(task["id"]), c_string(task["name"]), who, state_name(task),
            ": " + string_at(task["wait_reason"]) if state_name(task) == "blocked" else "", saved_esp))
        print("    ebp=0x%08x edi=0x%08x esi=0x%08x ebx=0x%08x return=0x%08x" % tuple(saved))
        program = c_string(task["process"]["name"]) if pointer(task["process"]) else None
        walk_frames(saved[4], saved[0], stack_low, stack_high, int(task["page_directory"]) & 0xFFFFF000,
                    program)


class FrameId:
    """What GDB needs to tell frames apart: the stack pointer and the start
    of the function."""

    def __init__(self, sp, pc):
        self.sp, self.pc = sp, pc


class TrapFrameUnwinder(Unwinder if Unwinder else object):
    """Lets `bt` continue past the entry stubs: the caller of a stub's frame
    is whatever the trap frame says was interrupted (the user program, for a
    system call). Without it GDB stops at syscall_entry."""

    def __init__(self):
        super().__init__("kernel trap frames")

    def __call__(self, pending_frame):
        pc = int(pending_frame.read_register("eip"))
        if pc < KERNEL_BASE:
            return None
        try:
            trap_return_points.find()
        except (gdb.error, gdb.MemoryError):
            return None
        esp = int(pending_frame.read_register("esp"))
        start, end = trap_return_points.sysenter_prologue
        if start <= pc < end:
            return self.caller_of_sysenter(pending_frame, pc)
        try:
            address = trap_return_points.frame_address(pc, esp)
            if address is None:
                return None
            frame = read_trap_frame(address)
        except gdb.MemoryError:
            return None
        pointer_type = gdb.lookup_type("unsigned int")
        code_pointer = gdb.lookup_type("void").pointer()
        stub = symbol_address(symbol_name(pc) or "") or pc
        info = pending_frame.create_unwind_info(
            FrameId(gdb.Value(esp).cast(code_pointer), gdb.Value(stub).cast(code_pointer)))
        info.add_saved_register("eip", gdb.Value(frame["eip"]).cast(code_pointer))
        info.add_saved_register("esp", gdb.Value(frame["user_esp"]).cast(code_pointer))
        for name in ("ebp", "ebx", "esi", "edi", "eax", "ecx", "edx"):
            info.add_saved_register(name, gdb.Value(frame[name]).cast(pointer_type))
        return info


    @staticmethod
    def caller_of_sysenter(pending_frame, pc):
        """Stopped in sysenter_entry before it has filled the frame: its
        caller is the libc's stub, whose ebp points at the address to return
        to and the caller's ebp, above which is the caller's esp."""
        ebp = int(pending_frame.read_register("ebp"))
        try:
            return_address, caller_ebp = read_u32(ebp), read_u32(ebp + 4)
        except gdb.MemoryError:
            return None
        pointer_type = gdb.lookup_type("unsigned int")
        code_pointer = gdb.lookup_type("void").pointer()
        info = pending_frame.create_unwind_info(
            FrameId(gdb.Value(ebp).cast(code_pointer), gdb.Value(pc).cast(code_pointer)))
        info.add_saved_register("eip", gdb.Value(return_address).cast(code_pointer))
        info.add_saved_register("esp", gdb.Value(ebp + 8).cast(code_pointer))
        info.add_saved_register("ebp", gdb.Value(caller_ebp).cast(pointer_type))
        for name in ("ebx", "esi", "edi", "eax", "ecx", "edx"):
            info.add_saved_register(name, pending_frame.read_register(name).cast(pointer_type))
        return info


# ------------------------------------------------------- user programs

class UserSymbols:
    """The one user program whose symbols are loaded (they all overlap at
    0x08048000, so only one at a time)."""
    path = None
    name = None


def build_directories():
    directories = []
    for objfile in gdb.objfiles():
        if objfile.filename and os.path.basename(objfile.filename) == "kernel.elf":
            directories.append(os.path.dirname(objfile.filename))
    directories.append(os.path.join(os.getcwd(), "build"))
    return directories


def find_program(name):
    if os.path.isfile(name):
        return os.path.abspath(name)
    for build in build_directories():
        for folder in ("debug/root/bin", "root/bin", "test-root/tests"):
            path = os.path.join(build, folder, name)
            if os.path.isfile(path):
                return path
    return None


class UserSymbolsCommand(gdb.Command):
    """user-symbols PROGRAM: load the symbols of build/root/bin/PROGRAM (or
    test-root/tests/PROGRAM, or a path), after unloading the previous program's.
    Every user program is linked at 0x08048000, so only one can be loaded."""

    def __init__(self):
        super().__init__("user-symbols", gdb.COMMAND_FILES, gdb.COMPLETE_FILENAME)

    def invoke(self, argument, from_tty):
        words = gdb.string_to_argv(argument)
        if len(words) != 1:
            raise gdb.GdbError("usage: user-symbols PROGRAM   (a name in build/root/bin, or a path)")
        path = find_program(words[0])
        if path is None:
            raise gdb.GdbError("no program %s in build/root/bin, build/test-root/tests or build/debug/root/bin"
                               % words[0])
        if UserSymbols.path:
            gdb.execute("remove-symbol-file %s" % UserSymbols.path, to_string=True)
        gdb.execute("add-symbol-file %s" % path, to_string=True)
        UserSymbols.path = path
        UserSymbols.name = os.path.basename(path)[:15]     # a process name has 16 bytes
        print("symbols of %s loaded (user-break LOCATION stops only in process \"%s\")"
              % (path, UserSymbols.name))


class ProcessIsFunction(gdb.Function):
    """$_process_is("NAME"): 1 when the running task belongs to a process of
    that name (the program it last exec'ed), else 0. For breakpoint
    conditions: every user program uses the same addresses."""

    def __init__(self):
        super().__init__("_process_is")

    def invoke(self, name):
        task = kernel_value("current_task")
        if pointer(task) == 0 or pointer(task["process"]) == 0:
            return 0
        return int(c_string(task["process"]["name"]) == name.string())


class UserBreakCommand(gdb.Command):
    """user-break LOCATION: `break LOCATION` that stops only while the
    program loaded by user-symbols runs (other programs use the same addresses)."""

    def __init__(self):
        super().__init__("user-break", gdb.COMMAND_BREAKPOINTS, gdb.COMPLETE_LOCATION)

    def invoke(self, argument, from_tty):
        if not UserSymbols.name:
            raise gdb.GdbError("load a program first: user-symbols PROGRAM")
        gdb.execute('break %s if $_process_is("%s")' % (argument, UserSymbols.name))


def set_current_task(*unused):
    """Before each prompt: $current_task, the running task of the CPU
    (GDB thread) looked at, so that `p $current_task->name` works."""
    try:
        gdb.set_convenience_variable("current_task", kernel_value("current_task"))
    except (gdb.error, RuntimeError):
        pass                             # not stopped yet, or no symbols


TasksCommand()
IpcsCommand()
PagemapCommand()
TaskBacktraceCommand()
UserSymbolsCommand()
UserBreakCommand()
ProcessIsFunction()
gdb.events.before_prompt.connect(set_current_task)
if Unwinder:
    register_unwinder(None, TrapFrameUnwinder(), replace=True)
