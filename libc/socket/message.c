/* libc/socket/message.c - sendmsg and recvmsg: a message of many
 * buffers, an address and ancillary data (descriptors, credentials). */
#include <sys/socket.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

ssize_t sendmsg(int fd, const struct msghdr *message, int flags)
{
    return syscall_result(cancel_point_result(syscall3(cancel_point_number(SYS_sendmsg),
                                                       fd, (long)message, flags)));
}

ssize_t recvmsg(int fd, struct msghdr *message, int flags)
{
    return syscall_result(cancel_point_result(syscall3(cancel_point_number(SYS_recvmsg),
                                                       fd, (long)message, flags)));
}
