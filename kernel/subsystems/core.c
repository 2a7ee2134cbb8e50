/* kernel/subsystems/core.c - the core: boot, the CPU's tables, memory, the scheduler,
 * processes and threads, the in-memory file tree, pipes, signals and the
 * console. Every profile has it; a student reads it first
 * (docs/reading-order.md).
 *
 * In the profiles: core, ipc, full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   boot/multiboot.asm
 *   arch/x86/memory.asm
 *   arch/x86/switch_to_task.asm
 *   arch/x86/trap_entry.asm
 *   arch/x86/usercopy.asm
 *   arch/x86/cmos_rtc.c
 *   arch/x86/gdt.c
 *   arch/x86/idt.c
 *   arch/x86/paging.c
 *   arch/x86/pic.c
 *   arch/x86/pit.c
 *   arch/x86/signal_frame.c
 *   arch/x86/sysenter.c
 *   arch/x86/timestamp_counter.c
 *   arch/x86/trap.c
 *   kernel/cmdline.c
 *   kernel/kinfo.c
 *   kernel/ksyms.c
 *   kernel/panic.c
 *   kernel/trace.c
 *   kernel/uname.c
 *   kernel/lib/calendar.c
 *   kernel/lib/format.c
 *   kernel/lib/kprintf.c
 *   kernel/lib/string.c
 *   kernel/mm/address_space.c
 *   kernel/mm/device_map.c
 *   kernel/mm/frame.c
 *   kernel/mm/heap.c
 *   kernel/mm/memory_init.c
 *   kernel/mm/page_fault.c
 *   kernel/mm/uaccess.c
 *   kernel/sched/clock.c
 *   kernel/sched/cpu_time.c
 *   kernel/sched/mlfq.c
 *   kernel/sched/mutex.c
 *   kernel/sched/scheduler.c
 *   kernel/sched/sleep.c
 *   kernel/sched/spinlock.c
 *   kernel/sched/lookup.c
 *   kernel/sched/task.c
 *   kernel/sched/time_syscalls.c
 *   kernel/sched/wait_queue.c
 *   kernel/sched/x87_lazy.c
 *   kernel/proc/exec.c
 *   kernel/proc/exit.c
 *   kernel/proc/fault.c
 *   kernel/proc/fork.c
 *   kernel/proc/process.c
 *   kernel/proc/process_syscalls.c
 *   kernel/proc/prctl.c
 *   kernel/proc/program_source.c
 *   kernel/proc/wait.c
 *   kernel/fs/devices.c
 *   kernel/fs/file.c
 *   kernel/fs/file_content.c
 *   kernel/fs/fs_lock.c
 *   kernel/fs/fs_syscalls.c
 *   kernel/fs/initrd.c
 *   kernel/fs/inode.c
 *   kernel/fs/memfs.c
 *   kernel/fs/name_syscalls.c
 *   kernel/fs/times_syscalls.c
 *   kernel/fs/at_directory.c
 *   kernel/fs/access_syscalls.c
 *   kernel/fs/path.c
 *   kernel/fs/regular_file.c
 *   kernel/fs/rootfs.c
 *   kernel/fs/tar.c
 *   kernel/fs/vfs.c
 *   kernel/ipc/pipe.c
 *   kernel/ipc/signal.c
 *   kernel/ipc/signal_pending.c
 *   kernel/ipc/signal_syscalls.c
 *   kernel/ipc/signal_alarm.c
 *   kernel/drivers/console.c
 *   kernel/drivers/keyboard.c
 *   kernel/drivers/line_discipline.c
 *   kernel/drivers/power.c
 *   kernel/drivers/serial.c
 *   kernel/drivers/tty.c
 *   kernel/drivers/tty_ioctl.c
 *   kernel/drivers/tty_job_control.c
 *   kernel/drivers/vga.c
 *   kernel/proc/thread.c
 *   kernel/proc/thread_cancel.c
 *   kernel/ipc/futex.c
 *   kernel/sched/priority_syscalls.c
 *   kernel/mm/memory_object.c
 *   kernel/fs/vector_io.c
 *   kernel/fs/user_vector.c
 *   kernel/ipc/pipe_write.c
 *   kernel/proc/rusage.c
 *   kernel/proc/limits.c
 *   kernel/fs/mount.c
 *   kernel/fs/mount_syscalls.c
 *   kernel/mm/mmap.c
 *   kernel/mm/protection.c
 *   kernel/sched/affinity.c
 *   kernel/ktest/ktest.c
 *   kernel/ktest/foundation_tests.c
 *   kernel/ktest/sched_tests.c
 *   kernel/ktest/clock_tests.c
 *   kernel/ktest/tty_tests.c
 *   kernel/ktest/tty_termios_tests.c
 *   kernel/ktest/memfs_tests.c
 */
#include "subsystem.h"

#include "syscall.h"

