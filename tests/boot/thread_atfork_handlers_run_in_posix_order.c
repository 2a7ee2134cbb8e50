/* tests/boot/thread_atfork_handlers_run_in_posix_order.c -
 * pthread_atfork(3): fork runs the prepare handlers last registered
 * first, then in the parent the parent handlers and in the child the
 * child handlers, first registered first; null handlers are skipped. A
 * handler that takes a program's mutex in prepare and gives it back after
 * lets the child use it although another thread uses it all the time. The libc's own locks
 * are sane in the child of a threaded process: while other threads
 * malloc, free and print without pause, each of many children can
 * malloc, free and print at once, and exits. Nothing leaks. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "boot_test.h"

static char log_text[64];
static int log_length;

static void note(char c)
{
    if (log_length < (int)sizeof log_text - 1)
        log_text[log_length++] = c;
}

static void prepare_1(void) { note('1'); }
static void prepare_2(void) { note('2'); }
static void prepare_3(void) { note('3'); }
static void parent_1(void) { note('a'); }
static void parent_2(void) { note('b'); }
static void parent_3(void) { note('c'); }
static void child_1(void) { note('A'); }
static void child_2(void) { note('B'); }

static void handlers_run_in_posix_order(void)
{
    CHECK_EQ(0, pthread_atfork(prepare_1, parent_1, child_1), "pthread_atfork");
    CHECK_EQ(0, pthread_atfork(NULL, NULL, NULL), "pthread_atfork with no handler at all");
    CHECK_EQ(0, pthread_atfork(prepare_2, NULL, child_2), "pthread_atfork without a parent handler");
    CHECK_EQ(0, pthread_atfork(prepare_3, parent_3, NULL), "pthread_atfork without a child handler");
    CHECK_EQ(0, pthread_atfork(NULL, parent_2, NULL), "pthread_atfork with a parent handler alone");
    int report[2];
    CHECK_EQ(0, pipe(report), "pipe");
    log_length = 0;
    pid_t child = fork();
    if (child == 0) {
        log_text[log_length] = 0;
        write(report[1], log_text, strlen(log_text) + 1);
        _exit(0);
    }
    CHECK(child > 0, "fork: %d", child);
    log_text[log_length] = 0;
    CHECK(strcmp(log_text, "321acb") == 0, "the parent ran prepare 3 2 1, then parent a c b: \"%s\"", log_text);
    char child_log[64] = "";
    read_fully(report[0], child_log, 6);
    CHECK(memcmp(child_log, "321AB", 6) == 0, "the child ran prepare 3 2 1, then child A B: \"%s\"", child_log);
    int status = -1;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    close(report[0]);
    close(report[1]);
}

/* ---- a program's mutex, kept sane by its handlers ------------------------- */

static pthread_mutex_t table_mutex = PTHREAD_MUTEX_INITIALIZER;
static volatile int table_value, stop_using;

static void take_table(void) { pthread_mutex_lock(&table_mutex); }
static void give_table(void) { pthread_mutex_unlock(&table_mutex); }

static void *use_table(void *unused)
{
    (void)unused;
    while (!stop_using) {
        pthread_mutex_lock(&table_mutex);
        table_value++;
        sched_yield();                   /* holds it while others run */
        pthread_mutex_unlock(&table_mutex);
    }
    return NULL;
}

/* And the libc's: the heap and the streams, used without pause. */
static void *use_the_libc(void *unused)
{
    (void)unused;
    FILE *null = fopen("/dev/null", "w");
    CHECK(null != NULL, "fopen /dev/null");
    while (!stop_using) {
        char *p = malloc(64 + (table_value & 255));
        if (p)
            snprintf(p, 64, "%d", table_value);
        fprintf(null, "busy %s\n", p ? p : "");
        free(p);
    }
    fclose(null);
    return NULL;
}

static void children_of_a_threaded_process_find_sane_locks(void)
{
    CHECK_EQ(0, pthread_atfork(take_table, give_table, give_table), "pthread_atfork of the table's mutex");
    pthread_t users[3];
    CHECK_EQ(0, pthread_create(&users[0], NULL, use_table, NULL), "pthread_create");
    CHECK_EQ(0, pthread_create(&users[1], NULL, use_the_libc, NULL), "pthread_create");
    CHECK_EQ(0, pthread_create(&users[2], NULL, use_the_libc, NULL), "pthread_create");
    int exited_well = 0;
    enum { CHILDREN = 40 };
    for (int i = 0; i < CHILDREN; i++) {
        usleep(1000 + (i % 5) * 700);
        pid_t child = fork();
        if (child == 0) {
            alarm(10);                   /* a lock left held would hang us: die instead */
            pthread_mutex_lock(&table_mutex);
            table_value = -1;
            pthread_mutex_unlock(&table_mutex);
            char *p = malloc(1000);
            FILE *null = fopen("/dev/null", "w");
            int ok = p && null && fprintf(null, "child %d\n", i) > 0 && fflush(null) == 0;
            free(p);
            if (null)
                fclose(null);
            _exit(ok ? 0 : 1);
        }
        int status = -1;
        CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
            exited_well++;
        else
            CHECK(0, "child %d: status 0x%x", i, status);
    }
    CHECK_EQ(CHILDREN, exited_well, "children that took the mutex, malloc'd and printed");
    stop_using = 1;
    for (int i = 0; i < 3; i++)
        CHECK_EQ(0, pthread_join(users[i], NULL), "pthread_join");
    CHECK(table_value > 0, "the parent's table is the parent's (%d)", table_value);
}

static void cases(void)
{
    handlers_run_in_posix_order();
    children_of_a_threaded_process_find_sane_locks();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_atfork_handlers_run_in_posix_order");
}
