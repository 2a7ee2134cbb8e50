/* user/bin/sh/help.c - help: the builtins, the syntax, and every program in
 * /bin in its group: the system, the utilities, the demos by the chapter
 * of docs/ that explains them (one line each on what the demo shows), and
 * the tools that measure and test the kernel.
 *
 * The groups are the table below. help lists a program of the table only
 * when /bin has it, and a program /bin has that the table does not know
 * (your own, added with tools/run-prog) under "Other programs". A test
 * (tests/boot/shell_help_lists_every_program_in_a_group.c) checks that
 * no program of the image ends up there: add a new one to the table. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

#define PROGRAM_DIRECTORY "/bin"
#define HELP_LINE_WIDTH   72     /* where a list of names wraps */
#define NAME_COLUMN       20     /* the width of the name before a program's line */

enum program_group { SYSTEM, UTILITY, DEMO, TOOL };

static const struct listed_program {
    enum program_group group;
    const char *name;
    const char *chapter;         /* a demo's chapter, in docs/ */
    const char *what;            /* one line; NULL for a utility (docs/shell.md has them) */
} programs[] = {
    { SYSTEM,  "init", NULL, "the first process: starts a shell on every terminal" },
    { SYSTEM,  "sh",   NULL, "this shell: sh, sh -c LINE, sh FILE" },

    { UTILITY, "cat", NULL, NULL },   { UTILITY, "clear", NULL, NULL }, { UTILITY, "cp", NULL, NULL },
    { UTILITY, "echo", NULL, NULL },  { UTILITY, "false", NULL, NULL }, { UTILITY, "grep", NULL, NULL },
    { UTILITY, "head", NULL, NULL },  { UTILITY, "ipcrm", NULL, NULL }, { UTILITY, "ipcs", NULL, NULL },
    { UTILITY, "kill", NULL, NULL },  { UTILITY, "ls", NULL, NULL },    { UTILITY, "lslocks", NULL, NULL },
    { UTILITY, "man", NULL, NULL },   { UTILITY, "mkdir", NULL, NULL },
    { UTILITY, "mv", NULL, NULL },    { UTILITY, "nice", NULL, NULL },  { UTILITY, "ps", NULL, NULL },
    { UTILITY, "rm", NULL, NULL },    { UTILITY, "sleep", NULL, NULL }, { UTILITY, "taskset", NULL, NULL },
    { UTILITY, "touch", NULL, NULL }, { UTILITY, "true", NULL, NULL },  { UTILITY, "wc", NULL, NULL },
    /* terminals (docs/terminals.md) */
    { UTILITY, "stty", NULL, NULL },  { UTILITY, "tty", NULL, NULL },
    /* users and the system's names (docs/users.md) */
    { UTILITY, "id", NULL, NULL },    { UTILITY, "uname", NULL, NULL }, { UTILITY, "whoami", NULL, NULL },
    { UTILITY, "hostname", NULL, NULL }, { UTILITY, "date", NULL, NULL },
    /* the disk, mounts and links */
    { UTILITY, "df", NULL, NULL },    { UTILITY, "diskinfo", NULL, NULL }, { UTILITY, "ln", NULL, NULL },
    { UTILITY, "mount", NULL, NULL }, { UTILITY, "readlink", NULL, NULL }, { UTILITY, "sync", NULL, NULL },
    { UTILITY, "umount", NULL, NULL }, { UTILITY, "poweroff", NULL, NULL },
    /* the network (docs/network.md) */
    { UTILITY, "ifconfig", NULL, NULL }, { UTILITY, "netstat", NULL, NULL }, { UTILITY, "ping", NULL, NULL },

    /* in the order of the chapters in README.md */
    { DEMO, "sched_levels", "scheduler.md", "a compiler, an editor and a sneaky process move between levels" },
    { DEMO, "sched_realtime", "scheduler.md", "SCHED_RR takes turns, SCHED_FIFO runs first, the throttle (root)" },
    { DEMO, "pty_record", "terminals.md", "runs a program on a pseudoterminal, its output kept in a log" },
    { DEMO, "spool_producer", "filesystem.md", "leaves each message as a file in /tmp/spool" },
    { DEMO, "spool_consumer", "filesystem.md", "prints and removes the files spool_producer left" },
    { DEMO, "descriptors", "procfs.md", "a pipeline, and what /proc/PID/fd says each process holds" },
    { DEMO, "pipe_demo", "pipes.md", "a parent's lines come back from its child in capitals" },
    { DEMO, "pipe_conversation", "pipes.md", "two pipes make a two-way talk: the parent asks sums" },
    { DEMO, "pipe_stopwatch", "pipes.md", "how long one pipe round trip takes, timed with the clock" },
    { DEMO, "fifo_server", "pipes.md", "a server clients find by name: a FIFO (start it with &)" },
    { DEMO, "fifo_client", "pipes.md", "asks fifo_server; the answer comes on a FIFO of its own" },
    { DEMO, "signal_ctrl_c", "signals.md", "catches Ctrl-C and counts instead of ending" },
    { DEMO, "signal_alarm_timeout", "signals.md", "alarm() cuts a waiting read short" },
    { DEMO, "signal_ping_pong", "signals.md", "a parent and its child bounce SIGUSR1 and SIGUSR2" },
    { DEMO, "msg_dispatcher", "msgq.md", "typed requests on one System V queue, taken by type" },
    { DEMO, "ipc_walk", "msgq.md", "finds every System V object as Linux's ipcs does: *_INFO, *_STAT" },
    { DEMO, "dining_philosophers", "semaphores.md", "Dijkstra's five philosophers on one semaphore set" },
    { DEMO, "shm_ring_buffer", "shm.md", "a producer and a consumer share a ring in a segment" },
    { DEMO, "mapped_file_editors", "mmap.md", "two processes edit one file through mmap(MAP_SHARED)" },
    { DEMO, "shm_board", "posix-shm.md", "a writer and a reader meet on a POSIX shared memory object" },
    { DEMO, "number_clerks", "record-locks.md", "clerks share a number file under a record lock (-n: without)" },
    { DEMO, "aio_notifications", "async-io.md", "four asynchronous reads of a pipe, each told its end another way" },
    { DEMO, "bounded_buffer", "posix-semaphores.md", "producers, consumers, a ring and three POSIX semaphores" },
    { DEMO, "mq_job_queue", "posix-ipc.md", "workers take jobs by priority from a POSIX queue" },
    { DEMO, "chat_server", "sockets.md", "a chat room on a local stream socket (start it with &)" },
    { DEMO, "chat_client", "sockets.md", "says something in chat_server's room" },
    { DEMO, "fd_pass", "sockets.md", "hands a file and a pipe to a child over a socket (SCM_RIGHTS)" },
    { DEMO, "poll_chat", "multiplexing.md", "one process serves a chat room of many clients with poll" },
    { DEMO, "epoll_chat", "multiplexing.md", "the same room served with epoll, edge-triggered" },
    { DEMO, "sigio_readers", "multiplexing.md", "three pipes read by one process, told by signals which is ready" },
    { DEMO, "timerfd_ticker", "timers.md", "two timers and a pipe in one epoll set: timers read as files" },
    { DEMO, "event_loop", "event-files.md", "workers count jobs on an eventfd; their ends read from a signalfd" },
    { DEMO, "echo_server", "message-passing.md", "msg_call and msg_reply: a client and its echo server" },
    { DEMO, "counter_server", "message-passing.md", "a server's loop on msg_reply_recv, as on L4 and seL4" },
    { DEMO, "message_pipeline", "message-passing.md", "an assembly line of processes joined by msg_send" },
    { DEMO, "sync_async_demo", "message-passing.md", "(a)synchronous send and receive: all four ways" },
    { DEMO, "rendezvous_demo", "message-passing.md", "a mailbox of capacity 0: sender and receiver must meet" },
    { DEMO, "print_server", "message-passing.md", "a print spooler behind the mailbox \"printer\" (with &)" },
    { DEMO, "print_client", "message-passing.md", "hands print jobs to print_server's mailbox" },
    { DEMO, "producer_consumer", "threads.md", "threads around a ring: one mutex, two condition variables" },
    { DEMO, "readers_writers", "threads.md", "readers share a pthread_rwlock, a writer has it alone" },
    { DEMO, "thread_pool", "threads.md", "worker threads answer client processes through a mailbox" },
    { DEMO, "tcp_echo_server", "network.md", "sends back every byte a TCP client sends (port 7)" },
    { DEMO, "tcp_echo_client", "network.md", "sends lines to tcp_echo_server and checks the echo" },
    { DEMO, "udp_echo_server", "network.md", "sends every UDP datagram back to its sender (port 7)" },
    { DEMO, "udp_echo_client", "network.md", "numbered datagrams to udp_echo_server, with a timeout" },
    { DEMO, "inet_chat_server", "network.md", "the chat room on a TCP port, for visitors from other machines" },
    { DEMO, "inet_chat_client", "network.md", "says something in inet_chat_server's room" },
    { DEMO, "rpc_server", "network.md", "message passing over TCP: remote calls of 64-byte messages" },
    { DEMO, "rpc_client", "network.md", "calls rpc_server ADD, GET, UPPER, QUIT and checks each reply" },

    { TOOL, "bench", NULL, "IPC operations in guest instructions (make bench)" },
    { TOOL, "fuzz", NULL, "calls the kernel with random arguments (make fuzz)" },
    { TOOL, "stress", NULL, "every IPC mechanism under load (make stress)" },
};

