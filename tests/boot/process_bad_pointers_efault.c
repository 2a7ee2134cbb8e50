/* tests/boot/process_bad_pointers_efault.c - every system call answers a bad
 * pointer with EFAULT, a bad descriptor with EBADF and an unknown number with
 * ENOSYS, and the kernel (and this process) go on. */
#include <time.h>
#include <uapi/syscall.h>

#include "boot_test.h"

#define UNMAPPED_USER ((void *)0x00000010)      /* the first page is never mapped */
#define KERNEL_ADDRESS ((void *)0xC0100000)     /* the kernel's code */
#define TOP_OF_MEMORY ((void *)0xFFFFF000)

/* Hides an address from the compiler, which otherwise warns about the
 * very calls this test makes on purpose. */
static void *hide(void *pointer)
{
    __asm__("" : "+r"(pointer));
    return pointer;
}

static long raw_syscall(long number, long a, long b, long c)
{
    long result;
    __asm__ volatile("int $0x80" : "=a"(result) : "a"(number), "b"(a), "c"(b), "d"(c) : "memory");
    return result;
}

int main(void)
{
    static void *const bad[] = { UNMAPPED_USER, KERNEL_ADDRESS, TOP_OF_MEMORY };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        void *address = hide(bad[i]);
        CHECK_ERROR(write(1, address, 5), EFAULT);
        if (address != UNMAPPED_USER)   /* a read of the console waits for input first */
            CHECK_ERROR(read(0, address, 5), EFAULT);
        CHECK_ERROR(execve(address, NULL, NULL), EFAULT);
        CHECK_ERROR(nanosleep(address, NULL), EFAULT);
        CHECK_EQ(-EFAULT, raw_syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (long)address, 0),
                 "the system call clock_gettime (the libc's reads the clock page: a fault, as on Linux)");
        CHECK_ERROR(kinfo(KINFO_COUNTERS, address, sizeof(struct kinfo_counters)), EFAULT);
    }
    /* a range that starts in user memory and runs into the kernel */
    CHECK_ERROR(write(1, hide((void *)0xBFFFFFF0), 64), EFAULT);

    /* bad argument vectors */
    char *bad_vector[] = { "x", UNMAPPED_USER, NULL };
    CHECK_ERROR(execve("/tests/process_bad_pointers_efault", hide(UNMAPPED_USER), NULL), EFAULT);
    CHECK_ERROR(execve("/tests/process_bad_pointers_efault", bad_vector, NULL), EFAULT);
    CHECK_ERROR(execve("/tests/process_bad_pointers_efault", NULL, hide(KERNEL_ADDRESS)), EFAULT);

    /* waitpid with a bad status pointer fails and leaves the zombie */
    pid_t child = fork();
    if (child == 0)
        _exit(5);
    usleep(20000);
    CHECK_ERROR(waitpid(child, hide(KERNEL_ADDRESS), 0), EFAULT);
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid after the failed one");
    CHECK_EQ(5, WEXITSTATUS(status), "the zombie's exit code");

    /* bad descriptors */
    char c = 0;
    CHECK_ERROR(read(-1, &c, 1), EBADF);
    CHECK_ERROR(write(99, &c, 1), EBADF);
    CHECK_ERROR(write(31, &c, 1), EBADF);
    CHECK_ERROR(close(1000), EBADF);
    CHECK_ERROR(dup(-5), EBADF);
    CHECK_ERROR(dup2(1, 4096), EBADF);

    /* unknown system call numbers */
    CHECK_EQ(-ENOSYS, raw_syscall(127, 0, 0, 0), "system call 127");
    CHECK_EQ(-ENOSYS, raw_syscall(100000, 0, 0, 0), "system call 100000");
    CHECK_EQ(-ENOSYS, raw_syscall(-1, 0, 0, 0), "system call -1");
    CHECK_EQ(-ENOSYS, raw_syscall(0, 0, 0, 0), "system call 0");

    /* only pid 1 may power the machine off */
    CHECK_ERROR(poweroff(0), EPERM);

    /* registers other than eax survive a system call */
    long ebx_after, esi_after, edi_after, result;
    __asm__ volatile("mov $0x11111111, %%ebx\n\t"
                     "mov $0x22222222, %%esi\n\t"
                     "mov $0x33333333, %%edi\n\t"
                     "int $0x80\n\t"
                     "mov %%ebx, %1\n\t"
                     "mov %%esi, %2\n\t"
                     "mov %%edi, %3"
                     : "=a"(result), "=m"(ebx_after), "=m"(esi_after), "=m"(edi_after)
                     : "a"(SYS_getpid) : "ebx", "esi", "edi", "memory");
    CHECK(ebx_after == 0x11111111 && esi_after == 0x22222222 && edi_after == 0x33333333,
          "registers changed by a system call: ebx=%lx esi=%lx edi=%lx", ebx_after, esi_after, edi_after);
    CHECK_EQ(getpid(), result, "getpid through int 0x80");

    return test_finish("process_bad_pointers_efault");
}
