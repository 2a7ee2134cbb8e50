/* tools/posix_suite_linux_init.c - /init of the Linux guest that
 * `tools/posix-suite --linux` boots to measure the same tests on Linux:
 * mounts what the tests expect of a Linux system (/proc, /dev, a tmpfs on
 * /tmp and on /dev/shm, where glibc keeps POSIX shared memory and named
 * semaphores), runs /bin/posix_suite_runner (tools/posix_suite_runner.c,
 * built for Linux too) with the arguments the kernel handed to init (the
 * words after "--" on its command line), reaps the orphans the tests
 * leave meanwhile, then powers the machine off. Built static against
 * glibc by tools/posix-suite; not part of the kernel's own image. */
#include <stdio.h>
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

int main(int argc, char **argv)
{
    mount_or_say("proc", "/proc", "proc");
    mount_or_say("devtmpfs", "/dev", "devtmpfs");
    mount_or_say("tmpfs", "/dev/shm", "tmpfs");
    mount_or_say("tmpfs", "/tmp", "tmpfs");
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
