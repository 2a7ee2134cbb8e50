"""tools/gdb/ipcs.py - GDB's `ipcs`: the IPC objects in the kernel's own
tables, each with who waits on it (sourced through kernel_commands.py):
every kind the shell's ipcs lists (kernel/kinfo.c), and the POSIX
semaphores, which the shell's does not. Everything here only reads memory."""
import collections
import struct

import gdb

from kernel_memory import (MAX_LIST, MSG_ANY, c_string, kernel_value, list_entries, live_processes, live_threads, pointer,
                           queue_waiters, read_physical_u32, task_names, unix_name, waiter_names)

MBOX_UNBOUNDED = 0xFFFFFFFF
MESSAGE_RECEIVING, MESSAGE_SENDING, MESSAGE_AWAITING_REPLY = 1, 2, 4   # kernel/ipc/msg.h
SOCK_DGRAM = 2                   # kernel/uapi/socket.h
SOCKET_STREAM_BUFFER = 16384     # kernel/ipc/socket_internal.h
SOCKET_DATAGRAM_QUEUE = 16
SEMAPHORE_FILE_PREFIX = "sem."   # sem_open("/name") is the file /dev/shm/sem.name (libc/semaphore/named.c)
SEM_T_SIZE = 8                   # sem_t: int value, int waiters (libc/include/semaphore.h)


