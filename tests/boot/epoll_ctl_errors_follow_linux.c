/* epoll_create, epoll_ctl and epoll_wait refuse what Linux refuses, with
 * its errors (epoll_create(2), epoll_ctl(2), epoll_wait(2)): a size <= 0
 * or an unknown flag is EINVAL; EPOLL_CLOEXEC sets FD_CLOEXEC; a
 * descriptor that is not open is EBADF; a file that is always ready (a
 * regular file, a directory, /dev/null) is EPERM; an epfd that is no
 * epoll instance, or fd = epfd, or an unknown op, is EINVAL; ADD twice is
 * EEXIST, MOD or DEL of what is not watched ENOENT; EPOLLEXCLUSIVE only
 * with ADD, some events, and no epoll target (EINVAL); a cycle of
 * instances is ELOOP; a bad event pointer is EFAULT except for DEL, which
 * ignores it; maxevents <= 0 is EINVAL, an events buffer outside user
 * memory EFAULT, and a NULL one EFAULT once an event is to be written,
 * which stays to be read. Nothing leaks. */
#include <fcntl.h>
#include <stdint.h>
#include <sys/epoll.h>

#include "boot_test.h"

#define KERNEL_ADDRESS ((void *)~(uintptr_t)0xfff)   /* above user memory on i386 and x86-64 */

static void create_errors(void)
{
    CHECK_ERROR(epoll_create(0), EINVAL);
    CHECK_ERROR(epoll_create(-1), EINVAL);
    CHECK_ERROR(epoll_create1(1), EINVAL);
    CHECK_ERROR(epoll_create1(O_NONBLOCK), EINVAL);
    int plain = epoll_create(1);
    CHECK(plain >= 0, "epoll_create(1): %d", plain);
    CHECK_EQ(0, fcntl(plain, F_GETFD) & FD_CLOEXEC, "epoll_create: no FD_CLOEXEC");
    int closing = epoll_create1(EPOLL_CLOEXEC);
    CHECK(closing >= 0, "epoll_create1(EPOLL_CLOEXEC): %d", closing);
    CHECK_EQ(FD_CLOEXEC, fcntl(closing, F_GETFD) & FD_CLOEXEC, "EPOLL_CLOEXEC sets FD_CLOEXEC");
    CHECK_EQ(O_RDWR, fcntl(closing, F_GETFL) & O_ACCMODE, "an epoll descriptor is open for reading and writing");
    close(plain);
    close(closing);
}

