/* tests/boot/thread_join_of_the_first_thread_returns_its_value.c - POSIX
 * lets any thread join any joinable thread, the first one too: when the
 * first thread ends with pthread_exit(42), another thread's pthread_join
 * returns 0 with 42 (the first thread's block lives in the program's
 * data, and it clears its `alive` word itself: libc/thread/create.c), and
 * the process ends with that thread's exit status. */
#include <pthread.h>
#include <sys/wait.h>

#include "boot_test.h"

static pthread_t first;

static void *join_the_first(void *unused)
{
    (void)unused;
    void *result = 0;
    int error = pthread_join(first, &result);
    _exit(error == 0 && (long)result == 42 ? 7 : 1);
}

static void cases(void)
{
    pid_t child = fork();
    if (child == 0) {
        first = pthread_self();
        pthread_t joiner;
        pthread_create(&joiner, NULL, join_the_first, NULL);
        pthread_exit((void *)42);
    }
    int status = -1;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7,
          "the join of the first thread returned 0 and its value 42: status 0x%x", status);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_join_of_the_first_thread_returns_its_value");
}
