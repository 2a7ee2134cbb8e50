/* tests/boot/poll_chat_demo_delivers_every_line_exactly_once.c - the demo
 * /bin/poll_chat, one server process polling 6 client sockets, relays
 * every line to every other client exactly once and in order (each client
 * checks and says so), exits 0, and leaves nothing behind: no socket, no
 * file, no process (the kernel's counters). */
#include "boot_chat.h"

int main(void)
{
    check_chat_demo("/bin/poll_chat", "/tmp/poll_chat.sock");
    return test_finish("poll_chat_demo_delivers_every_line_exactly_once");
}
