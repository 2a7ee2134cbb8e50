/* user/bin/poweroff.c - turns the machine off cleanly: asks init (pid 1)
 * with SIGPWR, and init calls the kernel's poweroff, which first writes
 * every disk's changes and marks the disks clean (docs/disk.md). Only root
 * may (kill(2) refuses another user's signal to init: EPERM).
 *
 * Usage: poweroff */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#define INIT_PID 1

int main(void)
{
    if (kill(INIT_PID, SIGPWR) != 0) {
        fprintf(stderr, "poweroff: %s\n", strerror(errno));
        return 1;
    }
    return 0;
}