static const struct syscall_row calls[] = {
    SYSCALL_ROW(exit),
    SYSCALL_ROW(fork),
    SYSCALL_ROW(vfork),
    SYSCALL_ROW(execve),
    SYSCALL_ROW(waitpid),
    SYSCALL_ROW(getpid),
    SYSCALL_ROW(getppid),
    SYSCALL_ROW(brk),
    SYSCALL_ROW(nanosleep),
    SYSCALL_ROW(sched_yield),
    SYSCALL_ROW(clock_gettime),
    SYSCALL_ROW(clock_settime),
    SYSCALL_ROW(setpgid),
    SYSCALL_ROW(getpgid),
    SYSCALL_ROW(getsid),
    SYSCALL_ROW(prctl),
    SYSCALL_ROW(setsid),
    SYSCALL_ROW(getpriority),
    SYSCALL_ROW(setpriority),
    SYSCALL_ROW(thread_create),
    SYSCALL_ROW(thread_exit),
    SYSCALL_ROW(gettid),
    SYSCALL_ROW(set_tls),
    SYSCALL_ROW(read),
    SYSCALL_ROW(write),
    SYSCALL_ROW(close),
    SYSCALL_ROW(dup),
    SYSCALL_ROW(dup2),
    SYSCALL_ROW(fcntl),
    SYSCALL_ROW(ioctl),
    SYSCALL_ROW(open),
    SYSCALL_ROW(lseek),
    SYSCALL_ROW(stat),
    SYSCALL_ROW(fstat),
    SYSCALL_ROW(ftruncate),
    SYSCALL_ROW(truncate),
    SYSCALL_ROW(utimensat),
    SYSCALL_ROW(mkdir),
    SYSCALL_ROW(mknod),
    SYSCALL_ROW(unlink),
    SYSCALL_ROW(rmdir),
    SYSCALL_ROW(rename),
    SYSCALL_ROW(chdir),
    SYSCALL_ROW(getcwd),
    SYSCALL_ROW(getdents),
    SYSCALL_ROW(lstat),
    SYSCALL_ROW(link),
    SYSCALL_ROW(symlink),
    SYSCALL_ROW(readlink),
    SYSCALL_ROW(openat),
    SYSCALL_ROW(mkdirat),
    SYSCALL_ROW(mknodat),
    SYSCALL_ROW(unlinkat),
    SYSCALL_ROW(renameat),
    SYSCALL_ROW(linkat),
    SYSCALL_ROW(symlinkat),
    SYSCALL_ROW(readlinkat),
    SYSCALL_ROW(fstatat),
    SYSCALL_ROW(faccessat),
    SYSCALL_ROW(fchdir),
    SYSCALL_ROW(pipe),
    SYSCALL_ROW(tkill),
    SYSCALL_ROW(kill),
    SYSCALL_ROW(sigaction),
    SYSCALL_ROW(sigprocmask),
    SYSCALL_ROW(sigpending),
    SYSCALL_ROW(sigsuspend),
    SYSCALL_ROW(sigqueue),
    SYSCALL_ROW(sigtimedwait),
    SYSCALL_ROW(sigaltstack),
    SYSCALL_ROW(sigreturn),
    SYSCALL_ROW(alarm),
    SYSCALL_ROW(pause),
    SYSCALL_ROW(futex_wait),
    SYSCALL_ROW(futex_wake),
    SYSCALL_ROW(kinfo),
    SYSCALL_ROW(poweroff),
    SYSCALL_ROW(thread_cancel),
    SYSCALL_ROW(uname),
    SYSCALL_ROW(sethostname),
    SYSCALL_ROW(readv),
    SYSCALL_ROW(writev),
    SYSCALL_ROW(pread),
    SYSCALL_ROW(pwrite),
    SYSCALL_ROW(pipe2),
    SYSCALL_ROW(dup3),
    SYSCALL_ROW(wait4),
    SYSCALL_ROW(waitid),
    SYSCALL_ROW(getrusage),
    SYSCALL_ROW(getrlimit),
    SYSCALL_ROW(setrlimit),
    SYSCALL_ROW(fsync),
    SYSCALL_ROW(sync),
    SYSCALL_ROW(mount),
    SYSCALL_ROW(umount),
    SYSCALL_ROW(statfs),
    SYSCALL_ROW(fstatfs),
    SYSCALL_ROW(mmap),
    SYSCALL_ROW(munmap),
    SYSCALL_ROW(mprotect),
    SYSCALL_ROW(msync),
    SYSCALL_ROW(madvise),
    SYSCALL_ROW(sched_setaffinity),
    SYSCALL_ROW(sched_getaffinity),
    SYSCALL_ROW(getcpu),
    SYSCALL_ROW(getresuid),
    SYSCALL_ROW(getresgid),
    SYSCALL_ROW(getgroups),
};

/* Puts the calls in the table, then starts what the subsystem needs.
 * Context: boot (kernel/main.c, through subsystems_start). */
void core_start(void)
{
    syscall_install(calls, ROW_COUNT(calls));
}
