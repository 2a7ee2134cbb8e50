/* libc_syscall_makes_any_call_by_its_number: syscall(SYS_name, ...) of
 * <sys/syscall.h> makes that call with up to six arguments and returns
 * its result: SYS_gettid is the calling thread's id (the process id in
 * the first thread, another in a second one), SYS_getpid getpid's,
 * SYS_pipe, SYS_write and SYS_read move bytes, SYS_mmap takes all six;
 * a failed call is -1 with errno (EBADF), an unknown number ENOSYS. */
#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "boot_test.h"

static void *report_thread_id(void *unused)
{
    (void)unused;
    return (void *)syscall(SYS_gettid);
}

int main(void)
{
    CHECK_EQ(getpid(), syscall(SYS_gettid), "SYS_gettid in the first thread");
    CHECK_EQ(getpid(), syscall(SYS_getpid), "SYS_getpid");
    CHECK_EQ(getpid(), syscall(SYS_getpid, 1, 2, 3), "arguments a call does not take are ignored");

    pthread_t thread;
    void *thread_id = NULL;
    CHECK_EQ(0, pthread_create(&thread, NULL, report_thread_id, NULL), "pthread_create");
    CHECK_EQ(0, pthread_join(thread, &thread_id), "pthread_join");
    CHECK((long)thread_id > 0 && (long)thread_id != getpid(), "a second thread's id: %ld", (long)thread_id);

    int fds[2];
    CHECK_EQ(0, syscall(SYS_pipe, fds), "SYS_pipe");
    CHECK_EQ(5, syscall(SYS_write, fds[1], "hello", 5), "SYS_write");
    char back[8] = { 0 };
    CHECK_EQ(5, syscall(SYS_read, fds[0], back, sizeof back), "SYS_read");
    CHECK(!memcmp(back, "hello", 5), "read back \"%s\"", back);
    CHECK_EQ(0, syscall(SYS_close, fds[0]), "SYS_close");
    close(fds[1]);

    long address = syscall(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(address != -1 && address != 0, "SYS_mmap with six arguments: %lx (%s)", address, strerror(errno));
    if (address != -1) {
        ((char *)address)[100] = 7;
        CHECK_EQ(7, ((char *)address)[100], "the mapping is writable");
        CHECK_EQ(0, syscall(SYS_munmap, address, 4096), "SYS_munmap");
    }

    CHECK_ERROR(syscall(SYS_close, fds[0]), EBADF);
    CHECK_ERROR(syscall(SYS_read, -1, back, 1), EBADF);
    CHECK_ERROR(syscall(-1), ENOSYS);
    CHECK_ERROR(syscall(100000), ENOSYS);
    return test_finish("libc_syscall_makes_any_call_by_its_number");
}
