/* user/demos/message-passing/print_server.c - a print spooler on the kernel's
 * own messages: the server owns a mailbox named "printer", clients drop jobs
 * into it (print_client.c), the server prints them one by one.
 *
 *   print_client 12 --"hello"--+
 *                              +--> [ mailbox "printer", 8 jobs ] --> print_server
 *   print_client 13 --"world"--+
 *
 * Things to watch for:
 *  - the clients never name the server's pid: they only know the mailbox's
 *    name, so the server can be restarted without them noticing
 *    (indirect communication);
 *  - the mailbox holds up to 8 jobs: a client returns as soon as its job is
 *    queued, and waits only when 8 jobs are already there (bounded buffer);
 *  - each job carries the client's pid in `src`, written by the kernel: a
 *    client cannot pretend to be someone else;
 *  - when nothing is queued, mbox_recv makes the server wait; we first ask
 *    with MSG_NONBLOCK only to be able to say so.
 *
 * Usage: print_server [N]   prints N jobs (default: until a job says
 * "quit"), then removes the mailbox. Try it from the shell:
 * `print_server 3 &`, then `print_client hello` three times. */
#include <errno.h>
#include <ipc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PRINTER_QUEUE 8              /* jobs the mailbox holds before clients wait */

int main(int argc, char **argv)
{
    int jobs_wanted = argc > 1 ? atoi(argv[1]) : 0;      /* 0: until "quit" */

    /* O_CREAT: make the mailbox if it is not there (the capacity counts
     * only now, when it is created) */
    int printer = mbox_open("printer", O_CREAT, PRINTER_QUEUE);
    if (printer < 0) {
        perror("print_server: mbox_open printer");
        return 1;
    }
    printf("print_server (pid %d): serving mailbox \"printer\" (%d jobs fit), %s\n", getpid(), PRINTER_QUEUE,
           jobs_wanted ? "until enough jobs" : "until a \"quit\" job");
    fflush(stdout);

    int printed = 0;
    for (;;) {
        struct message job;
        if (mbox_recv(printer, &job, MSG_NONBLOCK) != 0) {
            if (errno != EAGAIN) {
                perror("print_server: mbox_recv");
                break;
            }
            printf("print_server: no job queued - waiting for a client\n");
            fflush(stdout);
            if (mbox_recv(printer, &job, 0) != 0) {      /* sleeps until a job comes */
                perror("print_server: mbox_recv");
                break;
            }
        }
        job.body[job.len < MSG_BODY_MAX ? job.len : MSG_BODY_MAX - 1] = '\0';
        if (!strcmp(job.body, "quit")) {
            printf("print_server: pid %d asked me to quit\n", job.src);
            break;
        }
        printed++;
        printf("print_server: job %d from pid %d: %s\n", printed, job.src, job.body);
        fflush(stdout);
        if (jobs_wanted && printed == jobs_wanted)
            break;
    }

    /* the name goes now; clients still holding a descriptor keep the box */
    mbox_unlink("printer");
    close(printer);
    printf("print_server: printed %d job%s, mailbox removed\n", printed, printed == 1 ? "" : "s");
    return 0;
}
