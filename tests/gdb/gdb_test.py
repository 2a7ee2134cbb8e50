"""tests/gdb/gdb_test.py - the GDB commands of tools/gdb/kernel_commands.py,
checked against a real GDB and a real kernel.

tests/gdb/blocker.c is compiled and added to a copy of the boot image; the
kernel boots with /bin/init running it, stopped (-S) with a GDB server. GDB
(batch mode, tools/gdb/kernel.gdb) loads the program's symbols, stops at
its main, then in sys_getppid, when nine children are blocked, on a pipe,
a mailbox, a message, System V and POSIX message queues, a named and an
unnamed POSIX semaphore and two sockets, a tenth has three threads each
blocked on something else, and a shared memory segment is attached;
there it runs each command and this file checks what they printed.

    run_all(kernel, initrd, qemu_command) -> [(name, passed, detail)]

`qemu_command` is QEMU and its options (a list, or one string), as
tools/qemu_boot.qemu_command() gives them. Run alone:
    python3 tests/gdb/gdb_test.py [build]"""
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import qemu_boot  # noqa: E402
PROGRAM = "blocker"
SEPARATOR = "=== command: "
GDB_TIMEOUT = 120
THREADED_PID = 12          # blocker.c's child of three threads: tids 12, 13, 14
# Guest time counted in instructions, idle time skipped (as tools/run-tests
# does for the boot tests): the children are blocked by the time the parent
# calls getppid, however busy the host is.
DETERMINISTIC_TIME = ["-icount", "shift=0,sleep=off"]

