/* tests/boot/waitpid_takes_linux_options_and_int_min_is_esrch.c - the
 * error numbers of waits and timer_settime, as Linux gives them:
 *  - wait4, waitpid and waitid take Linux's __WALL, __WCLONE and
 *    __WNOTHREAD: __WALL waits for every child; __WCLONE alone for the
 *    children made by clone() with another exit signal, and fork makes
 *    none (ECHILD); __WNOTHREAD only for the children forked by the
 *    calling thread, and the children of a thread that ended become
 *    those of a thread still running;
 *  - waitpid(INT_MIN) is ESRCH (-INT_MIN names no process group);
 *  - timer_settime without a new setting is EINVAL (not EFAULT). */
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "boot_test.h"

#ifndef __WNOTHREAD
#define __WNOTHREAD 0x20000000
#endif
#ifndef __WALL
#define __WALL 0x40000000
#endif
#ifndef __WCLONE
#define __WCLONE 0x80000000
#endif

static pid_t child_of_thread;

static void *fork_a_child(void *argument)
{
    (void)argument;
    child_of_thread = fork();
    if (child_of_thread == 0)
        _exit(3);
    return NULL;
}

static void clone_options(void)
{
    pid_t child = fork();
    if (child == 0)
        _exit(7);
    int status = 0;
    CHECK_ERROR(waitpid(-1, &status, __WCLONE), ECHILD);
    CHECK_ERROR(wait4(child, &status, __WCLONE | WNOHANG, NULL), ECHILD);
    CHECK_EQ(child, waitpid(child, &status, __WALL), "waitpid __WALL");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "its status %#x", status);

    child = fork();
    if (child == 0)
        _exit(8);
    siginfo_t info;
    memset(&info, 0, sizeof info);
    CHECK_EQ(0, waitid(P_PID, child, &info, WEXITED | __WALL | __WNOTHREAD), "waitid __WALL | __WNOTHREAD");
    CHECK_EQ(child, info.si_pid, "waitid's si_pid");
    CHECK_EQ(8, info.si_status, "waitid's si_status");
    CHECK_ERROR(wait4(-1, &status, 0x10000000, NULL), EINVAL);   /* still no other bit */
}

static void no_thread_option(void)
{
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, fork_a_child, NULL), "pthread_create");
    /* the thread forks and ends; while it ran, its child was not ours */
    pthread_join(thread, NULL);
    CHECK(child_of_thread > 0, "the thread's fork");
    int status = 0;
    CHECK_EQ(child_of_thread, waitpid(child_of_thread, &status, __WNOTHREAD),
             "waitpid __WNOTHREAD: the ended thread's child is the main thread's now");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3, "its status %#x", status);
}

static volatile int forked;
static int hold[2];

static void *fork_and_stay(void *argument)
{
    (void)argument;
    child_of_thread = fork();
    if (child_of_thread == 0) {
        _exit(4);
    }
    forked = 1;
    char byte;
    read(hold[0], &byte, 1);                     /* stays until the main thread has tried */
    return NULL;
}

static void no_thread_option_while_the_thread_runs(void)
{
    CHECK_EQ(0, pipe(hold), "pipe");
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, fork_and_stay, NULL), "pthread_create");
    while (!forked)
        usleep(1000);
    int status = 0;
    CHECK_ERROR(waitpid(-1, &status, __WNOTHREAD), ECHILD);   /* the other thread's child */
    CHECK_EQ(child_of_thread, waitpid(-1, &status, 0), "waitpid without __WNOTHREAD");
    write(hold[1], "x", 1);
    pthread_join(thread, NULL);
    close(hold[0]);
    close(hold[1]);
}

static void errors(void)
{
    CHECK_ERROR(waitpid(INT_MIN, NULL, 0), ESRCH);
    CHECK_ERROR(wait4(INT_MIN, NULL, WNOHANG, NULL), ESRCH);

    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_NONE;
    timer_t timer;
    CHECK_EQ(0, timer_create(CLOCK_MONOTONIC, &event, &timer), "timer_create");
    struct itimerspec old;
    CHECK_ERROR(timer_settime(timer, 0, NULL, NULL), EINVAL);
    CHECK_ERROR(timer_settime(timer, 0, NULL, &old), EINVAL);
    CHECK_ERROR(timer_settime(timer, 0, (struct itimerspec *)1, NULL), EFAULT);
    CHECK_EQ(0, timer_delete(timer), "timer_delete");
}

static void cases(void)
{
    clone_options();
    no_thread_option();
    no_thread_option_while_the_thread_runs();
    errors();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("waitpid_takes_linux_options_and_int_min_is_esrch");
}
