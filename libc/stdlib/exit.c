/* libc/stdlib/exit.c - ending the process: exit runs the atexit handlers
 * and flushes the streams first; abort ends it with SIGABRT. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define ATEXIT_MAX 32   /* handlers atexit can hold, as C requires at least */

static void (*handlers[ATEXIT_MAX])(void);
static int handler_count;

/* Registers `handler` to run at exit, after those registered later;
 * returns 0, or -1 when the table is full. */
int atexit(void (*handler)(void))
{
    if (handler_count == ATEXIT_MAX)
        return -1;
    handlers[handler_count++] = handler;
    return 0;
}

/* Runs the atexit handlers, newest first, writes out every stream's
 * pending output, and ends the process with `status`. */
void exit(int status)
{
    while (handler_count > 0)
        handlers[--handler_count]();   /* taken off first: a handler that exits ends the loop */
    fflush(NULL);
    _exit(status);
}

/* Ends the process with SIGABRT (killing it unless a handler takes the
 * signal and leaves by itself); streams are not flushed. */
void abort(void)
{
    sigset_t abort_only;
    sigemptyset(&abort_only);
    sigaddset(&abort_only, SIGABRT);
    sigprocmask(SIG_UNBLOCK, &abort_only, NULL);
    raise(SIGABRT);                 /* a handler may run and return ... */
    signal(SIGABRT, SIG_DFL);       /* ... then the default action ends us */
    raise(SIGABRT);
    _exit(127);
}
