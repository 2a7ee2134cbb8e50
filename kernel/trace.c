/* kernel/trace.c - the IPC trace (see trace.h; the format: docs/tracing.md).
 *
 * Lines go straight to the serial port, not through kprintf: they must
 * appear under `quiet` too (tools/run-prog boots quiet), and they carry no
 * "[kernel] " prefix, so that tools can tell the two apart. */
#include "trace.h"

#include <stdarg.h>

#include "arch/x86/cpu.h"
#include "arch/x86/idt.h"
#include "arch/x86/per_cpu.h"
#include "arch/x86/trap_frame.h"
#include "cmdline.h"
#include "drivers/serial.h"
#include "lib/kprintf.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/clock.h"
#include "sched/task.h"
#include "uapi/syscall.h"

#define TRACE_LINE_MAX 200          /* longer events are cut */
#define TRACE_FORMAT_VERSION 1      /* docs/tracing.md, "trace-start" */

#ifdef TRACE_ENABLED
int trace_on = 1;
#else
int trace_on = 0;
#endif

static void write_string(const char *text)
{
    for (; *text; text++)
        serial_write_char(*text);
}

/* Writes the line that `line` (of `length` characters so far) begins,
 * ending it with `format` and `args`; with several CPUs, then with the
 * CPU that writes it (`cpu=N`, a field readers of format 1 may ignore). */
static void write_line(char *line, int length, const char *format, va_list args)
{
    if (length < TRACE_LINE_MAX)
        length += vksnprintf(line + length, TRACE_LINE_MAX - length, format, args);
    uint32_t flags = cpu_save_and_disable_interrupts();   /* one whole line at a time */
    if (cpu_count > 1 && length < TRACE_LINE_MAX)
        ksnprintf(line + length, TRACE_LINE_MAX - length, " cpu=%u", this_cpu()->index);
    write_string(line);
    serial_write_char('\n');
    cpu_restore_interrupts(flags);
}

void trace_write(const char *format, ...)
{
    char line[TRACE_LINE_MAX];
    int length = ksnprintf(line, sizeof line, "[trace] %llu ", (unsigned long long)clock_tick_ns());
    va_list args;
    va_start(args, format);
    write_line(line, length, format, args);
    va_end(args);
}

void trace_write_thread(const struct thread *thread, const char *event, const char *format, ...)
{
    char line[TRACE_LINE_MAX];
    unsigned long long now = clock_tick_ns();
    int pid = thread ? thread->task.process->pid : 0;
    int length = thread && thread->tid != pid ?
                 ksnprintf(line, sizeof line, "[trace] %llu %s pid=%d tid=%d ", now, event, pid, thread->tid) :
                 ksnprintf(line, sizeof line, "[trace] %llu %s pid=%d ", now, event, pid);
    va_list args;
    va_start(args, format);
    write_line(line, length, format, args);
    va_end(args);
}

void trace_init(void)
{
    if (cmdline_option(&kernel_cmdline, "trace"))
        trace_on = 1;
    trace_event("trace-start format=%d", TRACE_FORMAT_VERSION);
}

struct thread *trace_current_thread(void)
{
    return current_task->process ? current_thread() : 0;
}

struct thread *trace_sender(void)
{
    if (!current_task->process)
        return 0;
    /* a process enters the kernel only from user mode, so the frame of
     * its latest entry is the last thing on its kernel stack */
    const struct trap_frame *entry = task_user_frame(current_task);
    return entry->trap_number == SYSCALL_VECTOR || entry->trap_number < IRQ_BASE_VECTOR ? current_thread() : 0;
}

/* The thread of a task, or NULL for a kernel task. */
static const struct thread *thread_of_task(const struct task *task)
{
    return task->process ? (const struct thread *)task : 0;
}

void trace_write_block(const struct task *task, const char *reason)
{
    trace_write_thread(thread_of_task(task), "block", "task=%u reason=\"%s\" on=\"%s\"", task->id, reason,
                       trace_wait_object(task));
}

void trace_write_wake(const struct task *task, const char *result)
{
    trace_write_thread(thread_of_task(task), "wake", "task=%u result=%s", task->id, result);
}

const char *trace_wait_object(const struct task *task)
{
    static char description[48];
    if (!task->wait_describe)
        return "-";
    task->wait_describe(task->wait_object, description, sizeof description);
    return description;
}
