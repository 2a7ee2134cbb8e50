/* libc/stdlib/exit.c - ending the process: exit runs the handlers that
 * atexit and on_exit registered and flushes the streams first; abort ends
 * it with SIGABRT.
 *
 * The two kinds of handler share one list, as in glibc, so they run in
 * the reverse of the order they were registered in, whichever call
 * registered each: on_exit's with exit's status and the argument given. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define EXIT_HANDLERS_MAX 32   /* atexit and on_exit together, as C requires at least for atexit */

struct exit_handler {
    int takes_status;                               /* on_exit's: 1; atexit's: 0 */
    void (*plain)(void);                            /* atexit's */
    void (*with_status)(int status, void *argument);   /* on_exit's */
    void *argument;
};

static struct exit_handler handlers[EXIT_HANDLERS_MAX];
static int handler_count;

/* Appends one handler; 0, or -1 when the list is full. */
static int register_handler(struct exit_handler handler)
{
    if (handler_count == EXIT_HANDLERS_MAX)
        return -1;
    handlers[handler_count++] = handler;
    return 0;
}

/* Registers `handler` to run at exit, before those registered earlier;
 * returns 0, or -1 when the list is full. */
int atexit(void (*handler)(void))
{
    return register_handler((struct exit_handler){ .plain = handler });
}

/* Registers `handler` to run at exit as handler(status, argument), with
 * the status given to exit (or returned by main); 0, or -1 when full. */
int on_exit(void (*handler)(int status, void *argument), void *argument)
{
    return register_handler((struct exit_handler){
        .takes_status = 1, .with_status = handler, .argument = argument });
}

/* Runs the handlers, newest first, writes out every stream's pending
 * output, and ends the process with `status`. */
void exit(int status)
{
    while (handler_count > 0) {
        /* taken off first: a handler that calls exit is not run again, its exit runs the rest */
        struct exit_handler handler = handlers[--handler_count];
        if (handler.takes_status)
            handler.with_status(status, handler.argument);
        else
            handler.plain();
    }
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
