/* kernel/uapi/time.h - struct timespec and clock ids. */
#ifndef KERNEL_UAPI_TIME_H
#define KERNEL_UAPI_TIME_H

struct timespec {
    long tv_sec;
    long tv_nsec;
};

#define CLOCK_REALTIME  0
#define CLOCK_MONOTONIC 1

#endif
