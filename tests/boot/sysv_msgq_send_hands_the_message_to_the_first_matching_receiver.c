/* tests/boot/sysv_msgq_send_hands_the_message_to_the_first_matching_receiver.c
 * - msgsnd gives a new message to the first waiting receiver (in the order
 * they came) whose msgrcv type it matches, with msgrcv(2)'s type rules (0,
 * > 0, < 0, MSG_EXCEPT), as Linux's pipelined_send does. A matching
 * receiver whose buffer is too small wakes with E2BIG and the message goes
 * on to the next (Linux); under MSG_NOERROR it gets the message cut to its
 * buffer. A hand-off counts as a receive: msg_qnum stays 0, msg_lrpid is
 * the receiver's pid, msg_lspid the sender's (msgctl(2)). A receiver whose
 * buffer faults gets EFAULT and the message stays queued (docs/msgq.md). */
#include <sys/msg.h>

#include "boot_test.h"
#include "boot_wait.h"

struct text_message {
    long mtype;
    char mtext[32];
};

/* What a receiver child reports through the pipe. */
struct report {
    int receiver;           /* its index */
    int result;             /* msgrcv's return */
    int error;              /* errno when it failed */
    long type;              /* the type received */
    char text[32];
};

static int queue_id;
static int reports[2];

/* Starts receiver `index`: msgrcv(type, flags) into a buffer of `size`
 * bytes (at `buffer`, or its own), then reports; returns once it waits. */
static pid_t start_receiver(int index, long type, int flags, int size, void *buffer)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct text_message message;
        memset(&message, 0, sizeof message);
        struct report report = { index, 0, 0, 0, "" };
        report.result = msgrcv(queue_id, buffer ? buffer : &message, size, type, flags);
        report.error = report.result < 0 ? errno : 0;
        report.type = message.mtype;
        memcpy(report.text, message.mtext, sizeof report.text);
        write(reports[1], &report, sizeof report);
        _exit(0);
    }
    CHECK(wait_until_blocked(pid, "msgrcv"), "receiver %d did not wait", index);
    return pid;
}

static void send_text(long type, const char *text)
{
    struct text_message message = { type, "" };
    strcpy(message.mtext, text);
    CHECK_EQ(0, msgsnd(queue_id, &message, strlen(text) + 1, 0), "msgsnd");
}

/* Reads one report and checks it: receiver `index`, msgrcv returned
 * `result` (errno `error`), type and text. */
static void expect_report(int index, int result, int error, long type, const char *text)
{
    struct report report;
    CHECK_EQ(sizeof report, read_fully(reports[0], &report, sizeof report), "a receiver's report");
    CHECK_EQ(index, report.receiver, "which receiver was woken");
    CHECK_EQ(result, report.result, "msgrcv's result");
    CHECK_EQ(error, report.error, "msgrcv's errno");
    if (result > 0) {
        CHECK_EQ(type, report.type, "the type received");
        CHECK(memcmp(report.text, text, (size_t)result) == 0, "receiver %d: expected \"%.*s\", got \"%.*s\"",
              index, result, text, result, report.text);
    }
}

/* Two receivers woken by one send report in the order they run, which
 * the scheduler decides (on several CPUs, at once): each report is
 * checked against its receiver's expectation. */
static void expect_two_reports(int first, int first_result, int first_error, int second, int second_result,
                               long second_type, const char *second_text)
{
    for (int i = 0; i < 2; i++) {
        struct report report;
        CHECK_EQ(sizeof report, read_fully(reports[0], &report, sizeof report), "a receiver's report");
        CHECK(report.receiver == first || report.receiver == second, "a report of receiver %d", report.receiver);
        if (report.receiver == first) {
            CHECK_EQ(first_result, report.result, "the too-small receiver's msgrcv result");
            CHECK_EQ(first_error, report.error, "the too-small receiver's errno");
        } else if (report.receiver == second) {
            CHECK_EQ(second_result, report.result, "the next receiver's msgrcv result");
            CHECK_EQ(second_type, report.type, "the type the next receiver got");
            CHECK(memcmp(report.text, second_text, (size_t)second_result) == 0, "the next receiver got \"%.*s\"",
                  second_result, report.text);
        }
    }
}

