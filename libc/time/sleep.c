/* libc/time/sleep.c - sleep(): an object of its own, apart from the
 * clocks and nanosleep (clock.c), so that a program that defines its own
 * sleep() (Advanced Programming in the UNIX Environment's library sleeps
 * by alarm) links with the library's time(), clock_gettime and
 * nanosleep, as it does with glibc's. */
#include <time.h>
#include <unistd.h>

#define NANOSECONDS_PER_SECOND 1000000000L

/* Sleeps `seconds`; returns 0, or the seconds left if a signal woke it. */
unsigned int sleep(unsigned int seconds)
{
    struct timespec request = { (long)seconds, 0 };
    struct timespec remaining = { 0, 0 };
    if (nanosleep(&request, &remaining) == 0)
        return 0;
    return (unsigned int)remaining.tv_sec + (remaining.tv_nsec >= NANOSECONDS_PER_SECOND / 2);
}
