/* tests/boot/sched_setscheduler_permissions_and_bad_arguments.c - the
 * scheduling-class calls as Linux has them: the priority ranges, EINVAL
 * for a bad policy, priority or pid, ESRCH for a thread that is gone,
 * EFAULT for a bad pointer; root may enter SCHED_FIFO and SCHED_RR, an
 * unprivileged user only as far as RLIMIT_RTPRIO allows (0 by default:
 * EPERM) and never for another user's process; a child inherits its
 * parent's class and exec keeps it (the test runs as root, here and on
 * Linux). */
#include <sched.h>
#include <sys/resource.h>

#include "boot_test.h"

static pid_t gone_pid(void)
{
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    waitpid(child, 0, 0);
    return child;
}

static void ranges_and_bad_arguments(void)
{
    CHECK_EQ(99, sched_get_priority_max(SCHED_FIFO), "max of SCHED_FIFO");
    CHECK_EQ(1, sched_get_priority_min(SCHED_FIFO), "min of SCHED_FIFO");
    CHECK_EQ(99, sched_get_priority_max(SCHED_RR), "max of SCHED_RR");
    CHECK_EQ(1, sched_get_priority_min(SCHED_RR), "min of SCHED_RR");
    CHECK_EQ(0, sched_get_priority_max(SCHED_OTHER), "max of SCHED_OTHER");
    CHECK_EQ(0, sched_get_priority_min(SCHED_BATCH), "min of SCHED_BATCH");
    CHECK_EQ(0, sched_get_priority_max(SCHED_IDLE), "max of SCHED_IDLE");
    CHECK_ERROR(sched_get_priority_max(42), EINVAL);
    CHECK_ERROR(sched_get_priority_min(-1), EINVAL);

    CHECK_EQ(SCHED_OTHER, sched_getscheduler(0), "a new test's policy");
    struct sched_param param = { .sched_priority = 7 };
    CHECK_EQ(0, sched_getparam(0, &param), "sched_getparam");
    CHECK_EQ(0, param.sched_priority, "a SCHED_OTHER thread's priority");

    struct sched_param p0 = { 0 }, p10 = { 10 }, p100 = { 100 };
    CHECK_ERROR(sched_setscheduler(0, 42, &p0), EINVAL);
    CHECK_ERROR(sched_setscheduler(0, -1, &p0), EINVAL);
    CHECK_ERROR(sched_setscheduler(0, SCHED_FIFO, &p0), EINVAL);
    CHECK_ERROR(sched_setscheduler(0, SCHED_RR, &p100), EINVAL);
    CHECK_ERROR(sched_setscheduler(0, SCHED_OTHER, &p10), EINVAL);
    CHECK_ERROR(sched_setscheduler(-1, SCHED_OTHER, &p0), EINVAL);
    CHECK_ERROR(sched_setscheduler(0, SCHED_OTHER, NULL), EINVAL);
    CHECK_ERROR(sched_setparam(0, &p10), EINVAL);           /* SCHED_OTHER takes 0 only */
    CHECK_ERROR(sched_getscheduler(-5), EINVAL);
    CHECK_ERROR(sched_getparam(0, NULL), EINVAL);

    pid_t gone = gone_pid();
    CHECK_ERROR(sched_setscheduler(gone, SCHED_OTHER, &p0), ESRCH);
    CHECK_ERROR(sched_getscheduler(gone), ESRCH);
    CHECK_ERROR(sched_getparam(gone, &param), ESRCH);
    CHECK_ERROR(sched_setparam(gone, &p0), ESRCH);
    struct timespec interval;
    CHECK_ERROR(sched_rr_get_interval(gone, &interval), ESRCH);
    CHECK_ERROR(sched_rr_get_interval(-1, &interval), EINVAL);

    CHECK_ERROR(sched_setscheduler(0, SCHED_FIFO, (struct sched_param *)1), EFAULT);
    CHECK_ERROR(sched_getparam(0, (struct sched_param *)1), EFAULT);
    CHECK_ERROR(sched_rr_get_interval(0, (struct timespec *)1), EFAULT);
    CHECK_EQ(SCHED_OTHER, sched_getscheduler(0), "the policy after the failed calls");
}

static const char *program;          /* argv[0]: exec'd again to report its class */

/* The program exec'd with "report-class": exits 0 if it runs as SCHED_FIFO 20. */
static int report_class(void)
{
    struct sched_param own;
    return sched_getscheduler(0) == SCHED_FIFO && sched_getparam(0, &own) == 0 && own.sched_priority == 20 ? 0 : 1;
}

