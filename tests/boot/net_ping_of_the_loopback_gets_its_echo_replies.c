/* tests/boot/net_ping_of_the_loopback_gets_its_echo_replies.c - ICMP echo
 * over the loopback: a ping socket (socket(AF_INET, SOCK_DGRAM,
 * IPPROTO_ICMP), as Linux's, which on Linux needs the group in
 * net.ipv4.ping_group_range) sends an echo request to 127.0.0.1 and gets
 * the reply with the same sequence number and data, the identifier set by
 * the kernel to the socket's port; and /bin/ping -c 2 127.0.0.1 prints
 * two replies and "0% packet loss" and exits 0. */
#include "boot_net.h"

#include <sys/stat.h>

#define ECHO_REQUEST   8
#define ECHO_REPLY     0
#define HEADER_BYTES   8
#define DATA_BYTES     24
#define WAIT_MS        2000
#define OUTPUT_MAX     2048

static void a_ping_socket_gets_the_reply(void)
{
    int fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
    if (fd < 0 && errno == EACCES && !kernel_counters_available()) {
        printf("(a ping socket: EACCES, outside net.ipv4.ping_group_range on this Linux)\n");
        return;
    }
    CHECK(fd >= 0, "socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP): errno %d", errno);
    unsigned char request[HEADER_BYTES + DATA_BYTES], reply[256];
    memset(request, 0, sizeof request);
    request[0] = ECHO_REQUEST;
    request[6] = 0x12;                        /* sequence 0x1234 */
    request[7] = 0x34;
    for (int i = 0; i < DATA_BYTES; i++)
        request[HEADER_BYTES + i] = (unsigned char)('a' + i);
    struct sockaddr_in address;
    CHECK_EQ(sizeof request, sendto(fd, request, sizeof request, 0, (struct sockaddr *)&address,
                                    loopback_address(&address, 0)), "sendto of the echo request");
    CHECK(poll_one(fd, POLLIN, WAIT_MS) & POLLIN, "no echo reply came");
    struct sockaddr_in from;
    socklen_t length = sizeof from;
    ssize_t got = recvfrom(fd, reply, sizeof reply, MSG_DONTWAIT, (struct sockaddr *)&from, &length);
    CHECK_EQ(sizeof request, got, "the reply's length");
    CHECK_EQ(ECHO_REPLY, reply[0], "the reply's type");
    CHECK(reply[6] == 0x12 && reply[7] == 0x34, "the reply's sequence %02x%02x", reply[6], reply[7]);
    CHECK(got < (ssize_t)sizeof request || !memcmp(reply + HEADER_BYTES, request + HEADER_BYTES, DATA_BYTES),
          "the reply's data differ from the request's");
    CHECK_EQ(local_port_of(fd), (reply[4] << 8) | reply[5], "the identifier: the socket's port");
    CHECK_EQ(INADDR_LOOPBACK, ntohl(from.sin_addr.s_addr), "the reply came from 127.0.0.1");
    close(fd);
}

static void bin_ping_prints_the_replies(void)
{
    struct stat program;
    if (stat("/bin/ping", &program) != 0 || !kernel_counters_available()) {
        CHECK(!kernel_counters_available(), "/bin/ping is missing");
        return;
    }
    int ends[2];
    pipe(ends);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        dup2(ends[1], 1);
        close(ends[0]);
        close(ends[1]);
        execl("/bin/ping", "ping", "-c", "2", "-i", "0.2", "127.0.0.1", (char *)NULL);
        _exit(127);
    }
    close(ends[1]);
    static char output[OUTPUT_MAX];
    net_guard(30);
    int used = read_fully(ends[0], output, sizeof output - 1);
    alarm(0);
    output[used > 0 ? used : 0] = 0;
    close(ends[0]);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK_EQ(0, net_exit_code(status), "/bin/ping's exit status (0: replies came)");
    CHECK(strstr(output, "icmp_seq=1") && strstr(output, "icmp_seq=2"), "ping printed no two replies:\n%s", output);
    CHECK(strstr(output, " 0% packet loss"), "ping lost packets:\n%s", output);
}

static void cases(void)
{
    a_ping_socket_gets_the_reply();
    bin_ping_prints_the_replies();
}

int main(void)
{
    run_net_cases_checking_leaks(cases);
    return test_finish("net_ping_of_the_loopback_gets_its_echo_replies");
}
