/* kernel/panic.h - stopping the kernel when it finds itself broken. */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include "arch/x86/trap_frame.h"

/* Prints the message and a backtrace of the caller, then stops the machine
 * (or powers it off when booted with `panic=poweroff`, as tests do). */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* An exception the kernel caused itself: prints which one, every register,
 * cr2 for a page fault, and a backtrace with function names; then stops as
 * panic does. */
void kernel_fault(const struct trap_frame *frame) __attribute__((noreturn));

/* The frame of the caller of the frame at `ebp`, in a backtrace (every
 * file keeps frame pointers), or 0 at the end of the chain: the saved
 * ebp, when it lies further up the same kernel stack. The first frame of
 * a system call holds user mode's ebp, which may be anything, even an
 * address in the kernel's half that is not mapped. Context: anywhere. */
uint32_t backtrace_caller_frame(uint32_t ebp);

/* Prints the frames of the ebp chain starting at `ebp`, `eip` first. */
void print_backtrace(uint32_t eip, uint32_t ebp);

/* Set from the command line: power off instead of halting after a panic. */
void panic_set_power_off(int enabled);

#define ASSERT(condition) \
    do { if (!(condition)) panic("assertion failed: %s (%s:%d)", #condition, __FILE__, __LINE__); } while (0)

#endif
