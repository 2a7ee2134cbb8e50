/* user/demos/multiplexing/timerfd_ticker.c - timers as descriptors: one
 * epoll set waits for two timerfds and a pipe at once (timerfd_create(2),
 * docs/timers.md).
 *
 *   timerfd_ticker
 *
 * `tick` expires every 100 ms; `deadline` once, at a time on
 * CLOCK_MONOTONIC 450 ms after the start (TFD_TIMER_ABSTIME); a child
 * writes a line into the pipe every 250 ms, three of them, then exits.
 * Each wake-up prints when it came and what was ready; a timer's read
 * says how many times it expired since the last read. At the deadline
 * the program sleeps 300 ms without reading: the tick goes on expiring,
 * and its next read counts the periods missed. Exit status 0 when every
 * line came and the counts add up. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NS_PER_MS 1000000ll

static long long now_ms(long long start_ns)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return ((long long)t.tv_sec * 1000000000ll + t.tv_nsec - start_ns) / NS_PER_MS;
}

static void writer(int fd)
{
    for (int line = 1; line <= 3; line++) {
        struct timespec nap = { 0, 250 * NS_PER_MS };
        nanosleep(&nap, NULL);
        char text[32];
        int length = snprintf(text, sizeof text, "line %d", line);
        write(fd, text, length);
    }
    _exit(0);
}

int main(void)
{
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    long long start_ns = (long long)start.tv_sec * 1000000000ll + start.tv_nsec;
    int ends[2];
    if (pipe(ends) < 0)
        return 1;
    pid_t child = fork();
    if (child == 0) {
        close(ends[0]);
        writer(ends[1]);
    }
    close(ends[1]);

    int tick = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    int deadline = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    struct itimerspec every_100_ms = { { 0, 100 * NS_PER_MS }, { 0, 100 * NS_PER_MS } };
    long long at = start_ns + 450 * NS_PER_MS;
    struct itimerspec at_450_ms = { { 0, 0 }, { (time_t)(at / 1000000000ll), (long)(at % 1000000000ll) } };
    if (tick < 0 || deadline < 0 || timerfd_settime(tick, 0, &every_100_ms, NULL) < 0 ||
        timerfd_settime(deadline, TFD_TIMER_ABSTIME, &at_450_ms, NULL) < 0) {
        perror("timerfd");
        return 1;
    }
    int set = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event watch = { EPOLLIN, { .fd = tick } };
    epoll_ctl(set, EPOLL_CTL_ADD, tick, &watch);
    watch.data.fd = deadline;
    epoll_ctl(set, EPOLL_CTL_ADD, deadline, &watch);
    watch.data.fd = ends[0];
    epoll_ctl(set, EPOLL_CTL_ADD, ends[0], &watch);

    uint64_t ticks = 0;
    int lines = 0, pipe_open = 1, slept = 0;
    while (pipe_open) {
        struct epoll_event ready[3];
        int count = epoll_wait(set, ready, 3, 5000);
        if (count <= 0) {
            printf("epoll_wait: nothing for 5 s\n");
            return 1;
        }
        for (int i = 0; i < count; i++) {
            int fd = ready[i].data.fd;
            if (fd == ends[0]) {
                char text[32];
                int length = (int)read(fd, text, sizeof text - 1);
                if (length <= 0) {
                    printf("%5lld ms  pipe: end of file\n", now_ms(start_ns));
                    epoll_ctl(set, EPOLL_CTL_DEL, fd, NULL);
                    pipe_open = 0;
                    continue;
                }
                text[length] = 0;
                lines++;
                printf("%5lld ms  pipe: \"%s\"\n", now_ms(start_ns), text);
                continue;
            }
            uint64_t expirations;
            if (read(fd, &expirations, sizeof expirations) != sizeof expirations)
                continue;
            if (fd == tick) {
                ticks += expirations;
                printf("%5lld ms  tick: %llu expiration%s\n", now_ms(start_ns), (unsigned long long)expirations,
                       expirations == 1 ? "" : "s");
            } else {
                printf("%5lld ms  deadline: %llu expiration; sleeping 300 ms without reading\n", now_ms(start_ns),
                       (unsigned long long)expirations);
                struct timespec nap = { 0, 300 * NS_PER_MS };
                nanosleep(&nap, NULL);
                slept = 1;
            }
        }
    }
    waitpid(child, NULL, 0);
    struct itimerspec left;
    timerfd_gettime(tick, &left);
    long long expected = now_ms(start_ns) / 100;
    printf("%llu ticks in %lld ms (the tick's next expiry in %ld ms)\n", (unsigned long long)ticks,
           now_ms(start_ns), left.it_value.tv_nsec / 1000000);
    close(tick);
    close(deadline);
    close(set);
    return lines == 3 && slept && ticks + 2 >= (uint64_t)expected / 2 && ticks <= (uint64_t)expected ? 0 : 1;
}
