/* libc/errno.c - errno itself: one plain global, as there is one thread. */
#include <errno.h>

int errno;
