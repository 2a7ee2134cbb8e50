/* tests/boot/futex_shared_word_wakes_another_process.c - a futex word in
 * shared memory (MAP_SHARED) is known by its frame, not by the address
 * space (kernel/ipc/futex.c, word_key): a child sleeping in futex_wait on
 * a word of a shared mapping is woken by its parent's futex_wake on the
 * same word, and the wake says it woke one. Kernel-specific: this
 * kernel's futex_wait and futex_wake, not Linux's futex(2). */
#include <sys/mman.h>

#include "boot_thread.h"
#include "boot_wait.h"

int main(void)
{
    volatile int *word = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(word != MAP_FAILED, "mmap: %s", strerror(errno));
    if (word == MAP_FAILED)
        return test_finish("futex_shared_word_wakes_another_process");
    *word = 0;
    pid_t child = fork();
    if (child == 0) {
        long result = raw_futex_wait(word, 0, NULL);
        _exit(result == 0 ? 0 : 1);
    }
    CHECK(wait_until_blocked_on_a_futex(child), "the child in futex_wait is not blocked on a futex");
    *word = 1;
    CHECK_EQ(1, raw_futex_wake(word, 1), "the parent's futex_wake on the shared word: the waiters it woke");
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the child's futex_wait did not return 0 (status 0x%x)", status);
    munmap((void *)word, 4096);
    return test_finish("futex_shared_word_wakes_another_process");
}
