/* tests/boot/libc_book_programs_link_their_own_signal_and_old_names.c -
 * what the classic books' programs expect of the libc beyond POSIX's
 * newest names, as glibc gives it:
 *  - a program may define its own signal() on top of sigaction (Advanced
 *    Programming in the UNIX Environment and UNIX Network Programming
 *    both do), and still link with the libc's sigaction: the libc's
 *    signal() is an object of its own (libc/signal/signal.c); so is
 *    sleep() (libc/time/sleep.c), which APUE's library defines too,
 *    apart from time() and clock_gettime();
 *  - the older names the books use: SIGCLD, NZERO and sysconf(_SC_NZERO),
 *    IPPROTO_RAW and SOCK_SEQPACKET (to print them), FOPEN_MAX, st_atime beside
 *    POSIX 2008's st_atim;
 *  - the BSD type names u_char, u_short, u_int, u_long (and u_int32_t)
 *    come with <sys/types.h>;
 *  - <unistd.h> gives intptr_t but not uint8_t, so a program's own
 *    "#define uint8_t unsigned char" before <stdint.h> is not needed and
 *    a later one does not clash;
 *  - mktemp() chooses a free name and creates nothing; remove() of an
 *    empty directory removes it (rmdir), of a file unlinks it. */
#define uint8_t unsigned char           /* as UNIX Network Programming's config.h does */
#include <sys/types.h>
#include <unistd.h>
#undef uint8_t

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>

#include "boot_test.h"

static int own_signal_calls;
static volatile sig_atomic_t caught;

/* The book's own signal(): reliable semantics through sigaction. */
void (*signal(int signo, void (*handler)(int)))(int)
{
    struct sigaction action, old;
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    own_signal_calls++;
    if (sigaction(signo, &action, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}

static int own_sleep_calls;

/* The book's own sleep() (APUE's lib/sleep.c sleeps by alarm). */
unsigned int sleep(unsigned int seconds)
{
    own_sleep_calls++;
    struct timespec request = { (time_t)seconds, 0 };
    nanosleep(&request, 0);
    return 0;
}

static void the_programs_own_sleep_links_beside_the_clocks(void)
{
    time_t before = time(NULL);
    struct timespec now;
    CHECK_EQ(0, clock_gettime(CLOCK_MONOTONIC, &now), "clock_gettime beside the program's sleep()");
    CHECK_EQ(0, sleep(0), "the program's sleep()");
    CHECK_EQ(1, own_sleep_calls, "calls of the program's own sleep()");
    CHECK(time(NULL) >= before, "time() beside it");
}

static void old_names_are_there(void)
{
    CHECK_EQ(SIGCHLD, SIGCLD, "SIGCLD");
    CHECK_EQ(20, NZERO, "NZERO");
    CHECK_EQ(NZERO, sysconf(_SC_NZERO), "sysconf(_SC_NZERO)");
    CHECK_EQ(255, IPPROTO_RAW, "IPPROTO_RAW");
    CHECK_EQ(5, SOCK_SEQPACKET, "SOCK_SEQPACKET (Linux's number)");
    CHECK_EQ(16, FOPEN_MAX, "FOPEN_MAX (glibc's; UNIX Network Programming sizes arrays by it)");
    struct stat status;
    CHECK_EQ(0, stat("/", &status), "stat /");
    CHECK(status.st_mtim.tv_nsec >= 0 && status.st_mtim.tv_nsec < 1000000000 && status.st_mtime > 0,
          "st_mtim: %ld s %ld ns", (long)status.st_mtim.tv_sec, (long)status.st_mtim.tv_nsec);
}

static void on_usr1(int signo)
{
    caught = signo;
}

static void the_programs_own_signal_is_the_one_called(void)
{
    CHECK(signal(SIGUSR1, on_usr1) != SIG_ERR, "signal() failed: %s", strerror(errno));
    CHECK_EQ(1, own_signal_calls, "calls of the program's own signal()");
    kill(getpid(), SIGUSR1);
    CHECK_EQ(SIGUSR1, caught, "the signal the handler caught");
}

static void bsd_type_names_have_their_sizes(void)
{
    CHECK_EQ(1, sizeof(u_char), "sizeof(u_char)");
    CHECK_EQ(2, sizeof(u_short), "sizeof(u_short)");
    CHECK_EQ(4, sizeof(u_int), "sizeof(u_int)");
    CHECK_EQ(sizeof(long), sizeof(u_long), "sizeof(u_long)");
    CHECK_EQ(4, sizeof(u_int32_t), "sizeof(u_int32_t)");
    u_int big = 0xffffffffu;
    CHECK(big > 0, "u_int is unsigned");
}

static void mktemp_chooses_a_free_name_and_creates_nothing(void)
{
    char name[] = "/tmp/bookXXXXXX";
    char *result = mktemp(name);
    CHECK(result == name, "mktemp returns its argument");
    /* six letters of its own (an X among them may be one: 1 name in 11) */
    CHECK(strncmp(name, "/tmp/book", 9) == 0 && strlen(name) == 15 && strcmp(name + 9, "XXXXXX") != 0,
          "mktemp's name: %s", name);
    struct stat status;
    CHECK_ERROR(stat(name, &status), ENOENT);
    char bad[] = "/tmp/bookXXXXX";          /* five X: not a template */
    errno = 0;
    mktemp(bad);
    CHECK(bad[0] == 0 && errno == EINVAL, "mktemp of a bad template: \"%s\", errno %d", bad, errno);
}

static void remove_takes_files_and_empty_directories(void)
{
    char directory[] = "/tmp/removeXXXXXX";
    CHECK(mkdtemp(directory) != 0, "mkdtemp: %s", strerror(errno));
    char file[64];
    snprintf(file, sizeof file, "%s/f", directory);
    FILE *stream = fopen(file, "w");
    CHECK(stream != 0, "fopen: %s", strerror(errno));
    if (stream)
        fclose(stream);
    CHECK_ERROR(remove(directory), ENOTEMPTY);
    CHECK_EQ(0, remove(file), "remove of a file");
    CHECK_EQ(0, remove(directory), "remove of an empty directory");
    struct stat status;
    CHECK_ERROR(stat(directory, &status), ENOENT);
    CHECK_ERROR(remove(directory), ENOENT);
}

int main(void)
{
    the_programs_own_signal_is_the_one_called();
    the_programs_own_sleep_links_beside_the_clocks();
    old_names_are_there();
    bsd_type_names_have_their_sizes();
    mktemp_chooses_a_free_name_and_creates_nothing();
    remove_takes_files_and_empty_directories();
    return test_finish("libc_book_programs_link_their_own_signal_and_old_names");
}
