/* libc/stdio/temporary.c - files and directories with names nobody else
 * has: mkstemp, mkostemp, mkdtemp, mktemp, tmpfile, tmpnam.
 *
 * A template ends in "XXXXXX"; each try replaces those six letters by six
 * of [A-Za-z0-9] and creates the name with O_CREAT | O_EXCL (or mkdir),
 * which fails with EEXIST if the name is taken, so no other process can
 * slip in between choosing the name and creating it. The letters come
 * from a generator seeded with the pid, the clock and a counter (the
 * kernel has no source of entropy to ask). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../thread/thread_internal.h"

#define SUFFIX_LENGTH 6
#define ATTEMPTS      TMP_MAX            /* names tried before giving up with EEXIST */
#define LETTERS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

static volatile int name_lock;
static unsigned long long name_state;

/* The next 64 pseudo-random bits (a linear congruential step, mixed with
 * the pid and the clock whenever called, so two processes drift apart). */
static unsigned long long next_bits(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    __libc_lock(&name_lock);
    name_state ^= ((unsigned long long)now.tv_nsec << 16) ^ (unsigned long long)getpid() ^
                  ((unsigned long long)now.tv_sec << 40);
    name_state = name_state * 6364136223846793005ULL + 1442695040888963407ULL;
    unsigned long long bits = name_state;
    __libc_unlock(&name_lock);
    return bits ^ (bits >> 29);
}

/* The "XXXXXX" at the end of `template`, or NULL (errno EINVAL) if it
 * does not end so. */
static char *suffix_of(char *template)
{
    size_t length = strlen(template);
    if (length < SUFFIX_LENGTH || strcmp(template + length - SUFFIX_LENGTH, "XXXXXX") != 0) {
        errno = EINVAL;
        return NULL;
    }
    return template + length - SUFFIX_LENGTH;
}

/* Writes six fresh letters over `suffix`. */
static void fill_suffix(char *suffix)
{
    unsigned long long bits = next_bits();
    for (int i = 0; i < SUFFIX_LENGTH; i++, bits /= sizeof LETTERS - 1)
        suffix[i] = LETTERS[bits % (sizeof LETTERS - 1)];
}

/* mkstemp with `flags` (O_APPEND, O_CLOEXEC, ...) added to the open. */
int mkostemp(char *template, int flags)
{
    char *suffix = suffix_of(template);
    if (!suffix)
        return -1;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        fill_suffix(suffix);
        int fd = open(template, O_RDWR | O_CREAT | O_EXCL | (flags & ~O_ACCMODE), S_IRUSR | S_IWUSR);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    memcpy(suffix, "XXXXXX", SUFFIX_LENGTH);
    errno = EEXIST;
    return -1;
}

/* Replaces the "XXXXXX" ending `template` so that it names a file that
 * did not exist, creates it (mode 0600) and opens it for reading and
 * writing. Returns the descriptor, or -1 with EINVAL (no "XXXXXX" at the
 * end; template untouched), EEXIST (every name tried was taken) or
 * open's errno. */
int mkstemp(char *template)
{
    return mkostemp(template, 0);
}

/* As mkstemp, but makes a directory (mode 0700). Returns template, or
 * NULL with EINVAL, EEXIST or mkdir's errno. */
char *mkdtemp(char *template)
{
    char *suffix = suffix_of(template);
    if (!suffix)
        return NULL;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        fill_suffix(suffix);
        if (mkdir(template, S_IRWXU) == 0)
            return template;
        if (errno != EEXIST)
            return NULL;
    }
    memcpy(suffix, "XXXXXX", SUFFIX_LENGTH);
    errno = EEXIST;
    return NULL;
}

/* The old way, kept for the programs that use it (UNIX Network
 * Programming's among them): replaces the "XXXXXX" ending `template` so
 * that it names no file now, and returns template; creates nothing, so
 * another process may take the name first (mkstemp is the safe way). On
 * failure template becomes "" (as glibc leaves it) and errno says why. */
char *mktemp(char *template)
{
    char *suffix = suffix_of(template);
    if (!suffix) {
        template[0] = 0;
        return template;
    }
    struct stat status;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        fill_suffix(suffix);
        if (lstat(template, &status) < 0) {
            if (errno == ENOENT)
                return template;
            template[0] = 0;            /* lstat's errno: ENOTDIR, EACCES, ... */
            return template;
        }
    }
    errno = EEXIST;                     /* every name tried was taken */
    template[0] = 0;
    return template;
}

/* A new file in P_tmpdir opened "w+", with no name: it is unlinked at
 * once, so it goes away when closed or when the process ends. NULL with
 * errno on failure. */
FILE *tmpfile(void)
{
    char name[] = P_tmpdir "/tmpfXXXXXX";
    int fd = mkstemp(name);
    if (fd == -1)
        return NULL;
    unlink(name);
    FILE *stream = fdopen(fd, "w+");
    if (!stream)
        close(fd);
    return stream;
}

/* A name in P_tmpdir that no file has now (into `name`, L_tmpnam bytes,
 * or a static buffer when it is NULL). Another process may take it
 * before the caller does: mkstemp is the safe way. NULL if none is found. */
char *tmpnam(char *name)
{
    static char shared[L_tmpnam];
    char *out = name ? name : shared;
    char candidate[L_tmpnam] = P_tmpdir "/fileXXXXXX";
    char *suffix = candidate + strlen(candidate) - SUFFIX_LENGTH;
    struct stat status;
    int saved_errno = errno;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        fill_suffix(suffix);
        if (lstat(candidate, &status) == -1 && errno == ENOENT) {
            errno = saved_errno;
            return strcpy(out, candidate);
        }
    }
    return NULL;
}
