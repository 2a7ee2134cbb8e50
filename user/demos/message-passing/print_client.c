/* user/demos/message-passing/print_client.c - hands print jobs to print_server
 * through the mailbox "printer": each argument becomes one job.
 *
 * Things to watch for:
 *  - mbox_open without O_CREAT only finds an existing mailbox: no server,
 *    no mailbox, ENOENT (we give a just-started server a moment first);
 *  - the client does not know who will print its job, only where to
 *    leave it;
 *  - mbox_send returns as soon as the job is queued; it waits only when
 *    the mailbox is full. We try MSG_NONBLOCK first to be able to say so.
 *
 * Usage: print_client TEXT...   e.g. `print_client hello`, `print_client quit`. */
#include <errno.h>
#include <ipc.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: print_client TEXT...\n");
        return 2;
    }
    int printer = -1;
    for (int attempt = 0; attempt < 100 && printer < 0; attempt++) {
        printer = mbox_open("printer", 0, 0);        /* no O_CREAT: the server makes it */
        if (printer < 0 && errno == ENOENT)
            usleep(10000);                           /* a server started just now? */
        else if (printer < 0)
            break;
    }
    if (printer < 0) {
        perror("print_client: mbox_open printer");
        if (errno == ENOENT)
            fprintf(stderr, "print_client: no print server is running; start one with: print_server &\n");
        return 1;
    }

    for (int i = 1; i < argc; i++) {
        struct message job;
        memset(&job, 0, sizeof job);
        job.type = 1;
        strncpy(job.body, argv[i], MSG_BODY_MAX - 1);
        job.len = strlen(job.body) + 1;
        if (mbox_send(printer, &job, MSG_NONBLOCK) != 0) {
            if (errno != EAGAIN) {
                perror("print_client: mbox_send");
                return 1;
            }
            printf("print_client (pid %d): the printer's queue is full - waiting for room\n", getpid());
            fflush(stdout);
            if (mbox_send(printer, &job, 0) != 0) {    /* sleeps until the server takes one */
                perror("print_client: mbox_send");
                return 1;
            }
        }
        printf("print_client (pid %d): queued \"%s\"\n", getpid(), job.body);
        fflush(stdout);
    }
    close(printer);
    return 0;
}
