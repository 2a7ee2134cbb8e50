/* user/tools/bench/pty.c - pseudoterminals (docs/terminals.md,
 * "Pseudoterminals").
 *
 * pty_round_trip: the pipe round trip (pipe.c) through a pseudoterminal
 * in raw mode: the parent writes 1 byte to the master and blocks reading
 * it; the child, blocked reading the slave, takes the byte through the
 * line discipline and writes 1 byte back, which output processing puts
 * in the master's ring. Two writes, two reads, two wake-ups and two
 * switches, as the pipe's, and a terminal's work on each byte. */
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include "bench.h"

static int slave_fd = -1;

/* The child: reads each byte from the slave and writes one back, ROUNDS times. */
static int answer_each_byte(int unused)
{
    (void)unused;
    char c;
    for (int i = 0; i < ROUNDS; i++)
        if (read(slave_fd, &c, 1) != 1 || write(slave_fd, &c, 1) != 1)
            return 1;
    return 0;
}

int bench_pty_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    int master = -1;
    struct termios raw;
    if (openpty(&master, &slave_fd, NULL, NULL, NULL) != 0)
        return last_error();
    tcgetattr(slave_fd, &raw);
    cfmakeraw(&raw);
    int status = tcsetattr(slave_fd, TCSANOW, &raw) == 0 ? 0 : last_error(), failures = 0;
    pid_t child = status == 0 ? start_child(answer_each_byte, 0) : 0;
    if (child < 0)
        status = child;
    char c = 'x';
    if (status == 0)
        TIME_EACH(samples, failures += write(master, &c, 1) != 1 || read(master, &c, 1) != 1);
    if (status == 0 && (benchmark_stopped || failures))
        status = -EIO;                 /* the child still waits: finish_child kills it */
    if (child > 0)
        status = finish_child(child, status);
    close(master);
    close(slave_fd);
    return status;
}
