// needs: procfs
/* tests/boot/procfs_shows_processes_as_linux_lays_them_out.c - /proc, read
 * as a program written for Linux reads it (proc(5)):
 *  - /proc is mounted (statfs says PROC_SUPER_MAGIC), lists meminfo,
 *    self, uptime and one directory per process, and /proc/self links to
 *    the caller's pid, /proc/self/cwd to its working directory;
 *  - /proc/PID/stat has Linux's 52 fields: pid, (comm), state, ppid,
 *    pgrp, session, num_threads; the state of a child is S while it waits
 *    in a read, T once stopped, Z once it has exited and before its
 *    parent waits (what the POSIX suite's clock_nanosleep/10-1 and
 *    sem_timedwait/9-1 read);
 *  - /proc/PID/cmdline is argv, a NUL after each, a forked child's too;
 *  - /proc/PID/status shows the signal sets: a blocked, a caught and an
 *    ignored signal, one pending for the process (ShdPnd);
 *  - /proc/PID/fd lists the descriptors in order, each a link naming
 *    what it refers to: a pipe's two ends "pipe:[N]" with N the st_ino
 *    fstat gives, a socket "socket:[N]", a file its path, /dev/null;
 *  - /proc/sysvipc/msg, sem and shm give each System V object's line in
 *    Linux's columns, with what IPC_STAT says, a removed but attached
 *    segment as Linux shows it (key 0, SHM_DEST);
 *  - nothing in /proc can be made, written or mapped; once the process is
 *    reaped its directory is gone (ENOENT) and a file of it still open
 *    reads ESRCH;
 *  - the nodes come from a fixed pool: holding more open than it has
 *    answers ENOMEM, and after closing them lookups work again (Linux
 *    has no such pool: where kinfo is missing, tools/linux-check, only
 *    the reopening is checked);
 *  - the kernel's counters are back at the end. */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>

#include "boot_test.h"

#define TEST_NAME "procfs_shows_processes_as_linux_lays_them_out"
#define PROC_SUPER_MAGIC 0x9fa0

/* The whole of a small file, NUL-ended: its length, or -1. */
static int read_file(const char *path, char *buffer, int size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    int length = 0, count;
    while (length < size - 1 && (count = (int)read(fd, buffer + length, (size_t)(size - 1 - length))) > 0)
        length += count;
    close(fd);
    buffer[length] = 0;
    return length;
}

/* Field `n` (1-based, as proc(5) numbers them) of /proc/PID/stat, whose
 * second field, the name in parentheses, has no space here. */
static long stat_field(const char *text, int n)
{
    const char *p = text;
    for (int field = 1; field < n; field++) {
        p = strchr(p, ' ');
        if (!p)
            return -9999;
        p++;
    }
    return n == 3 ? (long)*p : strtol(p, 0, 10);
}

static int count_fields(const char *text)
{
    int fields = 1;
    for (const char *p = text; *p && *p != '\n'; p++)
        fields += *p == ' ';
    return fields;
}

