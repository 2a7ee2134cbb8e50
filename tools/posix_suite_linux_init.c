/* tools/posix_suite_linux_init.c - /init of the Linux guest that
 * `tools/posix-suite --linux` boots to measure the same tests on Linux:
 * mounts what the tests expect of a Linux system (/proc, /dev, a tmpfs on
 * /tmp and on /dev/shm, where glibc keeps POSIX shared memory and named
 * semaphores), credits the random pool (see seed_random_pool), runs /bin/posix_suite_runner (tools/posix_suite_runner.c,
 * built for Linux too) with the arguments the kernel handed to init (the
 * words after "--" on its command line), reaps the orphans the tests
 * leave meanwhile, then powers the machine off. Built static against
 * glibc by tools/posix-suite; not part of the kernel's own image. */
#include <fcntl.h>
#include <linux/random.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define RUNNER "/bin/posix_suite_runner"
#define MAX_ARGUMENTS 8

static void mount_or_say(const char *source, const char *target, const char *type)
{
    mkdir(target, 0755);
    if (mount(source, target, type, 0, NULL) != 0)
        perror(target);
}

/* A machine that has just booted in QEMU has no entropy yet (no RDRAND on
 * qemu32, no disk or network), and glibc's start-up asks getrandom() for
 * bytes with GRND_NONBLOCK: it gets EAGAIN and leaves errno EAGAIN, which
 * the tests that read errno after a successful call take for an error.
 * A test machine needs no secret randomness: credit the pool with fixed
 * bytes so the kernel's generator is ready before the first test. */
static void seed_random_pool(void)
{
    struct {
        struct rand_pool_info info;
        unsigned char bytes[64];
    } seed;
    memset(&seed, 0x5a, sizeof seed);
    seed.info.entropy_count = 8 * sizeof seed.bytes;
    seed.info.buf_size = sizeof seed.bytes;
    int fd = open("/dev/urandom", O_WRONLY);
    if (fd < 0 || ioctl(fd, RNDADDENTROPY, &seed.info) != 0)
        perror("RNDADDENTROPY");
    if (fd >= 0)
        close(fd);
}

int main(int argc, char **argv)
{
    mount_or_say("proc", "/proc", "proc");
    mount_or_say("devtmpfs", "/dev", "devtmpfs");
    mount_or_say("tmpfs", "/dev/shm", "tmpfs");
    mount_or_say("tmpfs", "/tmp", "tmpfs");
    seed_random_pool();
    char *arguments[MAX_ARGUMENTS];
    int count = 0;
    arguments[count++] = RUNNER;
    for (int i = 1; i < argc && count < MAX_ARGUMENTS - 1; i++)
        arguments[count++] = argv[i];
    arguments[count] = NULL;
    pid_t runner = fork();
    if (runner == 0) {
        execv(RUNNER, arguments);
        perror(RUNNER);
        _exit(127);
    }
    for (;;) {                      /* the runner, and every orphan meanwhile */
        pid_t pid = wait(NULL);
        if (pid == runner || pid < 0)
            break;
    }
    fflush(stdout);
    sync();
    sleep(1);                       /* lets the serial line drain */
    reboot(RB_POWER_OFF);
    return 0;
}