static void reap(pid_t pid)
{
    waitpid(pid, NULL, 0);
}

int main(void)
{
    run_on_one_cpu();                       /* what one CPU does (boot_test.h) */
    pipe(reports);
    queue_id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);

    /* four receivers, each waiting for a different kind of type */
    pid_t five = start_receiver(1, 5, 0, 32, 0);
    pid_t up_to_3 = start_receiver(2, -3, 0, 32, 0);
    pid_t not_2 = start_receiver(3, 2, MSG_EXCEPT, 32, 0);
    pid_t any = start_receiver(4, 0, 0, 32, 0);
    send_text(7, "seven");           /* not 5, not <= 3: receiver 3 (any type but 2) */
    expect_report(3, 6, 0, 7, "seven");
    send_text(2, "two");             /* not 5; <= 3: receiver 2, before 4 came */
    expect_report(2, 4, 0, 2, "two");
    send_text(5, "five");            /* receiver 1 */
    expect_report(1, 5, 0, 5, "five");
    send_text(9, "nine");            /* only receiver 4 is left */
    expect_report(4, 5, 0, 9, "nine");
    struct msqid_ds status;
    CHECK_EQ(0, msgctl(queue_id, IPC_STAT, &status), "IPC_STAT");
    CHECK_EQ(0, status.msg_qnum, "msg_qnum after four hand-offs");
    CHECK_EQ(0, status.msg_cbytes, "msg_cbytes after four hand-offs");
    CHECK_EQ(getpid(), status.msg_lspid, "msg_lspid: the sender");
    CHECK_EQ(any, status.msg_lrpid, "msg_lrpid: the last receiver handed one");
    CHECK(status.msg_rtime >= status.msg_ctime && status.msg_stime >= status.msg_ctime,
          "times: stime %ld rtime %ld ctime %ld", (long)status.msg_stime, (long)status.msg_rtime,
          (long)status.msg_ctime);
    reap(five), reap(up_to_3), reap(not_2), reap(any);

    /* too small a buffer: E2BIG, and the message goes to the next */
    pid_t small = start_receiver(5, 0, 0, 4, 0);
    pid_t large = start_receiver(6, 0, 0, 32, 0);
    send_text(1, "ten bytes");
    expect_two_reports(5, -1, E2BIG, 6, 10, 1, "ten bytes");
    reap(small), reap(large);

    /* MSG_NOERROR: cut to the buffer */
    pid_t cut = start_receiver(7, 0, MSG_NOERROR, 4, 0);
    send_text(1, "ten bytes");
    expect_report(7, 4, 0, 1, "ten ");
    reap(cut);

    /* only a too-small receiver: it gets E2BIG, the message is queued */
    small = start_receiver(8, 0, 0, 4, 0);
    send_text(3, "ten bytes");
    expect_report(8, -1, E2BIG, 0, "");
    reap(small);
    CHECK_EQ(0, msgctl(queue_id, IPC_STAT, &status), "IPC_STAT");
    CHECK_EQ(1, status.msg_qnum, "msg_qnum: the message nobody could take");
    struct text_message message;
    CHECK_EQ(10, msgrcv(queue_id, &message, sizeof message.mtext, 3, IPC_NOWAIT), "msgrcv of the queued one");

    /* a receiver whose buffer faults: EFAULT, and the message stays */
    pid_t faulting = start_receiver(9, 0, 0, 32, (void *)16);
    send_text(4, "kept");
    expect_report(9, -1, EFAULT, 0, "");
    reap(faulting);
    CHECK_EQ(0, msgctl(queue_id, IPC_STAT, &status), "IPC_STAT");
    CHECK_EQ(1, status.msg_qnum, "msg_qnum after the EFAULT: the message stayed");
    CHECK_EQ(5, msgrcv(queue_id, &message, sizeof message.mtext, 0, IPC_NOWAIT), "msgrcv of the kept one");
    CHECK(strcmp(message.mtext, "kept") == 0, "kept message: got \"%s\"", message.mtext);

    CHECK_EQ(0, msgctl(queue_id, IPC_RMID, NULL), "IPC_RMID");
    return test_finish("sysv_msgq_send_hands_the_message_to_the_first_matching_receiver");
}
