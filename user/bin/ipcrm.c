/* user/bin/ipcrm.c - removes IPC objects that outlived the program that made
 * them: a server killed before it cleaned up leaves its queue, segment,
 * semaphores or mailbox behind, and `ipcs` shows them.
 *
 *   ipcrm [-q ID] [-Q KEY] [-m ID] [-M KEY] [-s ID] [-S KEY]
 *         [-x NAME] [-y NAME] [-z NAME] [-b NAME] ...
 *
 *   -q ID   -Q KEY   a System V message queue, by id or key   msgctl(IPC_RMID)
 *   -m ID   -M KEY   a System V shared memory segment         shmctl(IPC_RMID)
 *   -s ID   -S KEY   a System V semaphore set                 semctl(IPC_RMID)
 *   -x NAME          a POSIX shared memory object ("/board")  shm_unlink
 *   -y NAME          a POSIX message queue ("/jobs")          mq_unlink
 *   -z NAME          a POSIX named semaphore ("/lock")        sem_unlink
 *   -b NAME          a mailbox ("printer")                    mbox_unlink
 *
 * The System V options are POSIX's and util-linux's; -x, -y and -z are the
 * short forms of util-linux's --posix-shmem, --posix-mqueue and
 * --posix-semaphore; -b
 * (for box) is this kernel's own. An id or a key is decimal, hexadecimal
 * (0x...) or octal (0...); ipcs shows "5/0x1234" for id 5 with key 0x1234.
 * A key is looked up with msgget/shmget/semget(KEY, 0) first, as util-linux
 * does; key 0 is IPC_PRIVATE, which names no object.
 *
 * What goes at once: a message queue and a semaphore set (their waiters
 * wake with EIDRM), and every name. A segment's key goes at once, its
 * memory when the last process detaches; a POSIX queue, semaphore, shared
 * memory object or mailbox whose name is removed lives on while a process
 * has it open (or mapped).
 *
 * The options are carried out in order; one that fails is reported and
 * the others still run. Exit status: 0 when everything was removed, 1
 * when something was not, 2 for wrong usage. */
#include <errno.h>
#include <ipc.h>
#include <mqueue.h>
#include <semaphore.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/shm.h>

#define STATUS_FAILED 1
#define STATUS_USAGE  2

enum kind { MESSAGE_QUEUE, SHARED_MEMORY, SEMAPHORE_SET };

/* The System V id behind `key`, or -1 (errno set). */
static int id_of_key(enum kind kind, key_t key)
{
    switch (kind) {
    case MESSAGE_QUEUE: return msgget(key, 0);
    case SHARED_MEMORY: return shmget(key, 0, 0);
    case SEMAPHORE_SET: return semget(key, 0, 0);
    }
    return -1;
}

/* IPC_RMID on the object `id`; 0 or -1 (errno set). */
static int remove_id(enum kind kind, int id)
{
    switch (kind) {
    case MESSAGE_QUEUE: return msgctl(id, IPC_RMID, NULL);
    case SHARED_MEMORY: return shmctl(id, IPC_RMID, NULL);
    case SEMAPHORE_SET: return semctl(id, 0, IPC_RMID);
    }
    return -1;
}

/* `text` as a number in C's notation (5, 0x1234, 017); false if it is not
 * one or does not fit an int. */
static bool parse_number(const char *text, long *number)
{
    char *end;
    errno = 0;
    *number = strtol(text, &end, 0);
    return *text != '\0' && *end == '\0' && errno == 0 && *number >= -2147483647L - 1 &&
           *number <= 2147483647L;
}

/* Removes the System V object that `text` names: its id, or with `by_key`
 * its key. Returns 0, or STATUS_FAILED after saying why, in util-linux's
 * words ("invalid id (5)"). */
static int remove_system_v(enum kind kind, const char *text, bool by_key)
{
    const char *what = by_key ? "key" : "id";
    long number;
    if (!parse_number(text, &number)) {
        fprintf(stderr, "ipcrm: %s: not a number\n", text);
        return STATUS_FAILED;
    }
    if (by_key && number == IPC_PRIVATE) {
        fprintf(stderr, "ipcrm: illegal key (%s)\n", text);
        return STATUS_FAILED;
    }
    int id = by_key ? id_of_key(kind, (key_t)number) : (int)number;
    if (id >= 0 && remove_id(kind, id) == 0)
        return 0;
    switch (errno) {
    case ENOENT: case EINVAL:
        fprintf(stderr, "ipcrm: invalid %s (%s)\n", what, text);
        break;
    case EIDRM:
        fprintf(stderr, "ipcrm: already removed %s (%s)\n", what, text);
        break;
    case EACCES: case EPERM:
        fprintf(stderr, "ipcrm: permission denied for %s (%s)\n", what, text);
        break;
    default:
        fprintf(stderr, "ipcrm: %s %s: %s\n", what, text, strerror(errno));
    }
    return STATUS_FAILED;
}

/* Removes the name of a POSIX shared memory object (-x), queue (-y),
 * semaphore (-z) or mailbox (-b). Returns 0, or STATUS_FAILED after saying
 * why. */
static int remove_name(char option, const char *name)
{
    int result = option == 'x'   ? shm_unlink(name)
                 : option == 'y' ? mq_unlink(name)
                 : option == 'z' ? sem_unlink(name)
                                 : mbox_unlink(name);
    if (result == 0)
        return 0;
    fprintf(stderr, "ipcrm: %s: %s\n", name, strerror(errno));
    return STATUS_FAILED;
}

static int usage(void)
{
    fprintf(stderr, "usage: ipcrm [-q ID] [-Q KEY] [-m ID] [-M KEY] [-s ID] [-S KEY]\n"
                    "             [-x SHM_NAME] [-y MQ_NAME] [-z SEM_NAME] [-b MAILBOX] ...\n");
    return STATUS_USAGE;
}

int main(int argc, char **argv)
{
    if (argc == 1)
        return usage();
    int status = 0;
    for (int i = 1; i < argc; i++) {
        const char *option = argv[i];
        if (option[0] != '-' || option[1] == '\0' || !strchr("qQmMsSxyzb", option[1])) {
            fprintf(stderr, "ipcrm: %s: unknown option\n", option);
            return usage();
        }
        const char *value = option[2] ? option + 2 : argv[++i];   /* -q5 or -q 5 */
        if (!value) {
            fprintf(stderr, "ipcrm: %s needs a value\n", option);
            return usage();
        }
        switch (option[1]) {
        case 'q': case 'Q':
            status |= remove_system_v(MESSAGE_QUEUE, value, option[1] == 'Q');
            break;
        case 'm': case 'M':
            status |= remove_system_v(SHARED_MEMORY, value, option[1] == 'M');
            break;
        case 's': case 'S':
            status |= remove_system_v(SEMAPHORE_SET, value, option[1] == 'S');
            break;
        default:
            status |= remove_name(option[1], value);
        }
    }
    return status;
}
