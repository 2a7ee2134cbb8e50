/* user/tools/bench/scaling_cpus_own.c - the scaling rows of this kernel's
 * own calls (<ipc.h>): a pair of mailboxes and msg_call, as in
 * scaling_cpus.c, pair i kept to CPU i, and a system call by its own
 * number through `int 0x80`. Apart from scaling_cpus.c so that
 * the rest builds for Linux (tools/linux-bench), where these print NA. */
#include <errno.h>
#include <ipc.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <uapi/syscall.h>

#include "bench.h"

/* Each process's message, aligned to its size as in mailbox.c. */
static struct message message __attribute__((aligned(sizeof(struct message))));

/* Mailboxes of capacity mailbox_capacity (0 or 16): fd[0] the pings,
 * fd[1] the pongs; the names, kept apart by the pid, are removed at once. */
static unsigned mailbox_capacity;

static void close_mailboxes(struct scaling_objects *objects)
{
    for (int i = 0; i < 2; i++)
        if (objects->fd[i] >= 0)
            close(objects->fd[i]);
}

static int open_mailboxes(struct scaling_objects *objects)
{
    memset(objects->fd, -1, sizeof objects->fd);
    for (int i = 0; i < 2; i++) {
        char name[32];
        snprintf(name, sizeof name, "bench_scale_%d_%d", (int)getpid(), i);
        mbox_unlink(name);
        objects->fd[i] = mbox_open(name, O_CREAT | O_EXCL, mailbox_capacity);
        if (objects->fd[i] < 0) {
            int error = last_error();
            close_mailboxes(objects);
            return error;
        }
        mbox_unlink(name);
    }
    memset(&message, 0, sizeof message);
    message.len = 1;
    return 0;
}

static int answer_pings(struct scaling_objects *objects)
{
    for (;;)
        if (mbox_recv(objects->fd[0], &message, 0) < 0 || mbox_send(objects->fd[1], &message, 0) < 0)
            return -1;
}

static int mailbox_round_trip(struct scaling_objects *objects)
{
    return mbox_send(objects->fd[0], &message, 0) == 0 && mbox_recv(objects->fd[1], &message, 0) >= 0;
}

static const struct scaling_mechanism mailboxes = {
    0, open_mailboxes, close_mailboxes, answer_pings, mailbox_round_trip, 0, 0 };

int bench_scaling_mailbox(int pairs, struct samples *samples)
{
    mailbox_capacity = 0;
    return scaling_run(&mailboxes, pairs, samples);
}

/* The same with mailboxes of capacity 16: a ping finds its receiver
 * waiting, or is held until the partner takes it. */
int bench_scaling_mailbox_bounded(int pairs, struct samples *samples)
{
    mailbox_capacity = 16;
    int status = scaling_run(&mailboxes, pairs, samples);
    mailbox_capacity = 0;
    return status;
}

/* msg_call with a 16-byte body to the partner, a child of the timing
 * process, which answers with msg_reply (message.c). */
static int call_message(struct scaling_objects *objects)
{
    memset(objects->fd, -1, sizeof objects->fd);
    memset(&message, 0, sizeof message);
    message.len = 16;
    return 0;
}

static int reply_to_calls(struct scaling_objects *objects)
{
    (void)objects;
    pid_t caller = getppid();
    for (;;)
        if (msg_recv(caller, &message, 0) < 0 || msg_reply(caller, &message) < 0)
            return -1;
}

static int call(struct scaling_objects *objects)
{
    (void)objects;
    return msg_call(scaling_partner, &message) == 0;
}

static const struct scaling_mechanism calls = {
    0, call_message, scaling_nothing_to_close, reply_to_calls, call, 0, 0 };

int bench_scaling_msg_call(int pairs, struct samples *samples)
{
    return scaling_run(&calls, pairs, samples);
}

/* The same, the partner a process of two threads: its first thread
 * answers while its second sleeps, so that its calls are those of a
 * process of several threads (docs/smp.md, "Message calls of processes
 * of several threads"). */
static void *sleep_for_ever(void *unused)
{
    (void)unused;
    for (;;)
        pause();
    return 0;
}

static int reply_to_calls_beside_a_thread(struct scaling_objects *objects)
{
    pthread_t sleeper;
    if (pthread_create(&sleeper, 0, sleep_for_ever, 0) != 0)
        return -1;
    return reply_to_calls(objects);
}

static const struct scaling_mechanism calls_to_a_process_of_threads = {
    0, call_message, scaling_nothing_to_close, reply_to_calls_beside_a_thread, call, 0, 0 };

int bench_scaling_msg_call_thread(int pairs, struct samples *samples)
{
    return scaling_run(&calls_to_a_process_of_threads, pairs, samples);
}

/* smp_scaling_syscall's twin (scaling_cpus.c): the same bad read(2), but
 * through `int 0x80`, which QEMU's TCG runs as an interrupt, under its one
 * global lock (docs/syscalls.md, "Two ways in"). */
static int bad_read_int80(struct scaling_objects *objects)
{
    (void)objects;
    long result;
    __asm__ volatile("int $0x80" : "=a"(result) : "a"(SYS_read), "b"(-1), "c"(0), "d"(0) : "memory");
    return result == -EBADF;
}

static const struct scaling_mechanism bad_reads_int80 = {
    0, scaling_no_objects, scaling_nothing_to_close, scaling_sleep_until_killed, bad_read_int80, 0, 0 };

int bench_scaling_syscall_int80(int pairs, struct samples *samples)
{
    return scaling_run(&bad_reads_int80, pairs, samples);
}