static char state_of(pid_t pid)
{
    char path[64], text[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    return read_file(path, text, sizeof text) > 0 ? (char)stat_field(text, 3) : '?';
}

/* Waits (up to 5 s) for `pid`'s state to be `state`. */
static char wait_for_state(pid_t pid, char state)
{
    char now = state_of(pid);
    for (int i = 0; i < 500 && now != state; i++) {
        usleep(10000);
        now = state_of(pid);
    }
    return now;
}

/* The value of line "Name:\t..." of a status text, as a number in `base`. */
static unsigned long long status_value(const char *text, const char *name, int base)
{
    char key[32];
    snprintf(key, sizeof key, "\n%s:\t", name);
    const char *line = strstr(text, key);
    return line ? strtoull(line + strlen(key), 0, base) : ~0ull;
}

static void check_root_and_self(void)
{
    struct statfs fs;
    CHECK(statfs("/proc", &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC, "statfs /proc: type %lx",
          (unsigned long)fs.f_type);
    char link[32] = "", own[32];
    snprintf(own, sizeof own, "%d", (int)getpid());
    ssize_t length = readlink("/proc/self", link, sizeof link - 1);
    link[length > 0 ? length : 0] = 0;
    CHECK(!strcmp(link, own), "/proc/self -> '%s', our pid is %s", link, own);
    char cwd[64] = "";
    chdir("/tmp");
    length = readlink("/proc/self/cwd", cwd, sizeof cwd - 1);
    cwd[length > 0 ? length : 0] = 0;
    CHECK(!strcmp(cwd, "/tmp"), "/proc/self/cwd -> '%s', expected /tmp", cwd);
    chdir("/");

    int seen_self = 0, seen_own = 0, seen_uptime = 0, seen_meminfo = 0, seen_init = 0, pids = 0;
    long last_pid = 0;
    DIR *directory = opendir("/proc");
    CHECK(directory != 0, "opendir /proc: %s", strerror(errno));
    for (struct dirent *entry; directory && (entry = readdir(directory));) {
        seen_self += !strcmp(entry->d_name, "self") && entry->d_type == DT_LNK;
        seen_uptime += !strcmp(entry->d_name, "uptime") && entry->d_type == DT_REG;
        seen_meminfo += !strcmp(entry->d_name, "meminfo");
        seen_own += !strcmp(entry->d_name, own) && entry->d_type == DT_DIR;
        seen_init += !strcmp(entry->d_name, "1");
        if (entry->d_name[0] >= '1' && entry->d_name[0] <= '9') {
            long pid = strtol(entry->d_name, 0, 10);
            CHECK(pid > last_pid, "/proc lists %ld after %ld: not in pid order", pid, last_pid);
            last_pid = pid;
            pids++;
        }
    }
    if (directory)
        closedir(directory);
    CHECK(seen_self == 1 && seen_uptime == 1 && seen_meminfo == 1, "/proc: self %d uptime %d meminfo %d",
          seen_self, seen_uptime, seen_meminfo);
    CHECK(seen_own == 1 && seen_init == 1 && pids >= 2, "/proc: our directory %d, init's %d, %d processes",
          seen_own, seen_init, pids);

    /* The machine may have been up less than its hundredth of a second
     * (under -icount the kernel boots in about 13 ms): the clock moves on
     * by the time slept, as the seconds every CPU was idle may. */
    char text[256];
    double up = -1, idle = -1, up_later = -1, idle_later = -1;
    CHECK(read_file("/proc/uptime", text, sizeof text) > 0 && sscanf(text, "%lf %lf", &up, &idle) == 2 &&
              up >= 0 && idle >= 0, "/proc/uptime: '%s'", text);
    usleep(30000);
    CHECK(read_file("/proc/uptime", text, sizeof text) > 0 && sscanf(text, "%lf %lf", &up_later, &idle_later) == 2 &&
              up_later >= up + 0.02 && idle_later >= idle, "/proc/uptime 30 ms after '%.2f %.2f': '%s'", up, idle, text);
    unsigned long total = 0, free_kib = 0;
    CHECK(read_file("/proc/meminfo", text, sizeof text) > 0 &&
              sscanf(text, "MemTotal: %lu kB MemFree: %lu kB", &total, &free_kib) == 2 && total >= free_kib &&
              free_kib > 0, "/proc/meminfo: '%s'", text);
}

static void on_signal(int signal)
{
    (void)signal;
}

static void check_own_stat_and_status(void)
{
    char text[2048];
    CHECK(read_file("/proc/self/stat", text, sizeof text) > 0, "read /proc/self/stat: %s", strerror(errno));
    CHECK_EQ(52, count_fields(text), "fields in /proc/self/stat");
    CHECK_EQ(getpid(), stat_field(text, 1), "stat: pid");
    CHECK(strstr(text, " (procfs_shows_p") || strstr(text, " (procfs_shows_processes"),
          "stat: the name in parentheses: %.40s", text);
    CHECK_EQ('R', stat_field(text, 3), "stat: our own state");
    CHECK_EQ(getppid(), stat_field(text, 4), "stat: ppid");
    CHECK_EQ(getpgrp(), stat_field(text, 5), "stat: pgrp");
    CHECK_EQ(getsid(0), stat_field(text, 6), "stat: session");
    CHECK_EQ(1, stat_field(text, 20), "stat: num_threads");

    /* SIGUSR1 (10) blocked and pending for the process, SIGUSR2 (12)
     * caught, SIGPIPE (13) ignored */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &old);
    signal(SIGUSR2, on_signal);
    signal(SIGPIPE, SIG_IGN);
    kill(getpid(), SIGUSR1);
    CHECK(read_file("/proc/self/status", text, sizeof text) > 0, "read /proc/self/status: %s", strerror(errno));
    CHECK(strstr(text, "Name:\tprocfs_shows_p") == text, "status begins with the name: %.30s", text);
    CHECK(strstr(text, "\nState:\tR (running)\n") != 0, "status: State");
    CHECK_EQ(getpid(), status_value(text, "Pid", 10), "status: Pid");
    CHECK_EQ(getppid(), status_value(text, "PPid", 10), "status: PPid");
    CHECK_EQ(1, status_value(text, "Threads", 10), "status: Threads");
    CHECK_EQ(getuid(), status_value(text, "Uid", 10), "status: Uid");
    CHECK_EQ(1ull << (SIGUSR1 - 1), status_value(text, "SigBlk", 16), "status: SigBlk (SIGUSR1)");
    CHECK_EQ(1ull << (SIGUSR1 - 1), status_value(text, "ShdPnd", 16), "status: ShdPnd (SIGUSR1)");
    CHECK_EQ(1ull << (SIGUSR2 - 1), status_value(text, "SigCgt", 16), "status: SigCgt (SIGUSR2)");
    CHECK_EQ(1ull << (SIGPIPE - 1), status_value(text, "SigIgn", 16), "status: SigIgn (SIGPIPE)");
    /* the pending SIGUSR1 is taken away before it is unblocked */
    signal(SIGUSR1, SIG_IGN);
    sigprocmask(SIG_SETMASK, &old, 0);
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    CHECK(read_file("/proc/self/status", text, sizeof text) > 0, "read /proc/self/status again");
    CHECK_EQ(0, status_value(text, "ShdPnd", 16) | status_value(text, "SigBlk", 16) |
                    status_value(text, "SigCgt", 16) | status_value(text, "SigIgn", 16),
             "status: the sets empty again");
}

static void check_descriptors(void)
{
    int ends[2], pair[2];
    CHECK(pipe(ends) == 0 && socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0, "pipe, socketpair");
    int file = open("/tmp/procfs-named", O_CREAT | O_RDWR | O_TRUNC, 0644);
    int null = open("/dev/null", O_WRONLY);
    struct stat pipe_stat, socket_stat;
    fstat(ends[0], &pipe_stat);
    fstat(pair[0], &socket_stat);
    struct { int fd; char expected[64]; } wanted[] = {
        { ends[0], "" }, { ends[1], "" }, { pair[0], "" }, { file, "/tmp/procfs-named" }, { null, "/dev/null" },
    };
    snprintf(wanted[0].expected, sizeof wanted[0].expected, "pipe:[%lu]", (unsigned long)pipe_stat.st_ino);
    snprintf(wanted[1].expected, sizeof wanted[1].expected, "pipe:[%lu]", (unsigned long)pipe_stat.st_ino);
    snprintf(wanted[2].expected, sizeof wanted[2].expected, "socket:[%lu]", (unsigned long)socket_stat.st_ino);
    for (unsigned i = 0; i < sizeof wanted / sizeof wanted[0]; i++) {
        char path[64], link[128] = "";
        snprintf(path, sizeof path, "/proc/self/fd/%d", wanted[i].fd);
        ssize_t length = readlink(path, link, sizeof link - 1);
        link[length > 0 ? length : 0] = 0;
        CHECK(!strcmp(link, wanted[i].expected), "%s -> '%s', expected '%s'", path, link, wanted[i].expected);
    }
    /* one link per descriptor, in order: 0, 1, 2, then ours (and the
     * directory's own while it is open) */
    int listed = 0, last = -1, in_order = 1;
    DIR *directory = opendir("/proc/self/fd");
    for (struct dirent *entry; directory && (entry = readdir(directory));) {
        if (entry->d_name[0] == '.')
            continue;
        int fd = atoi(entry->d_name);
        in_order &= fd > last && entry->d_type == DT_LNK;
        last = fd;
        listed++;
    }
    if (directory)
        closedir(directory);
    CHECK(in_order, "/proc/self/fd: not in order, or not links");
    CHECK(listed >= 9, "/proc/self/fd lists %d descriptors, expected 3 + 6 + its own", listed);

    /* the same file from another name: a stat through the link */
    struct stat through_link, direct;
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", file);
    CHECK(stat(path, &through_link) == 0 && stat("/tmp/procfs-named", &direct) == 0 &&
              through_link.st_ino == direct.st_ino, "stat through /proc/self/fd/%d", file);

    /* nothing is made or written in /proc */
    int written = open("/proc/self/stat", O_WRONLY);   /* root may open it on Linux, not write */
    CHECK(written < 0 || write(written, "1", 1) < 0, "/proc/self/stat written");
    if (written >= 0)
        close(written);
    CHECK(mkdir("/proc/made", 0755) < 0, "mkdir in /proc");
    CHECK(unlink("/proc/self/stat") < 0, "unlink in /proc");
    int stat_fd = open("/proc/self/stat", O_RDONLY);   /* made at each read: no pages to map */
    CHECK(mmap(0, 4096, PROT_READ, MAP_PRIVATE, stat_fd, 0) == MAP_FAILED && errno == ENODEV,
          "mmap of /proc/self/stat: %s", strerror(errno));
    close(stat_fd);
    CHECK(open("/proc/created", O_CREAT | O_WRONLY, 0644) < 0, "a file created in /proc");

    close(ends[0]);
    close(ends[1]);
    close(pair[0]);
    close(pair[1]);
    close(file);
    close(null);
    unlink("/tmp/procfs-named");
}

/* Forks a child that waits in a read of the pipe `ends` (its state: S)
 * and exits with `status` once a byte comes or every writer is gone. */
static pid_t fork_waiting_child(int ends[2], int status)
{
    pid_t child = fork();
    if (child == 0) {
        char byte;
        close(ends[1]);
        read(ends[0], &byte, 1);
        _exit(status);
    }
    return child;
}

static void check_child_states(void)
{
    int ends[2];
    pipe(ends);
    pid_t child = fork_waiting_child(ends, 7);   /* S until we write */
    close(ends[0]);
    CHECK_EQ('S', wait_for_state(child, 'S'), "a child waiting in read");
    char path[64], text[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)child);
    CHECK(read_file(path, text, sizeof text) > 0 && stat_field(text, 4) == getpid(), "the child's ppid: %s", text);
    kill(child, SIGSTOP);
    CHECK_EQ('T', wait_for_state(child, 'T'), "a stopped child");
    kill(child, SIGCONT);
    int held = open(path, O_RDONLY);  /* kept open past the reaping */
    write(ends[1], "x", 1);
    CHECK_EQ('Z', wait_for_state(child, 'Z'), "a child that exited, before wait");
    CHECK(read_file(path, text, sizeof text) > 0 && stat_field(text, 52) == (7 << 8),
          "the zombie's exit_code: %s", text);
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK_ERROR(open(path, O_RDONLY), ENOENT);
    char byte;
    CHECK_ERROR(read(held, &byte, 1), ESRCH);
    close(held);
    close(ends[1]);
}

