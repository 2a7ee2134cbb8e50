"""tools/gdb/kernel_memory.py - reading the stopped kernel's memory and
walking its lists of tasks and processes, for the GDB commands
(kernel_commands.py, ipcs.py). Everything here only reads."""
import struct

import gdb

KERNEL_BASE = 0xC0000000         # the direct map: physical p is at p + KERNEL_BASE
DIRECT_MAP_LIMIT = 0x40000000    # (kernel/mm/memory_layout.h)
MAX_PROCESSES = 64               # kernel/proc/process.h
MSG_ANY = -1
MAX_LIST = 1024                  # a list longer than this is corrupt (or a cycle)


# ------------------------------------------------------------ reading memory

def inferior():
    return gdb.selected_inferior()


def read_u32(address):
    return struct.unpack("<I", bytes(inferior().read_memory(address, 4)))[0]


def read_physical_u32(physical):
    """A word of physical memory, read through the kernel's direct map."""
    if physical >= DIRECT_MAP_LIMIT:
        raise gdb.GdbError("physical 0x%08x is beyond the direct map" % physical)
    return read_u32(KERNEL_BASE + physical)


# The running task is per CPU (arch/x86/per_cpu.h): `current_task` in C
# is the task of the CPU that runs the code, cpus[N].current. GDB shows
# each CPU as a thread, numbered from 1: $_thread is the one looked at.
CURRENT_TASK = "cpus[$_thread - 1].current"


def kernel_value(name, source_file=None):
    """A kernel variable; `source_file` names the file of a static one, so
    that a user program's symbol of the same name cannot hide it.
    "current_task" is the task of the CPU GDB looks at."""
    if name == "current_task":
        return gdb.parse_and_eval(CURRENT_TASK)
    if source_file:
        try:
            return gdb.parse_and_eval("'%s'::%s" % (source_file, name))
        except gdb.error:
            pass
    return gdb.parse_and_eval(name)


def pointer(value):
    return int(value.cast(gdb.lookup_type("unsigned long")))


def read_c_string(address, limit=64):
    """The NUL-terminated string at `address` (at most `limit` bytes), read
    without crossing into a page that may not be mapped."""
    text = b""
    while len(text) < limit:
        chunk = min(limit - len(text), 4096 - (address + len(text)) % 4096)
        data = bytes(inferior().read_memory(address + len(text), chunk))
        if b"\0" in data:
            return (text + data.split(b"\0")[0]).decode("utf-8", "replace")
        text += data
    return text.decode("utf-8", "replace")


def c_string(array):
    """A char array member (a task's or a process's name)."""
    try:
        return read_c_string(pointer(array.address), array.type.sizeof)
    except (gdb.error, gdb.MemoryError):
        return "?"


def unix_name(name):
    """A local socket's struct unix_name as socket_describe prints it: its
    path, "@" and the rest for an abstract name (first byte NUL), or ""
    when it has none (kernel/ipc/socket_internal.h)."""
    try:
        length = int(name["length"])
        if length == 0:
            return ""
        data = bytes(int(name["bytes"][i]) & 0xff for i in range(length))
    except (gdb.error, gdb.MemoryError):
        return "?"
    if data[0] == 0:
        return "@" + data[1:].decode("latin-1")
    return data.split(b"\0")[0].decode("latin-1")


def string_at(char_pointer):
    if pointer(char_pointer) == 0:
        return ""
    try:
        return read_c_string(pointer(char_pointer))
    except (gdb.error, gdb.MemoryError):
        return "<unreadable 0x%x>" % pointer(char_pointer)


# ------------------------------------------------------------- kernel tables

def task_list():
    """Every live task, following all_tasks through all_next."""
    task = kernel_value("all_tasks")
    for _ in range(MAX_LIST):
        if pointer(task) == 0:
            return
        yield task
        task = task["all_next"]
    raise gdb.GdbError("all_tasks is longer than %d: a cycle?" % MAX_LIST)


def process_table():
    return kernel_value("process_table", "kernel/proc/process.c")


def live_processes():
    table = process_table()
    for slot in range(MAX_PROCESSES):
        process = table[slot]
        if str(process["state"]) != "PROCESS_FREE":
            yield process


def process_with_pid(pid):
    for process in live_processes():
        if int(process["pid"]) == pid:
            return process
    return None


def live_threads():
    """Every live thread (kernel/proc/thread.h's thread_table), in slot order."""
    table = kernel_value("thread_table", "kernel/proc/thread.c")
    for slot in range(table.type.range()[1] + 1):
        thread = table[slot]
        if pointer(thread) and int(thread["tid"]) > 0:
            yield thread


def thread_with_tid(tid):
    """The live thread with this tid (a pid names its process's first
    thread), or None."""
    for thread in live_threads():
        if int(thread["tid"]) == tid:
            return thread
    return None


def first_thread(pid):
    """The thread `task-bt PID` means: the one whose tid is the pid, or,
    once that one has ended, the first of the process's others; None."""
    thread = thread_with_tid(pid)
    if thread is not None:
        return thread
    process = process_with_pid(pid)
    if process is None or pointer(process["threads"]) == 0:
        return None
    return process["threads"]


def task_pid(task):
    process = task["process"]
    return int(process["pid"]) if pointer(process) else None


def task_tid(task):
    """The tid of a user task (a struct thread begins with its struct
    task: kernel/proc/thread.h), None for a kernel task."""
    if not pointer(task["process"]):
        return None
    return int(task.cast(gdb.lookup_type("struct thread").pointer())["tid"])


def task_who(task):
    """'pid 3', 'pid 12 tid 14' for a thread that is not its process's
    first, 'task 2' for a kernel task."""
    pid, tid = task_pid(task), task_tid(task)
    if pid is None:
        return "task %d" % int(task["id"])
    return "pid %d" % pid if tid == pid else "pid %d tid %d" % (pid, tid)


def state_name(task):
    return str(task["state"]).replace("TASK_", "").lower()


def queue_waiters(queue):
    """The tasks on a struct wait_queue, first to last."""
    waiters = []
    task = queue["first"]
    while pointer(task) and len(waiters) < MAX_LIST:
        waiters.append(task)
        task = task["wait_next"]
    return waiters


def task_names(tasks, count=None):
    """'0', or '2 (pid 3, pid 12 tid 14)': `count` (or how many) and who."""
    count = len(tasks) if count is None else count
    if count == 0:
        return "0"
    return "%d (%s)" % (count, ", ".join(task_who(task) for task in tasks))


def waiter_names(queue):
    return task_names(queue_waiters(queue), int(queue["length"]))


def list_entries(list_value, type_name, member):
    """The objects on a struct list (kernel/lib/list.h), first to last, at
    most MAX_LIST: each node is the `member` of a `type_name`, so the
    object starts that member's offset before the node."""
    object_type = gdb.lookup_type(type_name)
    offset = next(field.bitpos for field in object_type.fields() if field.name == member) // 8
    head = int(list_value["head"].address)
    node = list_value["head"]["next"]
    objects = []
    while int(node) != head and len(objects) < MAX_LIST:
        objects.append(gdb.Value(int(node) - offset).cast(object_type.pointer()).dereference())
        node = node["next"]
    return objects
