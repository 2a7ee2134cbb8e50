#!/usr/bin/env python3
"""tests/docs/gdb_sessions.py SESSION - replays a GDB session of the
chapters and prints what the terminal showed, to paste into the chapter
when the code under it has moved (tests/docs/test_docs.py says when).

    readme     README.md's "Debugging with GDB": make debug, kernel_main,
               fork_process
    pipe       docs/debugging.md's walk through: make debug
               PROG=user/demos/pipes/pipe_demo.c, a reader waits, the write wakes it
    step       docs/debugging.md's "Stepping from the program into the
               kernel and back": make debug PROG=tests/gdb/blocker.c
    threads    docs/debugging.md's "A process of several threads": the
               same program, tasks and task-bt of a thread

It runs `make debug ...` in an 80-column pseudo-terminal (so GDB prints
and wraps its lines as it does for a person) with TERM=dumb (no colours),
and types each command at GDB's `(gdb)` prompt. A line `#if TEXT =>
COMMAND` types COMMAND only when the answer to the previous command showed
TEXT (QEMU sometimes reports the breakpoint just left a second time:
docs/debugging.md, "Limits"). Paths under the tree show as `...`.
Addresses, ports and timings differ from run to run; the shape does not."""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SESSIONS = {
    "readme": (["make", "debug"], """
bt
x/8x $esp
info registers
break fork_process
continue
p $current_task->name
p $current_task->process->pid
p *$current_task
finish
"""),
    "pipe": (["make", "debug", "PROG=user/demos/pipes/pipe_demo.c"], """
break sys_pipe
continue
bt
finish
#if Breakpoint 2, sys_pipe => finish
break pipe_write_bytes
continue
continue
tasks
ipcs
task-bt 3
next
#if Breakpoint 3.1, => next
next
next
next
next
next
next
next
next
next
next
tasks
delete
break sys_read
continue
bt
pagemap buffer
"""),
    "step": (["make", "debug", "PROG=tests/gdb/blocker.c"], """
user-break getppid
continue
#if Breakpoint 1, main => continue
step
step
bt
break sys_getppid
continue
bt
up 3
finish
#if Breakpoint 3, sys_getppid => up 3
#if Breakpoint 3, sys_getppid => finish
"""),
    "threads": (["make", "debug", "PROG=tests/gdb/blocker.c"], """
break sys_getppid
continue
tasks
task-bt 14
"""),
}


class Terminal:
    def __init__(self, command):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(ROOT)
            os.environ["TERM"] = "dumb"
            os.execvp(command[0], command)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.output = b""

    def read_until_prompt(self, seconds):
        """True once GDB shows its prompt and says nothing more."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            if select.select([self.fd], [], [], 0.2)[0]:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return False
                if not chunk:
                    return False
                self.output += chunk
            elif self.output.endswith(b"(gdb) "):
                return True
        return False

    def type(self, line):
        os.write(self.fd, (line + "\n").encode())

    def close(self):
        self.type("kill")
        self.read_until_prompt(10)
        self.type("quit")
        try:
            while select.select([self.fd], [], [], 2)[0]:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    break
                self.output += chunk
        except OSError:
            pass
        os.waitpid(self.pid, 0)
        return self.output.decode("utf-8", "replace").replace("\r\n", "\n").replace(ROOT + "/", ".../")


def replay(name):
    command, script = SESSIONS[name]
    terminal = Terminal(command)
    ok = terminal.read_until_prompt(600)          # make builds what is missing first
    answer_from = 0
    for line in script.strip().splitlines():
        if not ok:
            break
        if line.startswith("#if "):
            text, line = line[len("#if "):].split(" => ")
            if text.encode() not in terminal.output[answer_from:]:
                continue
        answer_from = len(terminal.output)
        terminal.type(line)
        ok = terminal.read_until_prompt(120)
    return terminal.close()


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in SESSIONS:
        sys.exit(__doc__)
    sys.stdout.write(replay(sys.argv[1]))
