/* libc/syslog/syslog.c - the system log without a daemon: every message
 * goes straight to /dev/console as one write of
 *
 *     TAG[PID]: message\n        ("[PID]" with LOG_PID; TAG: openlog's, or
 *                                 the program's name)
 *
 * and to standard error too with LOG_PERROR, in the same form as glibc
 * writes it there. Priority and facility decide nothing but whether
 * setlogmask lets the message through. "%m" in a format is the text of
 * errno, as in glibc.
 *
 * Threads: one lock guards the settings and the console descriptor. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "../thread/thread_internal.h"

#define CONSOLE_PATH "/dev/console"

static volatile int syslog_lock;
static const char *log_tag;          /* NULL: the program's name */
static int log_options;              /* LOG_PID, LOG_PERROR, ... */
static int log_facility = LOG_USER;
static int log_mask = 0xff;          /* every priority */
static int console_fd = -1;

/* Opens the console unless it is open. Caller holds syslog_lock. */
static void open_console_locked(void)
{
    if (console_fd < 0)
        console_fd = open(CONSOLE_PATH, O_WRONLY | O_NOCTTY | O_CLOEXEC);
}

/* Sets the tag (NULL: the program's name) put before each message, the
 * LOG_* options, and the facility used when a message names none. */
void openlog(const char *ident, int option, int facility)
{
    __libc_lock(&syslog_lock);
    log_tag = ident;
    log_options = option;
    if (facility != 0 && (facility & ~LOG_FACMASK) == 0)
        log_facility = facility;
    if (option & LOG_NDELAY)
        open_console_locked();
    __libc_unlock(&syslog_lock);
}

/* Closes the console descriptor and forgets the tag; the options and
 * the mask stay, as in glibc. */
void closelog(void)
{
    __libc_lock(&syslog_lock);
    if (console_fd >= 0)
        close(console_fd);
    console_fd = -1;
    log_tag = NULL;
    __libc_unlock(&syslog_lock);
}

/* Lets through only the priorities whose LOG_MASK bits are in `mask`
 * (0 leaves the mask as it is); returns the mask before. */
int setlogmask(int mask)
{
    __libc_lock(&syslog_lock);
    int old = log_mask;
    if (mask != 0)
        log_mask = mask;
    __libc_unlock(&syslog_lock);
    return old;
}

/* A malloc'd copy of `format` with each "%m" replaced by `error`'s
 * message ("%%" is kept as it is, for vsnprintf). */
static char *expand_errno(const char *format, int error)
{
    const char *message = strerror(error);
    size_t size = 1;
    for (const char *p = format; *p; p++)
        size += p[0] == '%' && p[1] == 'm' ? strlen(message) * 2 : 1;
    char *expanded = malloc(size), *out = expanded;
    if (!expanded)
        return NULL;
    for (const char *p = format; *p; p++) {
        if (p[0] == '%' && p[1] == '%') {
            *out++ = *p++;
            *out++ = *p;
        } else if (p[0] == '%' && p[1] == 'm') {
            for (const char *m = message; *m; m++)
                if ((*out++ = *m) == '%')
                    *out++ = '%';
            p++;
        } else {
            *out++ = *p;
        }
    }
    *out = '\0';
    return expanded;
}

/* Writes the whole line to `fd`, in as many writes as it takes. */
static void write_line(int fd, const char *line, size_t length)
{
    while (length > 0) {
        ssize_t written = write(fd, line, length);
        if (written <= 0 && errno != EINTR)
            return;
        if (written > 0) {
            line += written;
            length -= (size_t)written;
        }
    }
}

/* Builds "TAG[PID]: message\n" and writes it out. */
static void log_line(const char *format, va_list args, int error)
{
    char *expanded = expand_errno(format, error);
    if (!expanded)
        return;
    va_list measure;
    va_copy(measure, args);
    int message_length = vsnprintf(NULL, 0, expanded, measure);
    va_end(measure);
    __libc_lock(&syslog_lock);
    const char *tag = log_tag ? log_tag : program_invocation_short_name;
    char prefix[64];
    int prefix_length = log_options & LOG_PID
                            ? snprintf(prefix, sizeof prefix, "[%d]: ", (int)getpid())
                            : snprintf(prefix, sizeof prefix, ": ");
    size_t tag_length = strlen(tag);
    size_t size = tag_length + (size_t)prefix_length + (size_t)(message_length > 0 ? message_length : 0) + 2;
    char *line = message_length >= 0 ? malloc(size) : NULL;
    if (line) {
        memcpy(line, tag, tag_length);
        memcpy(line + tag_length, prefix, (size_t)prefix_length);
        size_t length = tag_length + (size_t)prefix_length;
        vsnprintf(line + length, size - length, expanded, args);
        length += (size_t)message_length;
        if (length == 0 || line[length - 1] != '\n')
            line[length++] = '\n';
        open_console_locked();
        if (console_fd >= 0)
            write_line(console_fd, line, length);
        if (log_options & LOG_PERROR)
            write_line(STDERR_FILENO, line, length);
        free(line);
    }
    __libc_unlock(&syslog_lock);
    free(expanded);
}

/* Logs the message `format` makes of `args` at `priority` (a LOG_*
 * priority, optionally or'ed with a facility), unless setlogmask masks
 * that priority. A priority with other bits set is logged with them
 * cleared, after a complaint, as glibc does. errno is kept. */
void vsyslog(int priority, const char *format, va_list args)
{
    int saved_errno = errno;
    if (priority & ~(LOG_PRIMASK | LOG_FACMASK)) {
        syslog(LOG_ERR, "syslog: unknown facility/priority: %x", (unsigned)priority);
        priority &= LOG_PRIMASK | LOG_FACMASK;
    }
    __libc_lock(&syslog_lock);
    int masked = !(log_mask & LOG_MASK(LOG_PRI(priority)));
    __libc_unlock(&syslog_lock);
    if (!masked)
        log_line(format, args, saved_errno);
    errno = saved_errno;
}

/* vsyslog with its arguments listed. */
void syslog(int priority, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsyslog(priority, format, args);
    va_end(args);
}
