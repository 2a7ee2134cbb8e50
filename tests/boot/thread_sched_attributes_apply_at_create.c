/* tests/boot/thread_sched_attributes_apply_at_create.c - the scheduling
 * attributes of pthreads as glibc has them: the defaults (inherit,
 * SCHED_OTHER, system scope), EINVAL and ENOTSUP from the setters,
 * PTHREAD_EXPLICIT_SCHED applied by the time pthread_create returns and
 * before the thread's first line runs (on 2 CPUs too),
 * PTHREAD_INHERIT_SCHED taking the creator's class, EPERM at create for
 * an unprivileged creator; pthread_setschedparam, pthread_setschedprio;
 * the mutex protocol and ceiling attributes. */
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include "boot_test.h"

static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static int seen_policy, seen_priority;

/* Waits at the gate, then reports its own class. */
static void *reporting_thread(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&gate);
    pthread_mutex_unlock(&gate);
    struct sched_param param;
    pthread_getschedparam(pthread_self(), &seen_policy, &param);
    seen_priority = param.sched_priority;
    return 0;
}

static void class_of(pthread_t thread, int policy, int priority, const char *what)
{
    int actual_policy = -1;
    struct sched_param param = { -1 };
    CHECK_EQ(0, pthread_getschedparam(thread, &actual_policy, &param), what);
    CHECK_EQ(policy, actual_policy, what);
    CHECK_EQ(priority, param.sched_priority, what);
}

static void attribute_defaults_and_errors(void)
{
    pthread_attr_t attributes;
    int value;
    struct sched_param param = { 50 };
    pthread_attr_init(&attributes);
    CHECK_EQ(0, pthread_attr_getinheritsched(&attributes, &value), "getinheritsched");
    CHECK_EQ(PTHREAD_INHERIT_SCHED, value, "the default inheritsched");
    CHECK_EQ(0, pthread_attr_getschedpolicy(&attributes, &value), "getschedpolicy");
    CHECK_EQ(SCHED_OTHER, value, "the default policy");
    CHECK_EQ(0, pthread_attr_getscope(&attributes, &value), "getscope");
    CHECK_EQ(PTHREAD_SCOPE_SYSTEM, value, "the default scope");
    CHECK_EQ(0, pthread_attr_setscope(&attributes, PTHREAD_SCOPE_SYSTEM), "setscope SYSTEM");
    CHECK_EQ(ENOTSUP, pthread_attr_setscope(&attributes, PTHREAD_SCOPE_PROCESS), "setscope PROCESS");
    CHECK_EQ(EINVAL, pthread_attr_setscope(&attributes, 42), "setscope 42");
    CHECK_EQ(EINVAL, pthread_attr_setinheritsched(&attributes, 42), "setinheritsched 42");
    CHECK_EQ(EINVAL, pthread_attr_setschedpolicy(&attributes, 42), "setschedpolicy 42");
    CHECK_EQ(EINVAL, pthread_attr_setschedparam(&attributes, &param), "priority 50 for SCHED_OTHER");
    CHECK_EQ(0, pthread_attr_setschedpolicy(&attributes, SCHED_FIFO), "setschedpolicy SCHED_FIFO");
    CHECK_EQ(0, pthread_attr_setschedparam(&attributes, &param), "priority 50 for SCHED_FIFO");
    param.sched_priority = 0;
    CHECK_EQ(EINVAL, pthread_attr_setschedparam(&attributes, &param), "priority 0 for SCHED_FIFO");
    CHECK_EQ(0, pthread_attr_getschedparam(&attributes, &param), "getschedparam");
    CHECK_EQ(50, param.sched_priority, "the priority kept");
    pthread_attr_destroy(&attributes);
}

