/* sysconf(3), pathconf(3) and getrlimit(2) tell the truth: a process
 * opens exactly sysconf(_SC_OPEN_MAX) descriptors before EMFILE, and
 * RLIMIT_NOFILE lowered makes EMFILE come sooner (dup2 beyond it is
 * EBADF); a name of NAME_MAX bytes is fine and one more is ENAMETOOLONG;
 * a write of PIPE_BUF bytes is never split; RLIMIT_NPROC stops an
 * unprivileged user's fork with EAGAIN; soft above hard is EINVAL and
 * raising a hard limit without root is EPERM; unknown names are EINVAL;
 * uname(2) names the system. */
#include "boot_test.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>

/* Opens /dev/null until it fails; returns how many descriptors were in
 * use then (the three standard ones included), closing what it opened. */
static int descriptors_until_emfile(void)
{
    int opened[300], count = 0, fd;
    while (count < 300 && (fd = open("/dev/null", O_RDONLY)) >= 0)
        opened[count++] = fd;
    CHECK_EQ(EMFILE, errno, "errno when the descriptors ran out");
    int highest = count ? opened[count - 1] : 2;
    while (count > 0)
        close(opened[--count]);
    return highest + 1;
}

/* In a child: RLIMIT_NOFILE lowered, raised, and refused. */
static void lowered_nofile_brings_emfile_sooner(void)
{
    struct rlimit limit;
    getrlimit(RLIMIT_NOFILE, &limit);
    struct rlimit lower = { 10, limit.rlim_max };
    CHECK_EQ(0, setrlimit(RLIMIT_NOFILE, &lower), "lowering RLIMIT_NOFILE to 10");
    CHECK_EQ(10, sysconf(_SC_OPEN_MAX), "sysconf after lowering");
    CHECK_EQ(10, descriptors_until_emfile(), "descriptors open at EMFILE under the lower limit");
    CHECK_ERROR(dup2(0, 10), EBADF);
    CHECK_ERROR(fcntl(0, F_DUPFD, 10), EINVAL);
    struct rlimit inverted = { 20, 10 };
    CHECK_ERROR(setrlimit(RLIMIT_NOFILE, &inverted), EINVAL);
    struct rlimit beyond = { 10, limit.rlim_max + 1 };
    CHECK_ERROR(setrlimit(RLIMIT_NOFILE, &beyond), EPERM);   /* past the table: nobody, not even root */
    struct rlimit back = { limit.rlim_max, limit.rlim_max };
    CHECK_EQ(0, setrlimit(RLIMIT_NOFILE, &back), "root raises the soft limit again");
    setuid(1000);
    struct rlimit hard_lower = { 10, 12 };
    CHECK_EQ(0, setrlimit(RLIMIT_NOFILE, &hard_lower), "lowering the hard limit");
    struct rlimit hard_up = { 10, 13 };
    CHECK_ERROR(setrlimit(RLIMIT_NOFILE, &hard_up), EPERM);
    struct rlimit soft_up = { 12, 12 };
    CHECK_EQ(0, setrlimit(RLIMIT_NOFILE, &soft_up), "raising the soft limit up to the hard one");
    CHECK_ERROR(getrlimit(RLIMIT_COUNT, &back), EINVAL);
}

static void open_max_is_what_open_allows(void)
{
    long open_max = sysconf(_SC_OPEN_MAX);
    struct rlimit limit;
    CHECK_EQ(0, getrlimit(RLIMIT_NOFILE, &limit), "getrlimit(RLIMIT_NOFILE)");
    CHECK_EQ(open_max, limit.rlim_cur, "sysconf(_SC_OPEN_MAX) against RLIMIT_NOFILE");
    CHECK(open_max >= _POSIX_OPEN_MAX, "OPEN_MAX %ld is below POSIX's %d", open_max, _POSIX_OPEN_MAX);
    CHECK_EQ(open_max, descriptors_until_emfile(), "descriptors open at EMFILE");
    run_checks_in_child(lowered_nofile_brings_emfile_sooner);
}

/* In a child, which becomes user 1000 for good. */
static void rlimit_nproc_stops_a_users_fork(void)
{
    struct rlimit two = { 2, 2 };
    CHECK_EQ(0, setrlimit(RLIMIT_NPROC, &two), "RLIMIT_NPROC 2");
    CHECK_EQ(2, sysconf(_SC_CHILD_MAX), "sysconf(_SC_CHILD_MAX)");
    setuid(1000);
    pid_t first = fork();             /* this process and one child: 2 */
    if (first == 0) {
        pause();
        _exit(0);
    }
    CHECK(first > 0, "the first fork under RLIMIT_NPROC 2: errno %d", errno);
    CHECK_ERROR(fork(), EAGAIN);
    kill(first, SIGKILL);
    waitpid(first, 0, 0);
}

