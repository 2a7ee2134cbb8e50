/* kernel/lib/kprintf.h - the kernel's log: formatted text on the serial
 * port and the VGA screen. Every line starts with "[kernel] " so that the
 * kernel's own words are told apart from a program's output on the same
 * serial line (tools/run-prog relies on it). */
#ifndef KERNEL_LIB_KPRINTF_H
#define KERNEL_LIB_KPRINTF_H

#include <stdarg.h>

/* Formats as printf (see lib/format.h) and writes to the log. Safe with
 * interrupts off and from interrupt handlers; never sleeps. */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vkprintf(const char *fmt, va_list args);

/* Formats into `buffer` (always terminated); returns the length it needed. */
int ksnprintf(char *buffer, unsigned size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vksnprintf(char *buffer, unsigned size, const char *fmt, va_list args);

/* As kprintf, but shown under `quiet` too: for the few lines a user must
 * see although the boot log is hidden (a process killed by a fault, under
 * tools/run-prog, which boots quiet). */
int kprintf_even_when_quiet(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Hides the log when quiet (boot option `quiet`); panics always show. */
void kprintf_set_quiet(int quiet);

#endif
