/* user/bin/sync.c - sync: writes every change the kernel still keeps in
 * memory (its buffer cache) to the disks (sync(2)), so that the machine
 * may be switched off. */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    (void)argv;
    if (argc > 1) {
        fprintf(stderr, "usage: sync\n");
        return 2;
    }
    sync();
    return 0;
}