static void explicit_and_inherited(void)
{
    pthread_attr_t attributes;
    struct sched_param param = { 30 };
    pthread_attr_init(&attributes);
    pthread_attr_setinheritsched(&attributes, PTHREAD_EXPLICIT_SCHED);
    pthread_attr_setschedpolicy(&attributes, SCHED_FIFO);
    pthread_attr_setschedparam(&attributes, &param);

    pthread_t thread;
    pthread_mutex_lock(&gate);
    CHECK_EQ(0, pthread_create(&thread, &attributes, reporting_thread, 0), "pthread_create EXPLICIT FIFO 30");
    class_of(thread, SCHED_FIFO, 30, "the new thread's class as its creator sees it at once");
    CHECK_EQ(0, pthread_setschedprio(thread, 40), "pthread_setschedprio 40");
    class_of(thread, SCHED_FIFO, 40, "after pthread_setschedprio");
    pthread_mutex_unlock(&gate);
    pthread_join(thread, 0);
    CHECK(seen_policy == SCHED_FIFO && seen_priority == 40, "the thread saw itself as %d/%d", seen_policy,
          seen_priority);
    class_of(pthread_self(), SCHED_OTHER, 0, "the creator's own class is unchanged");

    struct sched_param rr = { 20 };
    CHECK_EQ(0, pthread_setschedparam(pthread_self(), SCHED_RR, &rr), "pthread_setschedparam RR 20");
    CHECK_EQ(EINVAL, pthread_setschedparam(pthread_self(), 42, &rr), "pthread_setschedparam 42");
    CHECK_EQ(0, pthread_create(&thread, 0, reporting_thread, 0), "pthread_create inheriting");
    pthread_join(thread, 0);
    CHECK(seen_policy == SCHED_RR && seen_priority == 20, "an inheriting thread saw %d/%d", seen_policy,
          seen_priority);
    struct sched_param other = { 0 };
    CHECK_EQ(0, pthread_setschedparam(pthread_self(), SCHED_OTHER, &other), "back to SCHED_OTHER");
    pthread_attr_destroy(&attributes);
}

/* Its own class, as the thread's very first line sees it. */
static void *first_line_reporter(void *slot)
{
    struct sched_param param;
    int *seen = slot;
    pthread_getschedparam(pthread_self(), &seen[0], &param);
    seen[1] = param.sched_priority;
    return 0;
}

/* A new process's first thread, of class `policy`/`priority` set
 * explicitly: 0 if its first line saw that class, else 1. */
static int first_thread_sees_its_class(int policy, int priority)
{
    pthread_attr_t attributes;
    struct sched_param param = { priority };
    pthread_attr_init(&attributes);
    pthread_attr_setinheritsched(&attributes, PTHREAD_EXPLICIT_SCHED);
    pthread_attr_setschedpolicy(&attributes, policy);
    pthread_attr_setschedparam(&attributes, &param);
    int seen[2] = { -1, -1 };
    pthread_t thread;
    if (pthread_create(&thread, &attributes, first_line_reporter, seen) != 0)
        return 2;
    pthread_join(thread, 0);
    return seen[0] != policy || seen[1] != priority;
}

/* PTHREAD_EXPLICIT_SCHED holds from the thread's first line. On another
 * CPU the first thread of a process ran before its creator set its
 * class, and saw the creator's SCHED_OTHER (the Open POSIX Test Suite's
 * pthread_attr_setschedparam/1-3 and two more, on 2 CPUs). glibc holds
 * the thread until the class is set; so does create.c (start_gate). Each
 * round is a new process, whose first thread it is. */
static void an_explicit_class_holds_from_the_first_line(void)
{
    enum { ROUNDS = 30 };
    int wrong = 0, failed = 0;
    for (int round = 0; round < ROUNDS; round++) {
        pid_t child = fork();
        if (child == 0)
            _exit(first_thread_sees_its_class(round % 2 ? SCHED_RR : SCHED_FIFO, 10 + round));
        int status = 0;
        waitpid(child, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) > 1)
            failed++;
        else
            wrong += WEXITSTATUS(status);
    }
    CHECK_EQ(0, failed, "rounds whose process could not create its thread");
    CHECK(wrong == 0, "%d of %d first threads saw another class than their explicit one at their first line",
          wrong, ROUNDS);
}

