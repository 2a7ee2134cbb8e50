/* libc/signal/signal.c - signal(), the old way to catch a signal. A file
 * of its own, apart from sigaction's (catch.c): the books' libraries
 * (Advanced Programming in the UNIX Environment, UNIX Network
 * Programming) define their own signal() on top of sigaction, as their
 * chapters teach, and a static link takes each object of the libc whole,
 * so a signal() beside sigaction would be defined twice. */
#include <signal.h>

/* BSD semantics, as Linux's libc: the handler stays installed, and system
 * calls it interrupts are restarted. */
sighandler_t signal(int signal, sighandler_t handler)
{
    struct sigaction action = { .sa_handler = handler, .sa_flags = SA_RESTART }, old = { .sa_handler = SIG_DFL };
    if (sigaction(signal, &action, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}