#define PROGRAM_COUNT ((int)(sizeof programs / sizeof programs[0]))

/* What /bin holds: names, sorted, each with a mark once help listed it. */
struct directory_listing {
    char **names;
    bool *listed;
    int count;
    bool readable;               /* false: /bin could not be read, list everything */
};

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads the names in /bin (without those starting with "."). */
static struct directory_listing read_programs(void)
{
    struct directory_listing listing = { NULL, NULL, 0, false };
    DIR *dir = opendir(PROGRAM_DIRECTORY);
    if (!dir)
        return listing;
    listing.readable = true;
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        if (entry->d_name[0] == '.')
            continue;
        char **grown = realloc(listing.names, (listing.count + 1) * sizeof *grown);
        if (!grown)
            break;
        listing.names = grown;
        listing.names[listing.count++] = strdup(entry->d_name);
    }
    closedir(dir);
    qsort(listing.names, listing.count, sizeof *listing.names, compare_names);
    listing.listed = calloc(listing.count ? listing.count : 1, sizeof *listing.listed);
    return listing;
}

static void free_listing(struct directory_listing *listing)
{
    for (int i = 0; i < listing->count; i++)
        free(listing->names[i]);
    free(listing->names);
    free(listing->listed);
}

/* Whether /bin has `name`; marks it as listed. */
static bool present(struct directory_listing *listing, const char *name)
{
    if (!listing->readable)
        return true;
    for (int i = 0; i < listing->count; i++) {
        if (strcmp(listing->names[i], name) == 0) {
            listing->listed[i] = true;
            return true;
        }
    }
    return false;
}

