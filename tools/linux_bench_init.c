/* tools/linux_bench_init.c - /init of the Linux guest that tools/linux-bench
 * boots: brings the loopback interface up (Linux starts with it down, and
 * 127.0.0.1 then answers ENETUNREACH: the TCP and UDP rows need it),
 * mounts devpts with /dev/ptmx beside it (the pty row needs them), runs
 * /bin/bench (user/tools/bench built for Linux) with the arguments the
 * kernel handed to init, then powers the machine off.
 * Linux passes every boot option it does not know to init; the two that
 * the measurement's command line carries for it (nokaslr, norandmaps) are
 * dropped here. Built static against glibc by tools/linux-bench; not part
 * of the kernel's own image. */
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ARGUMENTS 16

/* ifconfig lo up: IFF_UP on "lo" (SIOCSIFFLAGS). */
static void bring_loopback_up(void)
{
    struct ifreq request;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        return;
    memset(&request, 0, sizeof request);
    strcpy(request.ifr_name, "lo");
    if (ioctl(fd, SIOCGIFFLAGS, &request) == 0) {
        request.ifr_flags |= IFF_UP | IFF_RUNNING;
        ioctl(fd, SIOCSIFFLAGS, &request);
    }
    close(fd);
}

/* /dev/pts, Linux's devpts, and /dev/ptmx a link to its ptmx, as a
 * distribution's boot makes them. */
static void mount_pseudoterminals(void)
{
    mkdir("/dev", 0755);
    mkdir("/dev/pts", 0755);
    mount("devpts", "/dev/pts", "devpts", 0, "ptmxmode=0666");
    symlink("pts/ptmx", "/dev/ptmx");
}

int main(int argc, char **argv)
{
    bring_loopback_up();
    mount_pseudoterminals();
    char *arguments[MAX_ARGUMENTS];
    int count = 0;
    arguments[count++] = "/bin/bench";
    for (int i = 1; i < argc && count < MAX_ARGUMENTS - 1; i++)
        if (strcmp(argv[i], "nokaslr") != 0 && strcmp(argv[i], "norandmaps") != 0)
            arguments[count++] = argv[i];
    arguments[count] = 0;
    pid_t bench = fork();
    if (bench == 0) {
        execv("/bin/bench", arguments);
        _exit(127);
    }
    waitpid(bench, 0, 0);
    sleep(1);                       /* lets the serial line drain */
    reboot(RB_POWER_OFF);
    return 0;
}
