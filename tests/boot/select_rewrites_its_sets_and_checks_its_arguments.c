/* select's sets and arguments (POSIX select(2)): on return each set holds
 * only its ready descriptors and the result counts the bits in all three
 * (a descriptor ready for reading and writing counts twice); a pipe whose
 * writers are gone is readable (a read returns at once); [EBADF] "One or
 * more of the file descriptor sets specified a file descriptor that is not
 * a valid open file descriptor"; [EINVAL] "The nfds argument is less than
 * 0 or greater than FD_SETSIZE", or a timeval out of range; EFAULT for a
 * set that is not ours. */
#include <fcntl.h>
#include <sys/select.h>
#include <sys/time.h>

#include "boot_test.h"

int main(void)
{
    int ready[2], empty[2];
    pipe(ready);
    pipe(empty);
    write(ready[1], "x", 1);
    int file = open("/tmp/select_file", O_RDWR | O_CREAT, 0600);

    fd_set readable, writable, exceptional;
    FD_ZERO(&readable);
    FD_ZERO(&writable);
    FD_ZERO(&exceptional);
    FD_SET(ready[0], &readable);
    FD_SET(empty[0], &readable);
    FD_SET(file, &readable);
    FD_SET(file, &writable);
    FD_SET(empty[1], &writable);
    FD_SET(ready[0], &exceptional);
    int nfds = 0;
    int all[] = { ready[0], ready[1], empty[0], empty[1], file };
    for (unsigned i = 0; i < 5; i++)
        nfds = all[i] + 1 > nfds ? all[i] + 1 : nfds;
    struct timeval none = { 0, 0 };
    CHECK_EQ(4, select(nfds, &readable, &writable, &exceptional, &none),
             "bits ready: the pipe with data, the file twice, the empty pipe's write end");
    CHECK(FD_ISSET(ready[0], &readable), "the pipe with data: readable");
    CHECK(!FD_ISSET(empty[0], &readable), "the empty pipe: cleared from the read set");
    CHECK(FD_ISSET(file, &readable) && FD_ISSET(file, &writable), "the regular file: in both sets");
    CHECK(FD_ISSET(empty[1], &writable), "the empty pipe's write end: writable");
    CHECK(!FD_ISSET(ready[0], &exceptional), "no exceptional condition on a pipe: cleared");

    close(empty[1]);
    FD_ZERO(&readable);
    FD_SET(empty[0], &readable);
    CHECK_EQ(1, select(empty[0] + 1, &readable, 0, 0, &none), "a pipe with no writer left: readable (EOF)");

    FD_ZERO(&readable);
    FD_SET(40, &readable);
    CHECK_ERROR(select(41, &readable, 0, 0, &none), EBADF);
    FD_ZERO(&readable);
    FD_SET(1000, &readable);
    CHECK_ERROR(select(1001, &readable, 0, 0, &none), EBADF);
    FD_ZERO(&readable);
    FD_SET(40, &readable);
    CHECK_EQ(0, select(40, &readable, 0, 0, &none), "a bit at nfds or beyond is not looked at");
    CHECK_ERROR(select(-1, 0, 0, 0, &none), EINVAL);
    CHECK_ERROR(select(FD_SETSIZE + 1, 0, 0, 0, &none), EINVAL);
    struct timeval bad = { 0, 1000000 };
    CHECK_ERROR(select(0, 0, 0, 0, &bad), EINVAL);
    bad.tv_usec = -1;
    CHECK_ERROR(select(0, 0, 0, 0, &bad), EINVAL);
    CHECK_ERROR(select(ready[0] + 1, (fd_set *)16, 0, 0, &none), EFAULT);
    CHECK_ERROR(select(ready[0] + 1, 0, (fd_set *)0xC0001000, 0, &none), EFAULT);
    struct timespec zero = { 0, 0 };
    CHECK_ERROR(pselect(ready[0] + 1, 0, 0, 0, &zero, (sigset_t *)16), EFAULT);
    CHECK_EQ(0, select(0, 0, 0, 0, &none), "no sets: 0");

    close(file);
    unlink("/tmp/select_file");
    return test_finish("select_rewrites_its_sets_and_checks_its_arguments");
}