class IpcsCommand(gdb.Command):
    """List the IPC objects the kernel holds, each with who waits on it:
    pipes and FIFOs (all_pipes), mailboxes (mbox.c's mbox_names),
    processes' message inboxes, System V message queues, semaphore sets and
    shared memory segments, POSIX message queues (queue_names), POSIX semaphores
    (the files of /dev/shm, and every word a process waits on in
    sys_futex_wait), and sockets (socket_all)."""

    def __init__(self):
        super().__init__("ipcs", gdb.COMMAND_DATA)

    def invoke(self, argument, from_tty):
        self.pipes()
        self.mailboxes()
        self.inboxes()
        self.system_v("Message queues (sysv_msgq.c queue_table):",
                      "    ID        KEY  MESSAGES  BYTES  SENDERS WAITING        RECEIVERS WAITING",
                      "queue_table", "kernel/ipc/sysv_msgq.c", "struct sysv_msgq", self.message_queue_line)
        self.system_v("Semaphore sets (sysv_sem.c set_table):", "    ID        KEY  WAITING (pids)  VALUES",
                      "set_table", "kernel/ipc/sysv_sem.c", "struct sysv_sem_set", self.sysv_sem_set_line)
        self.shared_memory()
        self.posix_queues()
        self.posix_semaphores()
        self.sockets()

    def system_v(self, title, header, table_name, source_file, type_name, line):
        """A System V table: its objects, whose first member is a struct
        ipc_object. Skipped for a kernel without that table."""
        try:
            table = kernel_value(table_name, source_file)
            object_type = gdb.lookup_type(type_name).pointer()
        except gdb.error:
            return
        print(title)
        print(header)
        slots = table["slots"]
        objects = [slots[slot].cast(object_type)
                   for slot in range(min(int(table["capacity"]), slots.type.range()[1] + 1))
                   if pointer(slots[slot])]
        for ipc_object in objects:
            print(line(ipc_object))
        if not objects:
            print("  (none)")

    @staticmethod
    def message_queue_line(queue):
        return "  %4d  %9d  %8d  %5d  %-21s  %s" % (
            int(queue["object"]["id"]), int(queue["object"]["key"]), int(queue["message_count"]),
            int(queue["bytes_queued"]), waiter_names(queue["senders"]), waiter_names(queue["receivers"]))

    @staticmethod
    def sysv_sem_set_line(sysv_sem_set):
        waiting = [str(int(waiter["pid"]))
                   for waiter in list_entries(sysv_sem_set["waiters"], "struct semop_waiter", "link")]
        values = [str(int(sysv_sem_set["semaphores"][i]["value"])) for i in range(int(sysv_sem_set["count"]))]
        return "  %4d  %9d  %-14s  %s" % (int(sysv_sem_set["object"]["id"]), int(sysv_sem_set["object"]["key"]),
                                         "%d (%s)" % (len(waiting), ", ".join(waiting)) if waiting else "0",
                                         " ".join(values))

    def pipes(self):
        print("Pipes and FIFOs (all_pipes):")
        print("    ID  KIND  BYTES  READERS  WRITERS  WAITING TO READ        WAITING TO WRITE")
        pipes = list_entries(kernel_value("all_pipes", "kernel/ipc/pipe.c"), "struct pipe", "link")
        for pipe in pipes:
            print("  %4d  %-4s  %5d  %7d  %7d  %-21s  %s" % (
                int(pipe["id"]), "fifo" if pointer(pipe["fifo"]) else "pipe", int(pipe["ring"]["count"]),
                int(pipe["readers"]), int(pipe["writers"]),
                waiter_names(pipe["readable"]), waiter_names(pipe["writable"])))
        if not pipes:
            print("  (none)")

    def mailboxes(self):
        print("Mailboxes (mbox.c mbox_names):")
        print("  NAME              CAPACITY    HELD  SENDERS WAITING        RECEIVERS WAITING")
        # a mailbox is on the registry's list by its `names` member, whose
        # first field is the list node (kernel/ipc/ipc_names.h)
        boxes = list_entries(kernel_value("mbox_names", "kernel/ipc/mbox.c")["objects"],
                             "struct mbox", "names")
        for box in boxes:
            capacity = int(box["capacity"])
            capacity_text = ("unbounded" if capacity == MBOX_UNBOUNDED else
                             "rendezvous" if capacity == 0 else str(capacity))
            name = c_string(box["names"]["name"]) + ("" if int(box["names"]["named"]) else " (unlinked)")
            print("  %-16s  %-10s  %4d  %-21s  %s" % (
                name, capacity_text, int(box["count"]),
                waiter_names(box["senders"]), waiter_names(box["receivers"])))
        if not boxes:
            print("  (none)")

    def inboxes(self):
        print("Message inboxes (thread table; a pid is its process's first thread):")
        print("   TID  NAME              INBOX  SENDERS WAITING        DOING")
        count = 0
        for thread in live_threads():
            process = thread["task"]["process"]
            port = thread["msg_port"]
            doing = []
            waiting, peer = int(port["waiting"]), int(port["peer"])   # enum message_wait flags
            if waiting & MESSAGE_RECEIVING:
                doing.append("receiving from " + ("any process" if peer == MSG_ANY else "pid %d" % peer))
            if waiting & MESSAGE_SENDING:
                doing.append("sending to pid %d" % peer)
            if waiting & MESSAGE_AWAITING_REPLY:
                doing.append("awaiting the reply of pid %d" % peer)
            if not int(port["inbox_count"]) and not int(port["senders"]["length"]) and not doing:
                continue
            print("  %4d  %-16s  %5d  %-21s  %s" % (
                int(thread["tid"]), c_string(process["name"]), int(port["inbox_count"]),
                waiter_names(port["senders"]), ", ".join(doing)))
            count += 1
        if count == 0:
            print("  (none in use)")

    def shared_memory(self):
        print("Shared memory segments (sysv_shm.c segments):")
        print("    ID        KEY   BYTES  ATTACHED  CREATOR  LAST PID")
        try:
            segments = kernel_value("segments", "kernel/ipc/sysv_shm.c")
        except gdb.error:
            return
        count = 0
        for slot in range(segments.type.range()[1] + 1):
            segment = segments[slot]
            if not int(segment["in_use"]):
                continue
            print("  %4d  %9d  %6d  %8d  %7d  %8d%s" % (
                int(segment["id"]), int(segment["key"]), int(segment["size"]), int(segment["attaches"]),
                int(segment["creator_pid"]), int(segment["last_pid"]),
                "  (removed: freed at the last detach)" if int(segment["removed"]) else ""))
            count += 1
        if count == 0:
            print("  (none)")

    def posix_queues(self):
        print("POSIX message queues (posix_mq.c queue_names):")
        print("  NAME              MESSAGES    MAX  OPEN  SENDERS WAITING        RECEIVERS WAITING")
        try:
            queues = list_entries(kernel_value("queue_names", "kernel/ipc/posix_mq.c")["objects"],
                                  "struct posix_mq", "names")
        except gdb.error:
            return
        for queue in queues:
            names = queue["names"]
            name = c_string(names["name"]) + ("" if int(names["named"]) else " (unlinked)")
            print("  %-16s  %8d  %5d  %4d  %-21s  %s" % (
                name, int(queue["count"]), int(queue["max_messages"]), int(names["references"]),
                waiter_names(queue["senders"]), waiter_names(queue["receivers"])))
        if not queues:
            print("  (none)")

    def posix_semaphores(self):
        """Named ones from their files; then every futex word someone waits
        on that is no named semaphore's: an unnamed semaphore (sem_init in
        shared memory), or a named one unlinked since. An unnamed semaphore
        nobody waits on is only memory: the kernel does not know it."""
        print("POSIX semaphores (named: the files /dev/shm/sem.*; waiting: futex.c buckets):")
        print("  NAME              VALUE  WORD (physical)  WAITING (pids)")
        waits = futex_waits()
        count = 0
        for name, word in named_semaphores():
            value = "?" if word is None else str(signed(read_physical_u32(word)))
            print("  %-16s  %5s  %-15s  %s" % (name, value, "-" if word is None else "0x%08x" % word,
                                               task_names(waits.pop(word, []))))
            count += 1
        for word, tasks in waits.items():
            print("  %-16s  %5d  0x%08x       %s" % ("(unnamed)", signed(read_physical_u32(word)), word,
                                                    task_names(tasks)))
            count += 1
        if count == 0:
            print("  (none named, nobody waiting)")

    def sockets(self):
        print("Sockets (socket.c socket_all):")
        print("    ID  TYPE    STATE        ADDRESS               PEER      HELD  RECEIVERS WAITING      SENDERS WAITING")
        try:
            sockets = list_entries(kernel_value("socket_all", "kernel/ipc/socket.c"), "struct socket", "link")
        except gdb.error:
            return
        count = 0
        for socket in sockets:
            if not int(socket["closed"]):     # closed: only a peer's pointer keeps it (as kinfo.c skips it)
                print(self.socket_line(socket))
                count += 1
        if count == 0:
            print("  (none)")

    @staticmethod
    def socket_line(socket):
        state = str(socket["state"]).replace("SOCKET_", "").lower()
        datagram = int(socket["type"]) == SOCK_DGRAM
        if state == "listening":
            held = "%d/%d" % (int(socket["pending_count"]), int(socket["backlog"]) + 1)
        elif datagram:
            held = "%d/%d" % (int(socket["datagram_count"]), SOCKET_DATAGRAM_QUEUE)
        else:
            held = "%d/%d" % (int(socket["received"]["count"]), SOCKET_STREAM_BUFFER)
        peer = socket["peer"]
        return "  %4d  %-6s  %-11s  %-20s  %4s  %8s  %-21s  %s" % (
            int(socket["id"]), "dgram" if datagram else "stream", state, unix_name(socket["address"]) or "-",
            int(peer["id"]) if pointer(peer) else "-", held,
            waiter_names(socket["readable"]), waiter_names(socket["writable"]))


