"""tools/gdb/ipcs.py - GDB's `ipcs`: the IPC objects in the kernel's own
tables, each with who waits on it (sourced through kernel_commands.py).
Everything here only reads memory."""
import gdb

from kernel_memory import MAX_LIST, MSG_ANY, c_string, kernel_value, live_processes, pointer, waiter_names

MAX_MAILBOXES = 64               # kernel/ipc/mailbox.h
MBOX_UNBOUNDED = 0xFFFFFFFF


class IpcsCommand(gdb.Command):
    """List the IPC objects the kernel holds: pipes and FIFOs (all_pipes),
    mailboxes (mailbox.c's table), processes' message inboxes, System V
    message queues and semaphore sets, each with who waits on it."""

    def __init__(self):
        super().__init__("ipcs", gdb.COMMAND_DATA)

    def invoke(self, argument, from_tty):
        self.pipes()
        self.mailboxes()
        self.inboxes()
        self.system_v("Message queues (msgq.c queue_table):",
                      "    ID        KEY  MESSAGES  BYTES  SENDERS WAITING        RECEIVERS WAITING",
                      "queue_table", "kernel/ipc/msgq.c", "struct msg_queue", self.message_queue_line)
        self.system_v("Semaphore sets (sem.c set_table):", "    ID        KEY  WAITING (pids)  VALUES",
                      "set_table", "kernel/ipc/sem.c", "struct semaphore_set", self.semaphore_set_line)

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
    def semaphore_set_line(semaphore_set):
        waiting = []
        waiter = semaphore_set["waiters"]
        while pointer(waiter) and len(waiting) < MAX_LIST:
            waiting.append(str(int(waiter["pid"])))
            waiter = waiter["next"]
        values = [str(int(semaphore_set["semaphores"][i]["value"])) for i in range(int(semaphore_set["count"]))]
        return "  %4d  %9d  %-14s  %s" % (int(semaphore_set["object"]["id"]), int(semaphore_set["object"]["key"]),
                                         "%d (%s)" % (len(waiting), ", ".join(waiting)) if waiting else "0",
                                         " ".join(values))

    def pipes(self):
        print("Pipes and FIFOs (all_pipes):")
        print("    ID  KIND  BYTES  READERS  WRITERS  WAITING TO READ        WAITING TO WRITE")
        pipe = kernel_value("all_pipes", "kernel/ipc/pipe.c")
        count = 0
        while pointer(pipe) and count < MAX_LIST:
            print("  %4d  %-4s  %5d  %7d  %7d  %-21s  %s" % (
                int(pipe["id"]), "fifo" if pointer(pipe["fifo"]) else "pipe", int(pipe["count"]),
                int(pipe["readers"]), int(pipe["writers"]),
                waiter_names(pipe["readable"]), waiter_names(pipe["writable"])))
            pipe = pipe["list_next"]
            count += 1
        if count == 0:
            print("  (none)")

    def mailboxes(self):
        print("Mailboxes (mailbox.c table):")
        print("  NAME              CAPACITY    HELD  SENDERS WAITING        RECEIVERS WAITING")
        table = kernel_value("table", "kernel/ipc/mailbox.c")
        count = 0
        for slot in range(MAX_MAILBOXES):
            box = table[slot]
            if pointer(box) == 0:
                continue
            capacity = int(box["capacity"])
            capacity_text = ("unbounded" if capacity == MBOX_UNBOUNDED else
                             "rendezvous" if capacity == 0 else str(capacity))
            print("  %-16s  %-10s  %4d  %-21s  %s" % (
                c_string(box["name"]), capacity_text, int(box["count"]),
                waiter_names(box["senders"]), waiter_names(box["receivers"])))
            count += 1
        if count == 0:
            print("  (none)")

    def inboxes(self):
        print("Message inboxes (process table):")
        print("   PID  NAME              INBOX  SENDERS WAITING        DOING")
        count = 0
        for process in live_processes():
            if str(process["state"]) != "PROCESS_ALIVE":
                continue
            port = process["message_port"]
            doing = []
            receiving = int(port["receiving_from"])
            if receiving:
                doing.append("receiving from " + ("any process" if receiving == MSG_ANY
                                                  else "pid %d" % receiving))
            if int(port["sending_to"]):
                doing.append("sending to pid %d" % int(port["sending_to"]))
            if int(port["awaiting_reply_from"]):
                doing.append("awaiting the reply of pid %d" % int(port["awaiting_reply_from"]))
            if not int(port["inbox_count"]) and not int(port["senders"]["length"]) and not doing:
                continue
            print("  %4d  %-16s  %5d  %-21s  %s" % (
                int(process["pid"]), c_string(process["name"]), int(port["inbox_count"]),
                waiter_names(port["senders"]), ", ".join(doing)))
            count += 1
        if count == 0:
            print("  (none in use)")