/* Holds open the directories and files of 30 sleeping children, more
 * than the pool has: some open fails with ENOMEM, and once they are
 * closed every one opens again. */
static void check_pool_limit(void)
{
    enum { CHILDREN = 30, PER_CHILD = 5 };
    static const char *const names[PER_CHILD] = { "", "/stat", "/status", "/comm", "/fd" };
    int ends[2];
    pipe(ends);
    pid_t children[CHILDREN];
    for (int i = 0; i < CHILDREN; i++)
        children[i] = fork_waiting_child(ends, 0);
    close(ends[0]);
    int held[CHILDREN * PER_CHILD], count = 0, refused = 0, other_error = 0;
    for (int i = 0; i < CHILDREN; i++)
        for (int j = 0; j < PER_CHILD; j++) {
            char path[64];
            snprintf(path, sizeof path, "/proc/%d%s", (int)children[i], names[j]);
            int fd = open(path, O_RDONLY);
            if (fd >= 0)
                held[count++] = fd;
            else if (errno == ENOMEM)
                refused++;
            else
                other_error++;
        }
    struct kinfo_counters counters;
    int pool = kinfo(KINFO_COUNTERS, &counters, sizeof counters) == 0;   /* this kernel's, not Linux's */
    CHECK((refused > 0 || !pool) && other_error == 0,
          "opening %d files of /proc: %d opened, %d ENOMEM, %d other errors", CHILDREN * PER_CHILD, count, refused,
          other_error);
    for (int i = 0; i < count; i++)
        close(held[i]);
    int reopened = 0;
    for (int i = 0; i < CHILDREN; i++) {
        char path[64];
        snprintf(path, sizeof path, "/proc/%d/status", (int)children[i]);
        int fd = open(path, O_RDONLY);
        reopened += fd >= 0;
        if (fd >= 0)
            close(fd);
    }
    CHECK_EQ(CHILDREN, reopened, "status files opened once the others were closed");
    close(ends[1]);
    for (int i = 0; i < CHILDREN; i++)
        waitpid(children[i], 0, 0);
}

