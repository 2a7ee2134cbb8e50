/* libc/include/syslog.h - the system log. There is no syslog daemon: each
 * message is written to /dev/console as "TAG[PID]: message" (libc/syslog/
 * syslog.c); the priorities, facilities and options are glibc's. */
#ifndef LIBC_INCLUDE_SYSLOG_H
#define LIBC_INCLUDE_SYSLOG_H

#include <stdarg.h>

/* priorities, most urgent first */
#define LOG_EMERG   0       /* the system is unusable */
#define LOG_ALERT   1       /* action must be taken at once */
#define LOG_CRIT    2
#define LOG_ERR     3
#define LOG_WARNING 4
#define LOG_NOTICE  5       /* normal but significant */
#define LOG_INFO    6
#define LOG_DEBUG   7

#define LOG_PRIMASK        0x07
#define LOG_PRI(p)         ((p) & LOG_PRIMASK)
#define LOG_MAKEPRI(f, p)  ((f) | (p))

/* facilities: who logs */
#define LOG_KERN     (0 << 3)
#define LOG_USER     (1 << 3)   /* the default */
#define LOG_MAIL     (2 << 3)
#define LOG_DAEMON   (3 << 3)
#define LOG_AUTH     (4 << 3)
#define LOG_SYSLOG   (5 << 3)
#define LOG_LPR      (6 << 3)
#define LOG_NEWS     (7 << 3)
#define LOG_UUCP     (8 << 3)
#define LOG_CRON     (9 << 3)
#define LOG_AUTHPRIV (10 << 3)
#define LOG_FTP      (11 << 3)
#define LOG_LOCAL0   (16 << 3)
#define LOG_LOCAL1   (17 << 3)
#define LOG_LOCAL2   (18 << 3)
#define LOG_LOCAL3   (19 << 3)
#define LOG_LOCAL4   (20 << 3)
#define LOG_LOCAL5   (21 << 3)
#define LOG_LOCAL6   (22 << 3)
#define LOG_LOCAL7   (23 << 3)

#define LOG_NFACILITIES 24
#define LOG_FACMASK     0x03f8
#define LOG_FAC(p)      (((p) & LOG_FACMASK) >> 3)

/* setlogmask's masks */
#define LOG_MASK(pri)   (1 << (pri))               /* that priority alone */
#define LOG_UPTO(pri)   ((1 << ((pri) + 1)) - 1)   /* it and every more urgent one */

/* openlog's options */
#define LOG_PID     0x01    /* put the process id in each message */
#define LOG_CONS    0x02    /* to the console if the log cannot be reached (always, here) */
#define LOG_ODELAY  0x04    /* open the console at the first message (the default) */
#define LOG_NDELAY  0x08    /* open it now */
#define LOG_NOWAIT  0x10    /* (has no effect) */
#define LOG_PERROR  0x20    /* write each message to standard error too */

void openlog(const char *ident, int option, int facility);
void syslog(int priority, const char *format, ...) __attribute__((__format__(__printf__, 2, 3)));
void vsyslog(int priority, const char *format, va_list args) __attribute__((__format__(__printf__, 2, 0)));
void closelog(void);
int setlogmask(int mask);

#endif
