/* user/demos/procfs/descriptors.c - a small pipeline, and what /proc says
 * each of its processes holds (docs/procfs.md, proc(5)).
 *
 *     producer --pipe--> upper --socket pair--> descriptors (the parent)
 *
 * The parent makes a pipe and a socket pair and starts two children: the
 * producer writes three lines into the pipe; upper reads them, turns them
 * to capitals and sends each as one message on its end of the socket
 * pair (datagrams: one a line); the parent receives and prints them. Each child first closes the
 * ends it does not use and stops itself (SIGSTOP). Once both have
 * stopped, the parent reads /proc/PID/fd of the three processes, the
 * links /proc gives each descriptor, and prints one line per process
 * (pid, name from /proc/PID/comm: a forked child keeps its parent's, and
 * role) and one per descriptor:
 *
 *     fd PID NAME FD TARGET        (fd 7 descriptors 3 pipe:[4])
 *
 * Two descriptors that name the same "pipe:[N]" are the same pipe: the
 * write end in one process, the read end in the other. A socket pair is
 * two sockets, each end its own "socket:[N]"; the parent prints the two
 * numbers (fstat's st_ino, the same N) before it gives one end away:
 *
 *     pair socket:[1] socket:[2]
 * Then it lets the children go on (SIGCONT) and the lines flow.
 * tools/fd_graph.py draws these lines as docs/procfs-descriptors.svg.
 *
 * Usage: descriptors */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const lines[] = { "ipc through a pipe\n", "and a socket pair\n", "seen from /proc\n" };
#define LINE_COUNT (sizeof lines / sizeof lines[0])

/* What /proc says `pid`'s process is called (/proc/PID/comm, without the
 * newline). */
static void name_of(pid_t pid, char *name, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/comm", (int)pid);
    FILE *file = fopen(path, "r");
    if (!file || !fgets(name, (int)size, file))
        snprintf(name, size, "?");
    name[strcspn(name, "\n")] = 0;
    if (file)
        fclose(file);
}

/* One line per descriptor of `pid`, from /proc/PID/fd. */
static void show_descriptors(pid_t pid, const char *role)
{
    char directory_path[64], name[32];
    name_of(pid, name, sizeof name);
    printf("process %d %s %s\n", (int)pid, name, role);
    snprintf(directory_path, sizeof directory_path, "/proc/%d/fd", (int)pid);
    DIR *directory = opendir(directory_path);
    if (!directory) {
        perror(directory_path);
        return;
    }
    int own = dirfd(directory);       /* our listing's own descriptor: not part of the picture */
    for (struct dirent *entry; (entry = readdir(directory));) {
        if (entry->d_name[0] == '.' || (pid == getpid() && atoi(entry->d_name) == own))
            continue;
        char link_path[400], target[128];
        snprintf(link_path, sizeof link_path, "%s/%s", directory_path, entry->d_name);
        ssize_t length = readlink(link_path, target, sizeof target - 1);
        target[length > 0 ? length : 0] = 0;
        printf("fd %d %s %s %s\n", (int)pid, name, entry->d_name, length > 0 ? target : "?");
    }
    closedir(directory);
}

static void producer(int pipe_ends[2], int pair[2])
{
    close(pipe_ends[0]);
    close(pair[0]);
    close(pair[1]);
    raise(SIGSTOP);                   /* until the parent has looked */
    for (unsigned i = 0; i < LINE_COUNT; i++)
        write(pipe_ends[1], lines[i], strlen(lines[i]));
    _exit(0);
}

static void upper(int pipe_ends[2], int pair[2])
{
    close(pipe_ends[1]);
    close(pair[0]);
    raise(SIGSTOP);
    FILE *in = fdopen(pipe_ends[0], "r");
    char line[64];
    while (in && fgets(line, sizeof line, in)) {
        for (char *c = line; *c; c++)
            if (*c >= 'a' && *c <= 'z')
                *c = (char)(*c - 'a' + 'A');
        send(pair[1], line, strlen(line), 0);
    }
    _exit(0);
}

int main(void)
{
    int pipe_ends[2], pair[2];
    if (pipe(pipe_ends) < 0 || socketpair(AF_UNIX, SOCK_DGRAM, 0, pair) < 0) {
        perror("pipe, socketpair");
        return 1;
    }
    pid_t children[2];
    if ((children[0] = fork()) == 0)
        producer(pipe_ends, pair);
    if ((children[1] = fork()) == 0)
        upper(pipe_ends, pair);
    struct stat ends[2];              /* a socket pair is two sockets, connected */
    fstat(pair[0], &ends[0]);
    fstat(pair[1], &ends[1]);
    printf("pair socket:[%lu] socket:[%lu]\n", (unsigned long)ends[0].st_ino, (unsigned long)ends[1].st_ino);
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    close(pair[1]);
    for (int i = 0; i < 2; i++) {
        int status;
        waitpid(children[i], &status, WUNTRACED);   /* each has closed what it does not use */
    }
    show_descriptors(children[0], "writes the pipe");
    show_descriptors(children[1], "reads the pipe, sends on the socket pair");
    show_descriptors(getpid(), "receives on the socket pair");
    fflush(stdout);
    for (int i = 0; i < 2; i++)
        kill(children[i], SIGCONT);
    for (unsigned i = 0; i < LINE_COUNT; i++) {   /* one message per line */
        char message[64];
        ssize_t count = recv(pair[0], message, sizeof message - 1, 0);
        if (count <= 0)
            break;
        message[count] = 0;
        printf("received: %s", message);
    }
    for (int i = 0; i < 2; i++)
        waitpid(children[i], 0, 0);
    return 0;
}
