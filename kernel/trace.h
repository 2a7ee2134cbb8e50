/* kernel/trace.h - the IPC trace: one line per IPC event on the serial port,
 *
 *     [trace] 12345678 send pid=3 to=4 type=7 len=16 mode=sync via=direct
 *     [trace] 12345678 recv pid=4 tid=6 from=3 type=7 len=16 via=direct
 *
 * which tools/trace_view.py turns into a picture of who sent what to whom
 * (the events and their fields: docs/tracing.md). `pid` is the process,
 * `tid` the thread, written only when it is not the pid: a single-threaded
 * process (and the first thread of any) shows as before threads.
 *
 * On from boot in a kernel built with TRACE=1 (-DTRACE_ENABLED), or when
 * the command line says `trace`. Off, a trace point costs one test of
 * trace_on: trace_event is a macro, so nothing is formatted and its
 * arguments are not even evaluated. */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

struct task;
struct thread;

extern int trace_on;               /* nonzero: trace_event writes lines */

/* Writes "[trace] <clock_tick_ns> " and the formatted event as one line.
 * Context: anywhere (interrupts are held off for the line); never sleeps. */
#define trace_event(...)                         \
    do {                                         \
        if (__builtin_expect(trace_on, 0))       \
            trace_write(__VA_ARGS__);            \
    } while (0)

void trace_write(const char *format, ...) __attribute__((format(printf, 1, 2), cold));

/* An event of `thread` (NULL: the kernel itself, pid 0): writes
 * "EVENT pid=PID tid=TID " (tid only when it is not the pid), then the
 * formatted fields. trace_current_event is one of the running thread. */
#define trace_thread_event(thread, event, ...)                 \
    do {                                                       \
        if (__builtin_expect(trace_on, 0))                     \
            trace_write_thread(thread, event, __VA_ARGS__);    \
    } while (0)
#define trace_current_event(event, ...) trace_thread_event(trace_current_thread(), event, __VA_ARGS__)
void trace_write_thread(const struct thread *thread, const char *event, const char *format, ...)
    __attribute__((format(printf, 3, 4), cold));

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

/* For trace points: the running thread (NULL for a kernel task), and what
 * a blocked task waits on ("pipe 3", or "-", in a buffer that lives until
 * the next call). */
struct thread *trace_current_thread(void);
const char *trace_wait_object(const struct task *task);

/* Who is acting: the running thread in a system call or a fault, NULL (the
 * kernel itself, pid 0) in an interrupt handler (an alarm, a key on a
 * terminal). */
struct thread *trace_sender(void);

#endif
