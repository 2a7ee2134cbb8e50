/* libc_syslog_writes_tag_pid_and_message: openlog/syslog/closelog/
 * setlogmask as glibc has them, seen through LOG_PERROR (the same line
 * this libc writes to /dev/console): "TAG[PID]: message" with one newline,
 * the program's name when no tag is set (and again after closelog, which
 * keeps the options), %m as errno's text with errno kept, a mask that
 * holds back priorities, setlogmask(0) changing nothing, and the
 * constants' values. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "boot_test.h"

static int log_pipe[2];

/* What the log wrote to standard error since the last call. */
static const char *take_output(void)
{
    static char text[1024];
    int length = read(log_pipe[0], text, sizeof text - 1);
    text[length > 0 ? length : 0] = '\0';
    return text;
}

#define CHECK_OUTPUT(expected, what)                                                     \
    do {                                                                                 \
        const char *got_ = take_output();                                                \
        CHECK(strcmp((expected), got_) == 0, "%s: expected \"%s\", got \"%s\"", what,     \
              (expected), got_);                                                         \
    } while (0)

int main(int argc, char **argv)
{
    (void)argc;
    CHECK_EQ(0, pipe(log_pipe), "pipe");
    fcntl(log_pipe[0], F_SETFL, O_NONBLOCK);
    int saved_stderr = dup(STDERR_FILENO);
    dup2(log_pipe[1], STDERR_FILENO);
    char expected[256];
    int pid = (int)getpid();

    openlog("tagname", LOG_PID | LOG_PERROR, LOG_LOCAL7);
    errno = ENOENT;
    syslog(LOG_INFO, "hello %d %m %%m", 5);
    CHECK_EQ(ENOENT, errno, "syslog keeps errno");
    snprintf(expected, sizeof expected, "tagname[%d]: hello 5 No such file or directory %%m\n", pid);
    CHECK_OUTPUT(expected, "a message with its tag and pid, %m expanded");

    syslog(LOG_ERR | LOG_DAEMON, "ends with a newline\n");
    snprintf(expected, sizeof expected, "tagname[%d]: ends with a newline\n", pid);
    CHECK_OUTPUT(expected, "no second newline");

    CHECK_EQ(0xff, setlogmask(LOG_UPTO(LOG_ERR)), "the mask lets every priority through at first");
    syslog(LOG_INFO, "held back");
    CHECK_OUTPUT("", "a priority outside the mask is not logged");
    syslog(LOG_CRIT, "let through");
    snprintf(expected, sizeof expected, "tagname[%d]: let through\n", pid);
    CHECK_OUTPUT(expected, "a priority in the mask is logged");
    CHECK_EQ(LOG_UPTO(LOG_ERR), setlogmask(0), "setlogmask(0) returns the mask");
    CHECK_EQ(LOG_UPTO(LOG_ERR), setlogmask(LOG_MASK(LOG_DEBUG)), "and leaves it alone");
    syslog(LOG_DEBUG, "debug only");
    snprintf(expected, sizeof expected, "tagname[%d]: debug only\n", pid);
    CHECK_OUTPUT(expected, "LOG_MASK(LOG_DEBUG) lets debug through");
    setlogmask(0xff);

    closelog();
    syslog(LOG_WARNING, "after closelog");
    const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    snprintf(expected, sizeof expected, "%s[%d]: after closelog\n", name, pid);
    CHECK_OUTPUT(expected, "closelog forgets the tag, keeps the options");

    openlog(NULL, LOG_PERROR, 0);
    syslog(LOG_NOTICE, "no pid");
    snprintf(expected, sizeof expected, "%s: no pid\n", name);
    CHECK_OUTPUT(expected, "without LOG_PID and with the program's name");

    openlog("", LOG_PERROR, LOG_USER);
    syslog(LOG_INFO, "%s", "");
    CHECK_OUTPUT(": \n", "an empty tag and an empty message");
    closelog();

    dup2(saved_stderr, STDERR_FILENO);
    CHECK_EQ(0, LOG_EMERG, "LOG_EMERG");
    CHECK_EQ(7, LOG_DEBUG, "LOG_DEBUG");
    CHECK_EQ(8, LOG_USER, "LOG_USER");
    CHECK_EQ(184, LOG_LOCAL7, "LOG_LOCAL7");
    CHECK_EQ(0x20, LOG_PERROR, "LOG_PERROR");
    CHECK_EQ(0x0f, LOG_UPTO(LOG_ERR), "LOG_UPTO(LOG_ERR)");
    CHECK_EQ(3, LOG_PRI(LOG_ERR | LOG_DAEMON), "LOG_PRI");
    CHECK_EQ(3, LOG_FAC(LOG_ERR | LOG_DAEMON), "LOG_FAC");
    return test_finish("libc_syslog_writes_tag_pid_and_message");
}
