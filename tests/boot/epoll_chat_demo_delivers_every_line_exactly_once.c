/* tests/boot/epoll_chat_demo_delivers_every_line_exactly_once.c - the demo
 * /bin/epoll_chat, one server process waiting in epoll_wait on 6 client
 * sockets watched edge-triggered, relays every line to every other client
 * exactly once and in order (each client checks and says so), exits 0,
 * and leaves nothing behind: no socket, no file, no process, no epoll
 * instance or entry (the kernel's counters). */
#include "boot_chat.h"

int main(void)
{
    check_chat_demo("/bin/epoll_chat", "/tmp/epoll_chat.sock");
    return test_finish("epoll_chat_demo_delivers_every_line_exactly_once");
}
