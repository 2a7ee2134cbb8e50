/* tests/trace/thread_tour.c - the trace of a process with two threads, for
 * the trace test (tests/trace/trace_boot_test.py) and the example in
 * docs/tracing.md ("Threads"): each event names the thread it is of, and
 * the picture gives each thread a lifeline of its own.
 *
 *   parent                          child, first thread   child, second thread
 *   fork                 -------->  pthread_create   ---> (starts)
 *                                   read(pipe): waits
 *   msg_recv (MSG_ANY)   <------------------------------- msg_send type 1 "here"
 *   msg_call type 2      -------------------------------> msg_recv
 *                        <------------------------------- msg_reply type 3
 *                                                         pause()
 *   write(pipe, 3 bytes) -------->  read
 *                                   pthread_kill SIGUSR1 -> handler; returns
 *                                   pthread_join          (thread exit)
 *   waitpid              <--------  exit 0
 * The parent learns the second thread's tid from msg_recv: a message is
 * sent to a thread. Exit status 0 when everything arrived as sent. */
#include <ipc.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t parent;
static volatile sig_atomic_t got_signal;

static void on_usr1(int signal)
{
    got_signal = signal;
}

static void *second_thread(void *unused)
{
    (void)unused;
    struct message m = { .type = 1, .len = 5, .body = "here" };
    if (msg_send(parent, &m, 0) != 0)
        return (void *)20;
    if (msg_recv(parent, &m, 0) != 0 || m.type != 2)
        return (void *)21;
    struct message answer = { .type = 3, .len = 5, .body = "done" };
    if (msg_reply(parent, &answer) != 0)
        return (void *)22;
    while (!got_signal)
        pause();
    return NULL;
}

static int first_thread(int read_end)
{
    pthread_t second;
    if (pthread_create(&second, NULL, second_thread, NULL) != 0)
        return 10;
    char bytes[8];
    if (read(read_end, bytes, sizeof bytes) != 3)
        return 11;
    pthread_kill(second, SIGUSR1);
    void *result;
    if (pthread_join(second, &result) != 0)
        return 12;
    return (int)(long)result;
}

int main(void)
{
    parent = getpid();
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    signal(SIGUSR1, on_usr1);
    pid_t child = fork();
    if (child == 0)
        _exit(first_thread(fds[0]));

    struct message m;
    if (msg_recv(MSG_ANY, &m, 0) != 0 || m.type != 1)
        return 2;
    pid_t second = m.src;              /* the second thread's tid */
    struct message job = { .type = 2, .len = 4, .body = "job" };
    if (msg_call(second, &job) != 0 || job.type != 3)
        return 3;
    if (write(fds[1], "bye", 3) != 3)
        return 4;
    int status;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
        return 5;
    return WEXITSTATUS(status);
}
