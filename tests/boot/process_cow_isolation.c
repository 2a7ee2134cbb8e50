/* tests/boot/process_cow_isolation.c - after fork, parent and child share
 * pages copy-on-write: a write on either side never shows on the other. */
#include "boot_test.h"

#define BIG (64 * 1024)
static int global_value = 100;
static unsigned char big_buffer[BIG];

static unsigned checksum(const unsigned char *p, int n)
{
    unsigned sum = 0;
    for (int i = 0; i < n; i++)
        sum = sum * 31 + p[i];
    return sum;
}

int main(void)
{
    int stack_value = 200;
    int *heap_value = malloc(sizeof *heap_value);
    *heap_value = 300;
    for (int i = 0; i < BIG; i++)
        big_buffer[i] = (unsigned char)i;
    unsigned original_sum = checksum(big_buffer, BIG);

    /* the child writes; the parent must not see it */
    pid_t child = fork();
    if (child == 0) {
        global_value = 1;
        stack_value = 2;
        *heap_value = 3;
        memset(big_buffer, 0xEE, BIG);
        _exit(global_value + stack_value + *heap_value == 6 ? 0 : 1);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child did not see its own writes");
    CHECK_EQ(100, global_value, "parent's global after the child wrote");
    CHECK_EQ(200, stack_value, "parent's stack variable after the child wrote");
    CHECK_EQ(300, *heap_value, "parent's heap value after the child wrote");
    CHECK(checksum(big_buffer, BIG) == original_sum, "the parent's 64 KiB buffer changed");

    /* the parent writes; the child must still see the old values */
    child = fork();
    if (child == 0) {
        usleep(30000);                /* the parent writes meanwhile */
        int ok = global_value == 100 && stack_value == 200 && *heap_value == 300 &&
                 checksum(big_buffer, BIG) == original_sum;
        _exit(ok ? 0 : 1);
    }
    global_value = 7;
    stack_value = 8;
    *heap_value = 9;
    memset(big_buffer, 0x11, BIG);
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child saw the parent's writes");
    return test_finish("process_cow_isolation");
}