/* /proc/self/cmdline is our argv, a NUL after each argument; a forked
 * child's is the same (it has our memory), and a zombie's is empty. */
static void check_cmdline(int argc, char **argv)
{
    char expected[512], text[512];
    int length = 0;
    for (int i = 0; i < argc && length + (int)strlen(argv[i]) + 1 <= (int)sizeof expected; i++) {
        memcpy(expected + length, argv[i], strlen(argv[i]) + 1);
        length += (int)strlen(argv[i]) + 1;
    }
    int fd = open("/proc/self/cmdline", O_RDONLY), got = 0, count;
    while (fd >= 0 && got < (int)sizeof text && (count = (int)read(fd, text + got, 3)) > 0)
        got += count;                 /* three bytes at a time: every offset works */
    if (fd >= 0)
        close(fd);
    CHECK(got == length && !memcmp(text, expected, (size_t)length),
          "/proc/self/cmdline: %d bytes, expected %d (argv[0] %s)", got, length, argv[0]);
    int ends[2];
    pipe(ends);
    pid_t child = fork_waiting_child(ends, 0);
    close(ends[0]);
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/cmdline", (int)child);
    int child_length = read_file(path, text, sizeof text);
    CHECK(child_length == length && !memcmp(text, expected, (size_t)length), "a forked child's cmdline: %d bytes",
          child_length);
    close(ends[1]);
    CHECK_EQ('Z', wait_for_state(child, 'Z'), "the child, exited");
    CHECK_EQ(0, read_file(path, text, sizeof text), "a zombie's cmdline");
    waitpid(child, 0, 0);
}

