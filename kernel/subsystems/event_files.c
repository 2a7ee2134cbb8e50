/* kernel/subsystems/event_files.c - descriptors that are events: an
 * eventfd's counter and a signalfd's signals, read with read(2) and
 * waited for with poll, select and epoll beside every other descriptor
 * (docs/event-files.md). (timerfd, the third of Linux's kind, is the
 * subsystem timers'.)
 *
 * In the profiles: ipc, full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/ipc/eventfd.c
 *   kernel/ipc/signalfd.c
 */
#include "subsystem.h"

#include "event_files_calls.h"

static const struct syscall_row calls[] = {
    SYSCALL_ROW(eventfd2),
    SYSCALL_ROW(signalfd4),
};

/* Puts the calls in the table. Context: boot (kernel/main.c, through
 * subsystems_start). */
void event_files_start(void)
{
    syscall_install(calls, ROW_COUNT(calls));
}