def signed(word):
    return struct.unpack("<i", struct.pack("<I", word))[0]


def futex_waits():
    """{physical address of a word: [tasks waiting on it, first first]},
    from futex.c's hashed wait queues (each waiting thread's
    futex_wait.key is its word): the words of shared memory only, where
    semaphores between processes live (a word of a process's own memory,
    futex_wait.space set, is its threads' business: `tasks` shows it)."""
    waits = collections.OrderedDict()
    try:
        buckets = kernel_value("buckets", "kernel/ipc/futex.c")
    except gdb.error:
        return waits
    for index in range(buckets.type.range()[1] + 1):
        for task in queue_waiters(buckets[index]):
            wait = task.cast(gdb.lookup_type("struct thread").pointer())["futex_wait"]
            key = int(wait["key"])
            if key and not pointer(wait["space"]):
                waits.setdefault(key, []).append(task)
    return waits


def directory_entries(directory):
    entry = directory["entries"]
    count = 0
    while pointer(entry) and count < MAX_LIST:
        yield c_string(entry["name"]), entry["inode"]
        entry = entry["next"]
        count += 1


def lookup(path):
    """The inode at an absolute path, or None."""
    inode = kernel_value("root", "kernel/fs/vfs.c")
    for component in path.strip("/").split("/"):
        inode = next((child for name, child in directory_entries(inode) if name == component), None)
        if inode is None:
            return None
    return inode


def named_semaphores():
    """[(name, physical address of its sem_t or None)] for each file
    /dev/shm/sem.NAME: the semaphore "/NAME". Its word is the first of the
    file's first page, the page every sem_open maps."""
    semaphores = []
    directory = lookup("/dev/shm")
    if directory is None:
        return semaphores
    for name, inode in directory_entries(directory):
        if not name.startswith(SEMAPHORE_FILE_PREFIX):
            continue
        contents = inode["contents"]
        word = None
        if int(inode["size"]) >= SEM_T_SIZE and pointer(contents) and int(contents["page_count"]) > 0:
            first = contents["pages"][0]      # the pairs are sorted: page 0 first, if it has a frame
            word = int(first["frame"]) if int(first["index"]) == 0 else None
        semaphores.append(("/" + name[len(SEMAPHORE_FILE_PREFIX):], word))
    return semaphores


def semaphore_name(word):
    """'/NAME' for the word of a named semaphore, else None."""
    return next((name for name, named_word in named_semaphores() if named_word == word), None)
