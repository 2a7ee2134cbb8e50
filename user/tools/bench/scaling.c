/* user/tools/bench/scaling.c - do round trips slow down as the system fills
 * up?
 *
 * The pipe round trip and the 16-byte msg_call again, first with other
 * processes alive and blocked, then with other IPC objects of the same
 * kind in existence. A kernel that walks every process or every object on
 * the way (a scan of the process table, a list of all pipes) shows it here
 * as a cost that grows with the count.
 *
 * The helpers that make up the crowd block in pause() and are ended with
 * SIGKILL, so they use no IPC object themselves. The process table holds
 * 64 (init, bench and the round trip's partner take three), so the largest
 * crowd is 56 processes. The 256 idle pipes are spread over helpers
 * holding PIPES_PER_HELPER each, as when a process could hold only 32
 * descriptors, so that the figures stay comparable. For
 * msg_call the objects are asynchronous messages held in the kernel, in
 * the inboxes of helpers that never receive (64 at most in each). */
#include <errno.h>
#include <ipc.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define MAX_HELPERS      60
#define PIPES_PER_HELPER 12              /* 24 descriptors, with room for the inherited ones */

static pid_t helpers[MAX_HELPERS];
static int helper_count;
static int ready[2] = { -1, -1 };        /* each helper writes one byte here once set up */

/* A helper, once set up: says so, and waits to be killed. */
static int report_ready_and_pause(void)
{
    char byte = 'r';
    write(ready[1], &byte, 1);
    close(ready[0]);
    close(ready[1]);
    for (;;)
        pause();
    return 0;                            /* not reached: SIGKILL ends it */
}

static int just_pause(int unused)
{
    (void)unused;
    return report_ready_and_pause();
}

/* Holds `count` open pipes (both ends) for as long as it lives. */
static int hold_idle_pipes(int count)
{
    int ends[2];
    for (int i = 0; i < count; i++)
        if (pipe(ends) < 0)
            return -1;
    return report_ready_and_pause();
}

/* Starts `count` helpers running body(argument) and waits until each has
 * set itself up. Returns 0 or -errno (the helpers started stay counted). */
static int start_helpers(int count, int (*body)(int), int argument)
{
    if (helper_count + count > MAX_HELPERS)
        return -EAGAIN;
    if (pipe(ready) < 0)
        return last_error();
    int status = 0;
    for (int i = 0; i < count && status == 0; i++) {
        pid_t pid = start_child(body, argument);
        if (pid < 0)
            status = pid;
        else
            helpers[helper_count++] = pid;
    }
    close(ready[1]);                     /* so a helper that died shows as end of file */
    char byte;
    for (int i = 0; i < count && status == 0; i++)
        if (read(ready[0], &byte, 1) != 1)
            status = -EIO;
    close(ready[0]);
    return status;
}

/* Ends every helper. */
static void stop_helpers(void)
{
    for (int i = 0; i < helper_count; i++)
        kill(helpers[i], SIGKILL);
    for (int i = 0; i < helper_count; i++)
        waitpid(helpers[i], 0, 0);
    helper_count = 0;
}

/* The pipe round trip (pipe.c) with `processes` others alive and blocked. */
int bench_pipe_round_trip_blocked(int processes, struct samples *samples)
{
    int status = start_helpers(processes, just_pause, 0);
    if (status == 0)
        status = bench_pipe_round_trip(0, samples);
    stop_helpers();
    return status;
}

/* The 16-byte msg_call (message.c) with `processes` others alive and blocked. */
int bench_msg_call_blocked(int processes, struct samples *samples)
{
    int status = start_helpers(processes, just_pause, 0);
    if (status == 0)
        status = bench_msg_call(16, samples);
    stop_helpers();
    return status;
}

/* The pipe round trip with `pipes` idle pipes open in helpers. */
int bench_pipe_round_trip_objects(int pipes, struct samples *samples)
{
    int status = 0;
    for (int left = pipes; left > 0 && status == 0; left -= PIPES_PER_HELPER)
        status = start_helpers(1, hold_idle_pipes, left < PIPES_PER_HELPER ? left : PIPES_PER_HELPER);
    if (status == 0)
        status = bench_pipe_round_trip(0, samples);
    stop_helpers();
    return status;
}

/* The 16-byte msg_call with `messages` asynchronous messages held in the
 * inboxes of helpers that never receive them. */
int bench_msg_call_objects(int messages, struct samples *samples)
{
    struct message message;
    memset(&message, 0, sizeof message);
    message.len = 16;
    int status = start_helpers((messages + MSG_INBOX_CAPACITY - 1) / MSG_INBOX_CAPACITY, just_pause, 0);
    for (int sent = 0; sent < messages && status == 0; sent++)
        if (msg_send(helpers[sent / MSG_INBOX_CAPACITY], &message, MSG_ASYNC) < 0)
            status = last_error();
    if (status == 0)
        status = bench_msg_call(16, samples);
    stop_helpers();
    return status;
}
