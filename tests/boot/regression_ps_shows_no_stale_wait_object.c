/* tests/boot/regression_ps_shows_no_stale_wait_object.c
 *
 * Found by reading the kernel for the fuzzer. A blocking call names the
 * object it will wait on (wait_queue_say_object) before it knows whether
 * it waits; when it does not (a FIFO opened O_NONBLOCK, a signal already
 * pending), the name stays on the task. If the process later blocks where
 * nothing is named (pause, a stop, nanosleep), ps shows the old object,
 * and describes it from memory that may have been freed since: here a
 * pipe destroyed at close, read back through kinfo(KINFO_PROCESSES). */
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>

#include "boot_test.h"

#define FIFO "/tmp/regression-stale-fifo"

int main(void)
{
    unlink(FIFO);
    CHECK_EQ(0, mkfifo(FIFO, 0600), "mkfifo");
    pid_t child = fork();
    if (child == 0) {
        int fd = open(FIFO, O_RDONLY | O_NONBLOCK);   /* names "fifo N", does not wait */
        close(fd);                                    /* the pipe is freed */
        pause();                                      /* waits on nothing that has a name */
        _exit(0);
    }
    usleep(100000);
    struct kinfo_process list[64];
    int count = kinfo(KINFO_PROCESSES, list, sizeof list) / (int)sizeof list[0];
    int found = 0;
    for (int i = 0; i < count; i++) {
        if (list[i].pid != child)
            continue;
        found = 1;
        CHECK(!strcmp(list[i].wait_reason, "pause"), "the child waits in pause, ps says '%s'", list[i].wait_reason);
        CHECK(list[i].wait_object[0] == 0,
              "a process in pause waits on no object, ps says '%s' (a freed pipe)", list[i].wait_object);
    }
    CHECK(found, "the child is not in the process list");
    kill(child, SIGKILL);
    waitpid(child, 0, 0);
    unlink(FIFO);
    return test_finish("regression_ps_shows_no_stale_wait_object");
}