static void root_may_and_children_inherit(void)
{
    struct sched_param p10 = { 10 }, p20 = { 20 }, p0 = { 0 }, param;
    CHECK_EQ(0, sched_setscheduler(0, SCHED_FIFO, &p10), "root: SCHED_FIFO 10");
    CHECK_EQ(SCHED_FIFO, sched_getscheduler(0), "policy after SCHED_FIFO 10");
    CHECK_EQ(0, sched_getparam(getpid(), &param), "sched_getparam by pid");
    CHECK_EQ(10, param.sched_priority, "priority after SCHED_FIFO 10");
    struct timespec interval = { 5, 5 };
    CHECK_EQ(0, sched_rr_get_interval(0, &interval), "sched_rr_get_interval of SCHED_FIFO");
    CHECK(interval.tv_sec == 0 && interval.tv_nsec == 0, "SCHED_FIFO has no slice: %ld.%09ld",
          (long)interval.tv_sec, interval.tv_nsec);

    CHECK_EQ(0, sched_setparam(0, &p20), "sched_setparam 20");
    CHECK_EQ(0, sched_getparam(0, &param), "sched_getparam");
    CHECK_EQ(20, param.sched_priority, "priority after sched_setparam 20");
    CHECK_EQ(SCHED_FIFO, sched_getscheduler(0), "sched_setparam keeps the policy");

    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        struct sched_param own;
        int inherited = sched_getscheduler(0) == SCHED_FIFO && sched_getparam(0, &own) == 0 &&
                        own.sched_priority == 20;
        _exit(inherited ? 0 : 1);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a child inherits SCHED_FIFO 20: status %#x", status);
    child = fork();
    if (child == 0) {
        execl(program, program, "report-class", (char *)NULL);
        _exit(2);
    }
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exec keeps SCHED_FIFO 20: status %#x", status);

    CHECK_EQ(0, sched_setscheduler(0, SCHED_RR, &p10), "root: SCHED_RR 10");
    CHECK_EQ(0, sched_rr_get_interval(0, &interval), "sched_rr_get_interval of SCHED_RR");
    CHECK(interval.tv_sec > 0 || interval.tv_nsec > 0, "SCHED_RR has a slice");
    CHECK_EQ(0, sched_setscheduler(0, SCHED_BATCH, &p0), "SCHED_BATCH");
    CHECK_EQ(SCHED_BATCH, sched_getscheduler(0), "policy after SCHED_BATCH");
    CHECK_EQ(0, sched_setscheduler(0, SCHED_OTHER, &p0), "back to SCHED_OTHER");
    CHECK_EQ(SCHED_OTHER, sched_getscheduler(0), "policy at the end");
}

/* In a child: an unprivileged user with RLIMIT_RTPRIO `limit`. Returns 0
 * where root may not raise the limit (a Linux container without
 * CAP_SYS_RESOURCE), which says so. */
static int as_user_with_rtprio(rlim_t limit)
{
    struct rlimit rtprio = { limit, limit };
    if (setrlimit(RLIMIT_RTPRIO, &rtprio) < 0 && errno == EPERM) {
        printf("skipped: this root may not raise RLIMIT_RTPRIO to %lu\n", (unsigned long)limit);
        return 0;
    }
    CHECK_EQ(0, setuid(1000), "setuid(1000)");
    return 1;
}

static void unprivileged_without_rtprio(void)
{
    CHECK(as_user_with_rtprio(0), "lowering RLIMIT_RTPRIO to 0 is always allowed");
    struct sched_param p1 = { 1 }, p0 = { 0 };
    CHECK_ERROR(sched_setscheduler(0, SCHED_FIFO, &p1), EPERM);
    CHECK_ERROR(sched_setscheduler(0, SCHED_RR, &p1), EPERM);
    CHECK_EQ(0, sched_setscheduler(0, SCHED_BATCH, &p0), "an unprivileged user may take SCHED_BATCH");
    CHECK_EQ(0, sched_setscheduler(0, SCHED_OTHER, &p0), "... and SCHED_OTHER");
    CHECK_ERROR(sched_setscheduler(getppid(), SCHED_OTHER, &p0), EPERM);   /* root's process */
    CHECK_EQ(SCHED_OTHER, sched_getscheduler(getppid()), "anyone may read another's policy");
}

static void unprivileged_with_rtprio_10(void)
{
    if (!as_user_with_rtprio(10))
        return;
    struct sched_param p5 = { 5 }, p10 = { 10 }, p11 = { 11 };
    CHECK_EQ(0, sched_setscheduler(0, SCHED_FIFO, &p5), "SCHED_FIFO 5 under RLIMIT_RTPRIO 10");
    CHECK_EQ(0, sched_setparam(0, &p10), "priority 10 under RLIMIT_RTPRIO 10");
    CHECK_ERROR(sched_setparam(0, &p11), EPERM);
    CHECK_ERROR(sched_setscheduler(0, SCHED_RR, &p11), EPERM);
    CHECK_EQ(0, sched_setparam(0, &p5), "lowering is allowed");
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "report-class"))
        return report_class();
    program = argv[0];
    ranges_and_bad_arguments();
    root_may_and_children_inherit();
    run_checks_in_child(unprivileged_without_rtprio);
    run_checks_in_child(unprivileged_with_rtprio_10);
    return test_finish("sched_setscheduler_permissions_and_bad_arguments");
}
