/* tools/linux_bench_init.c - /init of the Linux guest that tools/linux-bench
 * boots: runs /bin/bench (user/tools/bench built for Linux) with the
 * arguments the kernel handed to init, then powers the machine off.
 * Linux passes every boot option it does not know to init; the two that
 * the measurement's command line carries for it (nokaslr, norandmaps) are
 * dropped here. Built static against glibc by tools/linux-bench; not part
 * of the kernel's own image. */
#include <string.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ARGUMENTS 16

int main(int argc, char **argv)
{
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
