# tools/gdb/kernel.gdb - what `make debug` gives GDB (passed with -x: GDB's
# auto-load safe path refuses a project's own .gdbinit).
# tools/debug sets $qemu_port and the kernel file before sourcing this.
set architecture i386
set pagination off
set confirm off
set disassembly-flavor intel
echo Connecting to QEMU...\n
