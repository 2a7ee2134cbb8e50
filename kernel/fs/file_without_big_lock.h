/* kernel/fs/file_without_big_lock.h - read(2) and write(2) that begin
 * without the big kernel lock, on several CPUs (file_without_big_lock.c). */
#ifndef KERNEL_FS_FILE_WITHOUT_BIG_LOCK_H
#define KERNEL_FS_FILE_WITHOUT_BIG_LOCK_H

#include <stdint.h>

/* Per system call number: 1 if the call begins without the big kernel
 * lock (read by arch/x86/trap_entry.asm's syscall_entry_locking). */
extern uint8_t syscall_without_big_lock[];

/* From now on read and write begin without it: their rows in the
 * system call table are this file's, which go the usual way (sys_read,
 * sys_write) once they have taken the lock. Context: boot, as the other
 * CPUs start running tasks (smp_run_other_cpus). */
void file_calls_without_big_lock_start(void);

#endif