# What GDB does, in order; each command's output is checked on its own,
# found by its label.
COMMANDS = [
    ("user-symbols", "user-symbols {binary}"),
    ("user-break", "user-break main"),
    ("continue to main", "continue"),
    ("break", "break sys_getppid"),
    ("continue to sys_getppid", "continue"),
    ("bt", "bt"),
    ("tasks", "tasks"),
    ("ipcs", "ipcs"),
    ("task-bt 1", "task-bt 1"),
    ("task-bt 3", "task-bt 3"),
    ("task-bt 14", "task-bt %d" % (THREADED_PID + 2)),
    ("pagemap 0x08048000", "pagemap 0x08048000"),
    ("pagemap 0xC0100000", "pagemap 0xC0100000"),
    ("pagemap 0x08048000 1", "pagemap 0x08048000 1"),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_gdb(kernel, image, binary, qemu_command):
    """Boots, runs COMMANDS in GDB; returns ({command: output}, whole output)."""
    port = free_port()
    qemu = subprocess.Popen(list(qemu_command) + DETERMINISTIC_TIME + [
        "-display", "none", "-serial", "null", "-monitor", "none", "-kernel", kernel, "-initrd", image,
        "-append", "serial=raw quiet panic=poweroff -- --run /bin/" + PROGRAM,
        "-S", "-gdb", "tcp:127.0.0.1:%d" % port], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.5)
        arguments = ["gdb", "-q", "-batch", "-nx", "-x", os.path.join(ROOT, "tools", "gdb", "kernel.gdb"),
                     "-ex", "file " + kernel, "-ex", "target remote 127.0.0.1:%d" % port]
        for label, command in COMMANDS:
            arguments += ["-ex", "echo \\n%s%s\\n" % (SEPARATOR, label), "-ex", command.format(binary=binary)]
        arguments += ["-ex", "kill"]
        try:
            done = subprocess.run(arguments, cwd=ROOT, capture_output=True, text=True, timeout=GDB_TIMEOUT)
            text = done.stdout + done.stderr
        except subprocess.TimeoutExpired as expired:
            text = (expired.stdout or b"").decode("utf-8", "replace") if isinstance(expired.stdout, bytes) \
                else (expired.stdout or "")
            text += "\n(GDB timed out after %d s)" % GDB_TIMEOUT
    finally:
        qemu.kill()
        qemu.wait()
    outputs = {}
    for part in text.split(SEPARATOR)[1:]:
        label, _, output = part.partition("\n")
        outputs[label] = output
    return outputs, text


def tail(text, lines=25):
    return "\n    ".join(text.strip().splitlines()[-lines:])


def line_with(text, needle):
    for line in text.splitlines():
        if needle in line:
            return line
    return None


def check_all(outputs, text):
    """[(name, passed, detail)] for the outputs of COMMANDS."""
    results = []

    def check(name, output_of, expectations):
        output = outputs.get(output_of)
        if output is None:
            results.append(("gdb." + name, False, "`%s` never ran:\n    %s" % (output_of, tail(text))))
            return
        missing = [what for what, pattern in expectations if not re.search(pattern, output, re.M)]
        results.append(("gdb." + name, not missing,
                        "" if not missing else "`%s`: expected %s; it printed:\n    %s" % (
                            output_of, "; ".join(missing), tail(output, 30))))

    problems = [line for line in text.splitlines() if "Python Exception" in line or "Traceback" in line]
    results.append(("gdb.kernel_commands_load_and_run_without_python_errors", not problems,
                    "\n    ".join(problems[:10])))

    check("user_symbols_and_user_break_stop_in_the_programs_main", "continue to main", [
        ("a stop in main of blocker.c", r"Breakpoint \d+, main \(\) at .*tests/gdb/blocker\.c:\d+")])

    check("bt_in_a_system_call_goes_back_into_the_user_program", "bt", [
        ("frame #0 in sys_getppid", r"^#0 +sys_getppid \("),
        ("the sysenter_entry frame (the libc's way in)", r"in sysenter_entry \(\)"),
        ("libc's getppid", r"getppid \(\) at .*libc/"),
        ("main of blocker.c", r"main \(\) at .*tests/gdb/blocker\.c:\d+")])

    # the lines of the single-threaded processes (the threaded one's are
    # checked on their own below)
    tasks = "\n".join(line for line in outputs.get("tasks", "").splitlines()
                      if line[1:].split()[1:2] != [str(THREADED_PID)])
    check("tasks_lists_every_task_with_what_it_waits_on", "tasks", [
        ("the running blocker marked *, its pid and tid 2", r"^\*\s+\d+\s+2\s+2\s+blocker\s+running"),
        ("init (pid 1, tid 1) blocked in waitpid", r"^\s+\d+\s+1\s+1\s+init\s+blocked\s+waitpid"),
        ("a pipe reader on pipe N, decoded from pipe_describe",
         r"blocker\s+blocked\s+pipe read\s+on pipe \d+\s+\[pipe_describe\(0x[0-9a-f]{8}\)\]"),
        ("a mailbox reader on mailbox gdbtest",
         r"blocker\s+blocked\s+mbox_recv\s+on mailbox gdbtest\s+\[mbox_describe\(0x[0-9a-f]{8}\)\]"),
        ("a message reader on process 2",
         r"blocker\s+blocked\s+msg_recv\s+on process 2\s+\[thread_id_describe\(0x00000002\)\]"),
        ("a System V receiver on msgqueue N",
         r"blocker\s+blocked\s+msgrcv\s+on msgqueue \d+\s+\[sysv_msgq_describe\(0x[0-9a-f]{8}\)\]"),
        ("the kernel tasks idle and cleaner, with no pid or tid", r"\s-\s+-\s+idle\s")])

    threaded, first, second, third = THREADED_PID, THREADED_PID, THREADED_PID + 1, THREADED_PID + 2
    check("tasks_shows_each_thread_of_a_process_with_its_pid_tid_and_wait", "tasks", [
        ("tid %d, the first, in pthread_join: a futex word of its own memory" % first,
         r"^\s+\d+\s+%d\s+%d\s+blocker\s+blocked\s+futex \(semaphore\)\s+on a word of its own memory\s+"
         r"\[futex_key 0x[0-9a-f]{8}, private\]" % (threaded, first)),
        ("tid %d in msg_recv from process 2" % second,
         r"^\s+\d+\s+%d\s+%d\s+blocker\s+blocked\s+msg_recv\s+on process 2\s+\[thread_id_describe\(0x00000002\)\]"
         % (threaded, second)),
        ("tid %d reading its own pipe" % third,
         r"^\s+\d+\s+%d\s+%d\s+blocker\s+blocked\s+pipe read\s+on pipe \d+\s+\[pipe_describe" % (threaded, third))])

    def pid_of(needle):
        line = line_with(tasks, needle)
        return line.split()[1] if line else r"\d+"

    check("tasks_names_the_posix_queue_socket_or_semaphore_a_task_waits_on", "tasks", [
        ("a POSIX queue receiver on mqueue /gdbtest",
         r"blocker\s+blocked\s+mq_recv: empty\s+on mqueue /gdbtest\s+\[posix_mq_describe\(0x[0-9a-f]{8}\)\]"),
        ("an accept on the socket /tmp/gdbtest.socket",
         r"blocker\s+blocked\s+accept\s+on socket /tmp/gdbtest\.socket\s+\[socket_describe\(0x[0-9a-f]{8}\)\]"),
        ("a receive on an unnamed socket #N",
         r"blocker\s+blocked\s+socket receive\s+on socket #\d+\s+\[socket_describe\(0x[0-9a-f]{8}\)\]"),
        ("a sem_wait on the named semaphore, by its futex word",
         r"blocker\s+blocked\s+futex \(semaphore\)\s+on semaphore /gdbtest\s+\[futex_key 0x[0-9a-f]{8}\]"),
        ("a sem_wait on an unnamed semaphore",
         r"blocker\s+blocked\s+futex \(semaphore\)\s+on an unnamed semaphore\s+\[futex_key 0x[0-9a-f]{8}\]")])

    pipe_line = line_with(tasks, "pipe read")
    pipe_id = re.search(r"on pipe (\d+)", pipe_line).group(1) if pipe_line else r"\d+"
    reader_pid = pipe_line.split()[1] if pipe_line else r"\d+"
    mailbox_line = line_with(tasks, "mbox_recv")
    mailbox_pid = mailbox_line.split()[1] if mailbox_line else r"\d+"
    message_line = line_with(tasks, "msg_recv")
    message_pid = message_line.split()[1] if message_line else r"\d+"
    queue_line = line_with(tasks, "msgrcv")
    queue_pid = queue_line.split()[1] if queue_line else r"\d+"
    check("ipcs_lists_every_ipc_object_with_its_waiters", "ipcs", [
        ("pipe %s with 1 reader waiting (pid %s)" % (pipe_id, reader_pid),
         r"^\s+%s\s+pipe\s+0\s+1\s+1\s+1 \(pid %s\)\s+0$" % (pipe_id, reader_pid)),
        ("mailbox gdbtest, rendezvous, 1 receiver waiting (pid %s)" % mailbox_pid,
         r"^\s+gdbtest\s+rendezvous\s+0\s+0\s+1 \(pid %s\)" % mailbox_pid),
        ("pid %s's inbox receiving from pid 2" % message_pid,
         r"^\s+%s\s+blocker\s+0\s+0\s+receiving from pid 2" % message_pid),
        ("a System V queue with pid %s waiting to receive" % queue_pid,
         r"^Message queues.*\n.*\n\s+\d+\s+0\s+0\s+0\s+0\s+1 \(pid %s\)" % queue_pid)])

    check("ipcs_names_a_waiting_thread_by_pid_and_tid", "ipcs", [
        ("a pipe with tid %d of pid %d waiting to read" % (third, threaded),
         r"^\s+\d+\s+pipe\s+0\s+1\s+1\s+1 \(pid %d tid %d\)\s+0$" % (threaded, third)),
        ("tid %d's inbox receiving from pid 2" % second, r"^\s+%d\s+blocker\s+0\s+0\s+receiving from pid 2" % second)])

    check("ipcs_lists_shared_memory_segments", "ipcs", [
        ("the 8192-byte segment, attached once, made and attached by pid 2",
         r"^Shared memory segments.*\n.*\n\s+\d+\s+0\s+8192\s+1\s+2\s+2$")])
    check("ipcs_lists_posix_message_queues_with_their_waiters", "ipcs", [
        ("/gdbtest, empty, 4 messages at most, pid %s waiting to receive" % pid_of("mq_recv"),
         r"^POSIX message queues.*\n.*\n\s+/gdbtest\s+0\s+4\s+1\s+0\s+1 \(pid %s\)$" % pid_of("mq_recv"))])
    named_line = line_with(tasks, "on semaphore /gdbtest")
    unnamed_line = line_with(tasks, "on an unnamed semaphore")
    unnamed_word = re.search(r"futex_key (0x[0-9a-f]{8})", unnamed_line).group(1) if unnamed_line else "0x[0-9a-f]{8}"
    check("ipcs_lists_posix_semaphores_named_and_unnamed_with_their_waiters", "ipcs", [
        ("the named /gdbtest, value 0, pid %s waiting" % pid_of("on semaphore /gdbtest"),
         r"^\s+/gdbtest\s+0\s+0x[0-9a-f]{8}\s+1 \(pid %s\)$" % (named_line.split()[1] if named_line else r"\d+")),
        ("an unnamed one at %s, value 0, pid %s waiting" % (unnamed_word, pid_of("an unnamed semaphore")),
         r"^\s+\(unnamed\)\s+0\s+%s\s+1 \(pid %s\)$" % (unnamed_word, pid_of("an unnamed semaphore")))])
    check("ipcs_lists_sockets_with_their_waiters", "ipcs", [
        ("the listener at /tmp/gdbtest.socket, pid %s waiting in accept" % pid_of("accept"),
         r"^\s+\d+\s+stream\s+listening\s+/tmp/gdbtest\.socket\s+-\s+0/5\s+1 \(pid %s\)\s+0$" % pid_of("accept")),
        ("a connected stream socket, pid %s waiting to receive" % pid_of("socket receive"),
         r"^\s+\d+\s+stream\s+connected\s+-\s+\d+\s+0/16384\s+1 \(pid %s\)\s+0$" % pid_of("socket receive")),
        ("its peer, nobody waiting", r"^\s+\d+\s+stream\s+connected\s+-\s+\d+\s+0/16384\s+0\s+0$")])

    check("task_bt_of_init_walks_from_switch_to_task_to_waitpid_and_user_mode", "task-bt 1", [
        ("the registers switch_to_task saved", r"ebp=0x[0-9a-f]{8} edi=.* return=0x[0-9a-f]{8}"),
        ("frame #0 in the scheduler", r"^#0 +0x[0-9a-f]{8} in (switch_to|schedule|block_task)"),
        ("wait_queue_sleep", r"in wait_queue_sleep \(\) at kernel/sched/wait_queue\.c:\d+"),
        ("sys_waitpid", r"in sys_waitpid \(\) at kernel/proc/wait\.c:\d+"),
        ("the system call's trap frame", r"--- system call \d+ from user mode: eip=0x0804"),
        ("a user-mode frame after it (unnamed: init's symbols are not loaded)",
         r"--- system call.*\n.*user-symbols init names these frames\)\n#\d+ +0x0804[0-9a-f]{4} in \?\? ")])

    check("task_bt_of_the_pipe_reader_reaches_its_user_code_through_its_page_tables", "task-bt 3", [
        ("pipe_read", r"in pipe_read \(\) at kernel/ipc/pipe\.c:\d+"),
        ("read_pipe of blocker.c", r"in read_pipe \(\) at .*tests/gdb/blocker\.c:\d+"),
        ("main of blocker.c", r"in main \(\) at .*tests/gdb/blocker\.c:\d+")])

    check("task_bt_of_a_thread_by_its_tid_reaches_the_threads_own_code", "task-bt 14", [
        ("the thread named by pid and tid, blocked in pipe read",
         r"^task \d+ \(blocker, pid %d tid %d\), blocked: pipe read;" % (threaded, third)),
        ("pipe_read", r"in pipe_read \(\) at kernel/ipc/pipe\.c:\d+"),
        ("the thread's function in blocker.c",
         r"in (read_pipe|read_in_a_thread) \(\) at .*tests/gdb/blocker\.c:\d+")])

    check("pagemap_of_the_program_text_is_a_present_user_page", "pagemap 0x08048000", [
        ("CR3 as the directory", r"page directory at physical 0x[0-9a-f]{8} \(CR3\)"),
        ("the PDE, present and user, pointing to a page table",
         r"PDE\[ +32\] = 0x[0-9a-f]{8}  present.* user.* -> page table at"),
        ("the PTE, present, user", r"PTE\[ +72\] = 0x[0-9a-f]{8}  present.* user"),
        ("the physical address", r"0x08048000 -> physical 0x[0-9a-f]{8} \(.*user")])

    check("pagemap_of_the_kernel_is_a_4MiB_direct_map_page", "pagemap 0xC0100000", [
        ("PDE 768 as a 4 MiB page", r"PDE\[ 768\] = 0x[0-9a-f]{8}  present writable.*4MiB-page"),
        ("physical 1 MiB, kernel only", r"0xc0100000 -> physical 0x00100000 \(writable, kernel only\)")])

    check("pagemap_with_a_pid_walks_that_process_directory", "pagemap 0x08048000 1", [
        ("pid 1's directory", r"page directory at physical 0x[0-9a-f]{8} \(pid 1's\)"),
        ("a translation", r"0x08048000 -> physical 0x[0-9a-f]{8}")])
    return results


def run_all(kernel, initrd, qemu_command):
    if isinstance(qemu_command, str):
        qemu_command = shlex.split(qemu_command)
    if shutil.which("gdb") is None:
        return [("gdb.commands", False, "gdb is not installed")]
    with tempfile.TemporaryDirectory(prefix="gdb-test.") as work:
        try:
            binaries, image = qemu_boot.image_with_programs(
                kernel, initrd, work, [os.path.join(ROOT, "tests", "gdb", PROGRAM + ".c")])
            binary = binaries[PROGRAM]
        except subprocess.CalledProcessError as error:
            return [("gdb.commands", False, "cannot build tests/gdb/blocker.c: %s\n    %s" % (
                error, tail((error.stdout or "") + (error.stderr or ""))))]
        outputs, text = run_gdb(kernel, image, binary, qemu_command)
    return check_all(outputs, text)


def main():
    build = os.path.join(ROOT, sys.argv[1] if len(sys.argv) > 1 else "build")
    results = run_all(os.path.join(build, "kernel.elf"), os.path.join(build, "initrd-tests.tar"),
                      qemu_boot.qemu_command())
    for name, passed, detail in results:
        print(("PASS " if passed else "FAIL ") + name + ("" if passed or not detail else ": " + detail))
    failed = sum(1 for _, passed, _ in results if not passed)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