static void names_and_pipes_fit_their_limits(void)
{
    CHECK_EQ(NAME_MAX, pathconf("/tmp", _PC_NAME_MAX), "pathconf(_PC_NAME_MAX)");
    CHECK_EQ(PATH_MAX, pathconf("/", _PC_PATH_MAX), "pathconf(_PC_PATH_MAX)");
    char path[NAME_MAX + 16] = "/tmp/";
    memset(path + 5, 'n', NAME_MAX);
    path[5 + NAME_MAX] = 0;
    int fd = open(path, O_CREAT | O_WRONLY, 0600);
    CHECK(fd >= 0, "a name of NAME_MAX (%d) bytes: errno %d", NAME_MAX, errno);
    /* a regular file answers the file system's limits too, as glibc's
     * fpathconf (TLPI's t_fpathconf asks of its standard input) */
    CHECK_EQ(NAME_MAX, fpathconf(fd, _PC_NAME_MAX), "fpathconf(_PC_NAME_MAX) of a regular file");
    CHECK_EQ(PATH_MAX, fpathconf(fd, _PC_PATH_MAX), "fpathconf(_PC_PATH_MAX) of a regular file");
    CHECK_EQ(PIPE_BUF, fpathconf(fd, _PC_PIPE_BUF), "fpathconf(_PC_PIPE_BUF) of a regular file");
    close(fd);
    unlink(path);
    strcat(path, "n");
    CHECK_ERROR(open(path, O_CREAT | O_WRONLY, 0600), ENAMETOOLONG);

    int fds[2];
    pipe(fds);
    CHECK_EQ(PIPE_BUF, fpathconf(fds[0], _PC_PIPE_BUF), "fpathconf(_PC_PIPE_BUF) of a pipe");
    mkfifo("/tmp/limits_fifo", 0600);
    CHECK_EQ(PIPE_BUF, pathconf("/tmp/limits_fifo", _PC_PIPE_BUF), "pathconf(_PC_PIPE_BUF) of a FIFO");
    unlink("/tmp/limits_fifo");
    /* fill the pipe to less than PIPE_BUF of room: a PIPE_BUF write is
     * atomic, so O_NONBLOCK gives EAGAIN rather than a part */
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    static char bytes[PIPE_BUF];
    while (write(fds[1], bytes, 1000) == 1000)
        ;
    while (write(fds[1], bytes, 1) == 1)
        ;                                /* full to the last byte */
    read(fds[0], bytes, PIPE_BUF - 1);   /* room for PIPE_BUF - 1 bytes now */
    CHECK_ERROR(write(fds[1], bytes, PIPE_BUF), EAGAIN);
    CHECK_EQ(PIPE_BUF - 1, write(fds[1], bytes, PIPE_BUF - 1), "a write that fits");
    close(fds[0]);
    close(fds[1]);
}

static void sysconf_answers_every_name_it_knows(void)
{
    CHECK_EQ(_POSIX_VERSION, sysconf(_SC_VERSION), "_SC_VERSION");
    CHECK_EQ(4096, sysconf(_SC_PAGESIZE), "_SC_PAGESIZE");
    CHECK_EQ(sysconf(_SC_PAGESIZE), sysconf(_SC_PAGE_SIZE), "_SC_PAGE_SIZE");
    CHECK_EQ((long)read_counters().cpus, sysconf(_SC_NPROCESSORS_ONLN), "_SC_NPROCESSORS_ONLN (the kernel's CPUs)");
    CHECK_EQ(ARG_MAX, sysconf(_SC_ARG_MAX), "_SC_ARG_MAX");
    CHECK_EQ(128, sysconf(_SC_SIGQUEUE_MAX), "_SC_SIGQUEUE_MAX (RLIMIT_SIGPENDING)");
    CHECK_EQ(31, sysconf(_SC_RTSIG_MAX), "_SC_RTSIG_MAX");
    CHECK_EQ(32768, sysconf(_SC_MQ_PRIO_MAX), "_SC_MQ_PRIO_MAX");
    CHECK_EQ(_POSIX_SAVED_IDS, sysconf(_SC_SAVED_IDS), "_SC_SAVED_IDS");
    CHECK(sysconf(_SC_PHYS_PAGES) > sysconf(_SC_AVPHYS_PAGES) && sysconf(_SC_AVPHYS_PAGES) > 0,
          "physical pages %ld, free %ld", sysconf(_SC_PHYS_PAGES), sysconf(_SC_AVPHYS_PAGES));
    errno = 0;
    CHECK(sysconf(_SC_TRACE) == -1 && errno == 0, "an unsupported option: -1 with errno untouched");
    CHECK_ERROR(sysconf(9999), EINVAL);
    CHECK_ERROR(pathconf("/", 9999), EINVAL);
    CHECK_ERROR(pathconf("/no/such/file", _PC_NAME_MAX), ENOENT);
    CHECK_ERROR(fpathconf(99, _PC_NAME_MAX), EBADF);
    struct rlimit stack;
    CHECK_EQ(0, getrlimit(RLIMIT_STACK, &stack), "getrlimit(RLIMIT_STACK)");
    CHECK_EQ(8 << 20, stack.rlim_cur, "RLIMIT_STACK: the stack region's 8 MiB");
}

static void uname_names_the_system(void)
{
    struct utsname names;
    CHECK_EQ(0, uname(&names), "uname");
    CHECK(!strcmp(names.sysname, "IPC-kernel") && !strcmp(names.machine, "i686") && names.release[0] &&
              names.version[0] && names.nodename[0],
          "uname: %s %s %s %s %s", names.sysname, names.nodename, names.release, names.version, names.machine);
    CHECK_ERROR(uname((struct utsname *)16), EFAULT);
}

int main(void)
{
    open_max_is_what_open_allows();
    run_checks_in_child(rlimit_nproc_stops_a_users_fork);
    names_and_pipes_fit_their_limits();
    sysconf_answers_every_name_it_knows();
    uname_names_the_system();
    return test_finish("limits_sysconf_pathconf_and_rlimits_agree_with_the_kernel");
}
