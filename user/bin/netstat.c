/* user/bin/netstat.c - netstat [-t] [-u] [-l] [-a] [-n] [-p]: the
 * Internet sockets, as Linux's `netstat -tunap` prints them, from
 * kinfo(KINFO_NET_SOCKETS) (kernel/uapi/kinfo.h):
 *
 *   Active Internet connections (servers and established)
 *   Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name
 *   tcp        0      0 0.0.0.0:7               0.0.0.0:*               LISTEN      4/echo_server
 *   tcp        0      0 127.0.0.1:7             127.0.0.1:49152         ESTABLISHED 4/echo_server
 *   udp        0      0 10.0.2.15:68            0.0.0.0:*                           -
 *
 * Every socket is listed, with numbers (no names) and the process that
 * made it, as with Linux's -a, -n and -p, which are accepted and change
 * nothing. -t keeps the TCP sockets, -u the UDP ones (both: both); ping
 * sockets (icmp) show only when neither is given. -l keeps the sockets
 * that wait for others: TCP's LISTEN, and UDP sockets with no peer.
 * Recv-Q is what was received and not yet read (bytes, or datagrams for
 * UDP), Send-Q what was sent and not yet acknowledged (for a listener,
 * its backlog, as Linux shows it). A socket of the
 * kernel's own (DHCP) shows "-". */
#include <errno.h>
#include <kernel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "net_socket_table.h"

static int only_tcp, only_udp, only_listening;

/* Whether the options keep the socket `s`. */
static int wanted(const struct kinfo_net_socket *s)
{
    if ((only_tcp || only_udp) && !(only_tcp && s->protocol == IPPROTO_TCP) &&
        !(only_udp && s->protocol == IPPROTO_UDP))
        return 0;
    if (!only_listening)
        return 1;
    if (s->protocol == IPPROTO_TCP)
        return !strncmp(s->state, "LISTEN", sizeof s->state);
    return s->remote_address == 0 && s->remote_port == 0;
}

/* "4/echo_server", or "4/-" when the process is gone, "-" for the kernel. */
static void owner_text(int pid, const struct kinfo_process *processes, int count, char *text, size_t size)
{
    const char *name = "-";
    for (int i = 0; i < count; i++)
        if (processes[i].pid == pid)
            name = processes[i].name;
    if (pid)
        snprintf(text, size, "%d/%.*s", pid, (int)sizeof processes->name, name);
    else
        snprintf(text, size, "-");
}

/* Reads "-tul" style options (getopt(3)); returns the index of the first
 * other argument, or -1 on an unknown option. */
static int read_options(int argc, char **argv)
{
    int option;
    while ((option = getopt(argc, argv, "tulanp")) != -1) {
        if (option == 't')
            only_tcp = 1;
        else if (option == 'u')
            only_udp = 1;
        else if (option == 'l')
            only_listening = 1;
        else if (option == '?')
            return -1;
    }
    return optind;
}

int main(int argc, char **argv)
{
    if (read_options(argc, argv) != argc) {
        fprintf(stderr, "usage: netstat [-t] [-u] [-l] [-a] [-n] [-p]\n");
        return 2;
    }
    int count;
    struct kinfo_net_socket *sockets = kinfo_table(KINFO_NET_SOCKETS, sizeof *sockets, &count);
    if (!sockets) {
        fprintf(stderr, "netstat: %s\n", strerror(errno));
        return 1;
    }
    int process_count;                 /* for the program names; none if the kernel will not say */
    struct kinfo_process *processes = kinfo_table(KINFO_PROCESSES, sizeof *processes, &process_count);
    if (!processes)
        process_count = 0;
    printf("Active Internet connections (%s)\n", only_listening ? "only servers" : "servers and established");
    printf("%-5s %6s %6s %-23s %-23s %-11s %s\n", "Proto", "Recv-Q", "Send-Q", "Local Address", "Foreign Address",
           "State", "PID/Program name");
    for (int i = 0; i < count; i++) {
        const struct kinfo_net_socket *s = &sockets[i];
        if (!wanted(s))
            continue;
        char local[ENDPOINT_TEXT_MAX], remote[ENDPOINT_TEXT_MAX], owner[32];
        net_endpoint_text(s->local_address, s->local_port, local);
        net_endpoint_text(s->remote_address, s->remote_port, remote);
        owner_text(s->owner_pid, processes, process_count, owner, sizeof owner);
        printf("%-5s %6u %6u %-23s %-23s %-11.*s %s\n", net_protocol_name(s->protocol), s->receive_queue,
               s->send_queue, local, remote, NET_SOCKET_STATE(s), owner);
    }
    free(processes);
    free(sockets);
    return 0;
}
