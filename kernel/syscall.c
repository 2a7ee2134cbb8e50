/* kernel/syscall.c - the system call table: number -> handler.
 * A number beyond the table goes to syscall_outside_table
 * (arch/x86/trap_entry.asm): -ENOSYS, unless it is a number of the table
 * marked as a cancellation point (SYSCALL_CANCEL_POINT, thread_cancel(2)).
 * A number in the table that no call has answers -ENOSYS too: every slot
 * holds a handler, so the entry code needs no test for an empty one. */
#include "syscall.h"

#include "arch/x86/cache_line.h"
#include "arch/x86/trap_frame.h"
#include "kernel/panic.h"
#include "kernel/subsystems/subsystem.h"
#include "proc/thread.h"
#include "uapi/errno.h"
#include "uapi/syscall.h"

typedef int (*syscall_handler)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t);
#define HANDLER(function) ((syscall_handler)(void *)(function))

/* What trap_entry.asm knows of the table: its size and ENOSYS. */
_Static_assert(SYSCALL_COUNT == 224 && ENOSYS == 38 && SYSCALL_CANCEL_POINT == 0x100,
               "SYSCALL_COUNT, ENOSYS and SYSCALL_CANCEL_POINT in trap_entry.asm");

static int no_such_system_call(void)
{
    return -ENOSYS;
}

/* Every slot answers -ENOSYS until a subsystem of the profile puts its
 * rows in (kernel/subsystems/NAME.c, syscall_install, at boot). Not const
 * for that reason, and because a boot option may choose another handler
 * for a call (syscall_replace). */
READ_MOSTLY syscall_handler syscall_table[SYSCALL_COUNT] = {
    [0 ... SYSCALL_COUNT - 1] = HANDLER(no_such_system_call),
};

int syscall_run(unsigned number, const struct trap_frame *frame)
{
    return syscall_table[number](frame->ebx, frame->ecx, frame->edx, frame->esi, frame->edi, frame->ebp);
}

int syscall_outside_table(struct trap_frame *frame)
{
    uint32_t number = frame->eax & ~(uint32_t)SYSCALL_CANCEL_POINT;
    if ((frame->eax & SYSCALL_CANCEL_POINT) && number < SYSCALL_COUNT)
        return thread_cancel_point(number, frame);
    return -ENOSYS;
}

void syscall_replace(unsigned number, void *handler)
{
    ASSERT(number < SYSCALL_COUNT);
    syscall_table[number] = HANDLER(handler);
}

void syscall_install(const struct syscall_row *rows, unsigned count)
{
    for (unsigned i = 0; i < count; i++) {
        ASSERT(rows[i].number < SYSCALL_COUNT);
        ASSERT(syscall_table[rows[i].number] == HANDLER(no_such_system_call));   /* one owner per number */
        syscall_table[rows[i].number] = HANDLER(rows[i].handler);
    }
}