/* Prints `name` in a list that wraps at HELP_LINE_WIDTH; *column is where
 * the line is now (0: a new line). */
static void print_in_list(const char *name, int *column)
{
    int width = (int)strlen(name) + 1;
    if (*column > 0 && *column + width > HELP_LINE_WIDTH) {
        printf("\n");
        *column = 0;
    }
    printf("%s%s", *column == 0 ? "  " : " ", name);
    *column += width + (*column == 0 ? 1 : 0);
}

/* The programs of `group`, one line each; a demo under its chapter. */
static void print_described(struct directory_listing *listing, enum program_group group)
{
    const char *chapter = NULL;
    for (int i = 0; i < PROGRAM_COUNT; i++) {
        const struct listed_program *program = &programs[i];
        if (program->group != group || !present(listing, program->name))
            continue;
        if (program->chapter && (!chapter || strcmp(chapter, program->chapter) != 0)) {
            chapter = program->chapter;
            printf(" docs/%s\n", chapter);
        }
        printf("  %-*s %s\n", NAME_COLUMN, program->name, program->what);
    }
}

/* The system's programs, then the utilities: names only, in a wrapped list. */
static void print_utilities(struct directory_listing *listing)
{
    printf("Utilities (docs/shell.md has how to call each):\n");
    print_described(listing, SYSTEM);
    int column = 0;
    for (int i = 0; i < PROGRAM_COUNT; i++)
        if (programs[i].group == UTILITY && present(listing, programs[i].name))
            print_in_list(programs[i].name, &column);
    printf("\n");
}

/* What /bin has that no group lists (programs added with tools/run-prog). */
static void print_others(const struct directory_listing *listing)
{
    int column = 0;
    for (int i = 0; i < listing->count; i++) {
        if (listing->listed[i])
            continue;
        if (column == 0)
            printf("Other programs in " PROGRAM_DIRECTORY ":\n");
        print_in_list(listing->names[i], &column);
    }
    if (column > 0)
        printf("\n");
}

static const char *const TOPICS[] = { "builtins", "utilities", "demos", "tools" };
#define TOPIC_COUNT ((int)(sizeof TOPICS / sizeof TOPICS[0]))

/* Whether help shows `topic` when asked for `wanted` (NULL: everything). */
static bool shows(const char *wanted, const char *topic)
{
    return !wanted || strcmp(wanted, topic) == 0;
}

/* help [TOPIC]: everything, or one part (the screen has 25 lines). */
int builtin_help(int argc, char **argv)
{
    const char *topic = argc > 1 ? argv[1] : NULL;
    bool known = !topic;
    for (int i = 0; i < TOPIC_COUNT; i++)
        known |= topic && strcmp(topic, TOPICS[i]) == 0;
    if (argc > 2 || !known) {
        fprintf(stderr, SHELL_NAME ": help: %s: no such topic (topics: builtins utilities demos tools)\n",
                argv[argc - 1]);
        return 1;
    }
    if (shows(topic, "builtins")) {
        printf("Built-in commands:\n");
        builtins_print_usage();
        printf("Syntax: cmd args | cmd  < in  > out  >> out  2> err  2>&1  &  ;  &&  ||\n"
               "        'quoted'  \"quoted $VAR\"  \\x  $?  $NAME  # comment\n"
               "        wildcards: *  ?  [a-z]  [!a-z]   jobs: %%N  %%%%  %%TEXT\n");
    }
    struct directory_listing listing = read_programs();
    if (shows(topic, "utilities"))
        print_utilities(&listing);
    if (shows(topic, "demos")) {
        printf("Demos, by the chapter that explains them:\n");
        print_described(&listing, DEMO);
    }
    if (shows(topic, "tools")) {
        printf("Tools that measure and test the kernel (docs/robustness.md):\n");
        print_described(&listing, TOOL);
    }
    if (!topic)
        print_others(&listing);
    free_listing(&listing);
    return 0;
}
