/* libc/sysv/sem.c - System V semaphore sets: one system call each. */
#include <stdarg.h>
#include <sys/sem.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

/* The set of `key` with at least `count` semaphores, created under IPC_CREAT. */
int semget(key_t key, int count, int flags)
{
    return syscall_result(syscall3(SYS_semget, key, count, flags));
}

/* Applies `count` operations atomically. */
int semop(int id, struct sembuf *operations, size_t count)
{
    return syscall_result(cancel_point_result(syscall3(cancel_point_number(SYS_semop),
                                                       id, (long)operations, (long)count)));
}

/* Whether `command` takes semctl's fourth argument (a union semun). */
static int takes_argument(int command)
{
    return command == SETVAL || command == SETALL || command == GETALL ||
           command == IPC_STAT || command == IPC_SET || command == SEM_STAT || command == SEM_STAT_ANY ||
           command == IPC_INFO || command == SEM_INFO;
}

/* The fourth argument is the program's own union semun, passed by value:
 * on i386 every member (an int or a pointer) is one 32-bit word, read here
 * as an unsigned long and handed to the kernel unchanged. It is read only
 * for the commands that take it, since a caller may leave it out. */
int semctl(int id, int number, int command, ...)
{
    unsigned long argument = 0;
    if (takes_argument(command)) {
        va_list arguments;
        va_start(arguments, command);
        argument = va_arg(arguments, unsigned long);
        va_end(arguments);
    }
    return syscall_result(syscall4(SYS_semctl, id, number, command, (long)argument));
}
