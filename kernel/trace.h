/* kernel/trace.h - the IPC trace: one line per IPC event on the serial port,
 *
 *     [trace] 12345678 send pid=3 to=4 type=7 len=16 mode=sync via=direct
 *
 * which tools/trace_view.py turns into a picture of who sent what to whom
 * (the events and their fields: docs/tracing.md).
 *
 * On from boot in a kernel built with TRACE=1 (-DTRACE_ENABLED), or when
 * the command line says `trace`. Off, a trace point costs one test of
 * trace_on: trace_event is a macro, so nothing is formatted and its
 * arguments are not even evaluated. */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

struct task;

extern int trace_on;               /* nonzero: trace_event writes lines */

/* Writes "[trace] <clock_now_ns> " and the formatted event as one line.
 * Context: anywhere (interrupts are held off for the line); never sleeps. */
#define trace_event(...)                         \
    do {                                         \
        if (__builtin_expect(trace_on, 0))       \
            trace_write(__VA_ARGS__);            \
    } while (0)

void trace_write(const char *format, ...) __attribute__((format(printf, 1, 2), cold));

/* The two events of every wait (wait_queue.c), formatted in one place;
 * the short call site keeps the hottest paths lean while the trace is off. */
#define trace_block(task, reason)                \
    do {                                         \
        if (__builtin_expect(trace_on, 0))       \
            trace_write_block(task, reason);     \
    } while (0)
#define trace_wake(task, result)                 \
    do {                                         \
        if (__builtin_expect(trace_on, 0))       \
            trace_write_wake(task, result);      \
    } while (0)
void trace_write_block(const struct task *task, const char *reason) __attribute__((cold));
void trace_write_wake(const struct task *task, const char *result) __attribute__((cold));

/* Turns the trace on if the command line asks (`trace`); call once the
 * command line is parsed and the clock runs. */
void trace_init(void);

/* For trace points: the pid of `task`'s process (0 for a kernel task), of
 * the running task, and what a blocked task waits on ("pipe 3", or "-",
 * in a buffer that lives until the next call). */
int trace_pid(const struct task *task);
int trace_current_pid(void);
const char *trace_wait_object(const struct task *task);

/* Who is acting: the running process in a system call or a fault, 0 (the
 * kernel itself) in an interrupt handler (an alarm, a key on a terminal). */
int trace_sender_pid(void);

#endif