/* The fields of the line of /proc/sysvipc/FILE whose second field is
 * `id`, as numbers (perms read in octal): how many, or 0 when no line has
 * it. The first line must be the header, beginning with "key". */
static int sysvipc_line(const char *file, int id, long long *fields, int most)
{
    char path[64], text[8192];
    snprintf(path, sizeof path, "/proc/sysvipc/%s", file);
    if (read_file(path, text, sizeof text) <= 0 || strncmp(text + strspn(text, " "), "key ", 4))
        return -1;
    for (char *line = strchr(text, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
        int count = 0;
        char *p = line + 1;
        while (count < most && *p && *p != '\n') {
            char *end;
            fields[count] = strtoll(p, &end, count == 2 ? 8 : 10);
            if (end == p)
                break;
            count++;
            p = end;
        }
        if (count >= 2 && fields[1] == id)
            return count;
    }
    return 0;
}

/* /proc/sysvipc/msg, sem and shm say what IPC_STAT says, in Linux's
 * columns; a segment removed while attached stays, key 0 and SHM_DEST
 * (01000) in its perms, until its last detach. */
static void check_sysvipc(void)
{
    long long f[16];
    int queue = msgget(0x5ec1, IPC_CREAT | 0640);
    struct { long type; char text[5]; } message = { 1, "abcd" };
    msgsnd(queue, &message, 5, 0);
    CHECK_EQ(14, sysvipc_line("msg", queue, f, 16), "fields of the queue's line in /proc/sysvipc/msg");
    CHECK(f[0] == 0x5ec1 && f[2] == 0640 && f[3] == 5 && f[4] == 1 && f[5] == getpid() && f[7] == getuid(),
          "msg line: key %lld perms %llo cbytes %lld qnum %lld lspid %lld", f[0], f[2], f[3], f[4], f[5]);
    msgctl(queue, IPC_RMID, 0);
    CHECK_EQ(0, sysvipc_line("msg", queue, f, 16), "a removed queue's line");

    int set = semget(0x5ec2, 3, IPC_CREAT | 0600);
    CHECK_EQ(10, sysvipc_line("sem", set, f, 16), "fields of the set's line in /proc/sysvipc/sem");
    CHECK(f[0] == 0x5ec2 && f[2] == 0600 && f[3] == 3, "sem line: key %lld perms %llo nsems %lld", f[0], f[2], f[3]);
    semctl(set, 0, IPC_RMID);

    int segment = shmget(0x5ec3, 8192, IPC_CREAT | 0666);
    char *memory = shmat(segment, 0, 0);
    memory[0] = 1;                    /* one page of the two in memory */
    CHECK_EQ(16, sysvipc_line("shm", segment, f, 16), "fields of the segment's line in /proc/sysvipc/shm");
    CHECK(f[0] == 0x5ec3 && f[2] == 0666 && f[3] == 8192 && f[4] == getpid() && f[6] == 1 && f[14] == 4096,
          "shm line: key %lld perms %llo size %lld cpid %lld nattch %lld rss %lld", f[0], f[2], f[3], f[4], f[6],
          f[14]);
    shmctl(segment, IPC_RMID, 0);
    CHECK_EQ(16, sysvipc_line("shm", segment, f, 16), "a removed, attached segment's line");
    CHECK(f[0] == 0 && f[2] == 01666, "removed segment: key %lld perms %llo (SHM_DEST)", f[0], f[2]);
    shmdt(memory);
    CHECK_EQ(0, sysvipc_line("shm", segment, f, 16), "the segment's line after its last detach");
}

int main(int argc, char **argv)
{
    use_the_stack_before_counting();
    check_root_and_self();            /* once before counting: the C library's buffers */
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);
    check_root_and_self();
    check_own_stat_and_status();
    check_cmdline(argc, argv);
    check_descriptors();
    check_child_states();
    pid_t child = fork();             /* in a child: the page table shmat needs goes with it */
    if (child == 0) {
        check_sysvipc();
        _exit(check_failures ? 1 : 0);
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "/proc/sysvipc's checks (in a child): status %#x", status);
    check_pool_limit();
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish(TEST_NAME);
}