static void ctl_errors(void)
{
    int epoll = epoll_create1(0);
    int fds[2];
    pipe(fds);
    struct epoll_event event = { EPOLLIN, { .u64 = 7 } };

    CHECK_ERROR(epoll_ctl(-1, EPOLL_CTL_ADD, fds[0], &event), EBADF);
    CHECK_ERROR(epoll_ctl(200, EPOLL_CTL_ADD, fds[0], &event), EBADF);
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_ADD, -1, &event), EBADF);
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_ADD, 200, &event), EBADF);
    CHECK_ERROR(epoll_ctl(fds[1], EPOLL_CTL_ADD, fds[0], &event), EINVAL);   /* epfd is a pipe */
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_ADD, epoll, &event), EINVAL);     /* itself */

    int file = open("/tmp/epoll_regular", O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_ADD, file, &event), EPERM);
    close(file);
    unlink("/tmp/epoll_regular");
    int directory = open("/tmp", O_RDONLY);
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_ADD, directory, &event), EPERM);
    close(directory);
    int null = open("/dev/null", O_RDWR);
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_ADD, null, &event), EPERM);
    close(null);

    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_MOD, fds[0], &event), ENOENT);
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_DEL, fds[0], &event), ENOENT);
    CHECK_EQ(0, epoll_ctl(epoll, EPOLL_CTL_ADD, fds[0], &event), "ADD");
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_ADD, fds[0], &event), EEXIST);
    CHECK_EQ(0, epoll_ctl(epoll, EPOLL_CTL_MOD, fds[0], &event), "MOD");
    CHECK_ERROR(epoll_ctl(epoll, 99, fds[0], &event), EINVAL);
    CHECK_ERROR(epoll_ctl(epoll, 0, fds[0], &event), EINVAL);
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_MOD, fds[0], NULL), EFAULT);
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_ADD, fds[1], KERNEL_ADDRESS), EFAULT);
    CHECK_EQ(0, epoll_ctl(epoll, EPOLL_CTL_DEL, fds[0], NULL), "DEL ignores its event pointer");
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_DEL, fds[0], NULL), ENOENT);

    /* EPOLLEXCLUSIVE: ADD only, with in/out/err/hup/et, never an instance */
    struct epoll_event exclusive = { EPOLLIN | EPOLLEXCLUSIVE, { 0 } };
    struct epoll_event exclusive_oneshot = { EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT, { 0 } };
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_ADD, fds[0], &exclusive_oneshot), EINVAL);
    CHECK_EQ(0, epoll_ctl(epoll, EPOLL_CTL_ADD, fds[0], &exclusive), "ADD with EPOLLEXCLUSIVE");
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_MOD, fds[0], &exclusive), EINVAL);
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_MOD, fds[0], &event), EINVAL);   /* an exclusive entry stays so */
    CHECK_EQ(0, epoll_ctl(epoll, EPOLL_CTL_DEL, fds[0], NULL), "DEL of an exclusive entry");
    int inner = epoll_create1(0);
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_ADD, inner, &exclusive), EINVAL);

    /* instances watching instances: a cycle is ELOOP */
    CHECK_EQ(0, epoll_ctl(epoll, EPOLL_CTL_ADD, inner, &event), "an instance watches another");
    CHECK_ERROR(epoll_ctl(inner, EPOLL_CTL_ADD, epoll, &event), ELOOP);
    int third = epoll_create1(0);
    CHECK_EQ(0, epoll_ctl(inner, EPOLL_CTL_ADD, third, &event), "a chain of three");
    CHECK_ERROR(epoll_ctl(third, EPOLL_CTL_ADD, epoll, &event), ELOOP);
    close(third);
    close(inner);
    close(epoll);
    close(fds[0]);
    close(fds[1]);
}

/* A chain of instances, each watching the next: how long one may be. */
static void nesting_depth(void)
{
    struct epoll_event event = { EPOLLIN, { 0 } };
    int chain[8];
    for (int i = 0; i < 8; i++)
        chain[i] = epoll_create1(0);
    int linked = 1;
    while (linked < 8 && epoll_ctl(chain[linked - 1], EPOLL_CTL_ADD, chain[linked], &event) == 0)
        linked++;
    CHECK_EQ(5, linked, "instances in a chain before ELOOP (EPOLL_MAX_NESTING + 1, as Linux)");
    CHECK_EQ(ELOOP, errno, "the error that ends the chain");
    for (int i = 0; i < 8; i++)
        close(chain[i]);
}

static void wait_errors(void)
{
    int epoll = epoll_create1(0);
    int fds[2];
    pipe(fds);
    struct epoll_event events[4];
    CHECK_ERROR(epoll_wait(epoll, events, 0, 0), EINVAL);
    CHECK_ERROR(epoll_wait(epoll, events, -1, 0), EINVAL);
    CHECK_ERROR(epoll_wait(-1, events, 4, 0), EBADF);
    CHECK_ERROR(epoll_wait(200, events, 4, 0), EBADF);
    CHECK_ERROR(epoll_wait(fds[0], events, 4, 0), EINVAL);
    CHECK_ERROR(epoll_wait(epoll, KERNEL_ADDRESS, 4, 0), EFAULT);
    CHECK_ERROR(epoll_pwait(epoll, events, 0, 0, NULL), EINVAL);

    struct epoll_event event = { EPOLLIN, { .u64 = 42 } };
    epoll_ctl(epoll, EPOLL_CTL_ADD, fds[0], &event);
    write(fds[1], "x", 1);
    CHECK_ERROR(epoll_wait(epoll, NULL, 4, 0), EFAULT);
    memset(events, 0, sizeof events);
    CHECK_EQ(1, epoll_wait(epoll, events, 4, 0), "the event is still there after EFAULT");
    CHECK_EQ(42, events[0].data.u64, "its data");
    close(epoll);
    close(fds[0]);
    close(fds[1]);
}

static void cases(void)
{
    create_errors();
    ctl_errors();
    nesting_depth();
    wait_errors();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("epoll_ctl_errors_follow_linux");
}
