# tools/gdb/kernel.gdb - what `make debug` gives GDB (passed with -x: GDB's
# auto-load safe path refuses a project's own .gdbinit). tools/debug runs
# GDB from the top of the tree, loads the kernel with `file`, then connects.
set architecture i386
set pagination off
set confirm off
set disassembly-flavor intel
# the kernel's .text is read from the file while QEMU has not loaded it yet
set trust-readonly-sections on
# tasks, ipcs, task-bt, pagemap, user-symbols, user-break; bt across int 0x80
source tools/gdb/kernel_commands.py
echo Kernel commands: tasks, ipcs, task-bt TID, pagemap ADDR [PID], user-symbols PROG, user-break LOCATION (help NAME)\n
