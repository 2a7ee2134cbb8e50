/* kernel/uapi/timerfd.h - timerfd_create(2) as programs see it: the
 * flags of timerfd_create and timerfd_settime, Linux's values (a timer
 * read as a file: docs/timers.md, kernel/ipc/timerfd.c). */
#ifndef KERNEL_UAPI_TIMERFD_H
#define KERNEL_UAPI_TIMERFD_H

#include "fcntl.h"

#define TFD_NONBLOCK O_NONBLOCK              /* timerfd_create: read says EAGAIN instead of waiting */
#define TFD_CLOEXEC  O_CLOEXEC               /* timerfd_create: the descriptor closes on exec */

#define TFD_TIMER_ABSTIME        1           /* timerfd_settime: it_value is a time on the clock */
#define TFD_TIMER_CANCEL_ON_SET  2           /* with it, on CLOCK_REALTIME: clock_settime makes read ECANCELED */

#endif