static void unprivileged_creator(void)
{
    struct rlimit none = { 0, 0 };
    CHECK_EQ(0, setrlimit(RLIMIT_RTPRIO, &none), "setrlimit(RLIMIT_RTPRIO, 0)");
    CHECK_EQ(0, setuid(1000), "setuid(1000)");
    pthread_attr_t attributes;
    struct sched_param param = { 10 };
    pthread_attr_init(&attributes);
    pthread_attr_setinheritsched(&attributes, PTHREAD_EXPLICIT_SCHED);
    pthread_attr_setschedpolicy(&attributes, SCHED_FIFO);
    pthread_attr_setschedparam(&attributes, &param);
    pthread_t thread;
    CHECK_EQ(EPERM, pthread_create(&thread, &attributes, reporting_thread, 0), "EXPLICIT FIFO, unprivileged");
    CHECK_EQ(EPERM, pthread_setschedparam(pthread_self(), SCHED_FIFO, &param), "setschedparam, unprivileged");
    pthread_attr_setinheritsched(&attributes, PTHREAD_INHERIT_SCHED);
    CHECK_EQ(0, pthread_create(&thread, &attributes, reporting_thread, 0), "INHERIT, unprivileged");
    pthread_join(thread, 0);
    pthread_attr_destroy(&attributes);
}

static void mutex_protocols(void)
{
    pthread_mutexattr_t attributes;
    int value;
    pthread_mutexattr_init(&attributes);
    CHECK_EQ(0, pthread_mutexattr_getprotocol(&attributes, &value), "getprotocol");
    CHECK_EQ(PTHREAD_PRIO_NONE, value, "the default protocol");
    CHECK_EQ(0, pthread_mutexattr_setprotocol(&attributes, PTHREAD_PRIO_INHERIT), "PTHREAD_PRIO_INHERIT");
    CHECK_EQ(EINVAL, pthread_mutexattr_setprotocol(&attributes, 42), "protocol 42");
    CHECK_EQ(0, pthread_mutexattr_getprioceiling(&attributes, &value), "getprioceiling");
    CHECK(value >= 1 && value <= 99, "the default ceiling %d", value);
    CHECK_EQ(EINVAL, pthread_mutexattr_setprioceiling(&attributes, 1000), "ceiling 1000");

    pthread_mutex_t mutex;
    pthread_mutex_init(&mutex, &attributes);
    CHECK_EQ(EINVAL, pthread_mutex_getprioceiling(&mutex, &value), "a PRIO_INHERIT mutex has no ceiling");
    CHECK_EQ(0, pthread_mutex_lock(&mutex), "lock a PRIO_INHERIT mutex");
    pthread_mutex_unlock(&mutex);
    pthread_mutex_destroy(&mutex);

    CHECK_EQ(0, pthread_mutexattr_setprotocol(&attributes, PTHREAD_PRIO_PROTECT), "PTHREAD_PRIO_PROTECT");
    CHECK_EQ(0, pthread_mutexattr_setprioceiling(&attributes, 10), "ceiling 10");
    pthread_mutex_init(&mutex, &attributes);
    CHECK_EQ(0, pthread_mutex_getprioceiling(&mutex, &value), "pthread_mutex_getprioceiling");
    CHECK_EQ(10, value, "the mutex's ceiling");
    int old = 0;
    CHECK_EQ(0, pthread_mutex_setprioceiling(&mutex, 20, &old), "pthread_mutex_setprioceiling 20");
    CHECK_EQ(10, old, "the old ceiling");
    CHECK_EQ(0, pthread_mutex_getprioceiling(&mutex, &value), "pthread_mutex_getprioceiling");
    CHECK_EQ(20, value, "the new ceiling");
    pthread_mutex_destroy(&mutex);
    pthread_mutexattr_destroy(&attributes);
}

int main(void)
{
    attribute_defaults_and_errors();
    explicit_and_inherited();
    an_explicit_class_holds_from_the_first_line();
    run_checks_in_child(unprivileged_creator);
    mutex_protocols();
    return test_finish("thread_sched_attributes_apply_at_create");
}
