/* user/bin/ping.c - ping [-c COUNT] [-i SECONDS] [-W SECONDS] [-s SIZE] HOST:
 * sends ICMP echo requests to HOST and prints each reply, as Linux's ping
 * (iputils) does:
 *
 *   PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.
 *   64 bytes from 127.0.0.1: icmp_seq=1 time=0.512 ms
 *   ...
 *   --- 127.0.0.1 ping statistics ---
 *   3 packets transmitted, 3 received, 0% packet loss, time 2004ms
 *   rtt min/avg/max/mdev = 0.401/0.475/0.512/0.052 ms
 *
 * It uses a ping socket, socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP), as
 * Linux's ping does without privileges: the program writes the ICMP
 * header and data, the kernel sets the identifier (the socket's port) and
 * the checksum and gives back only the replies to this socket. Each
 * request carries the time it was sent in its first 8 data bytes, so a
 * reply tells its own round trip. A reply's TTL is not shown: it travels
 * in the IP header, which a ping socket does not pass up (Linux's ping
 * reads it with recvmsg and IP_RECVTTL, which this kernel lacks).
 *
 * One request every SECONDS (-i, default 1, fractions allowed), COUNT of
 * them (-c, default: until Ctrl-C), SIZE data bytes (-s, default 56).
 * After the last request it waits for the missing replies: twice the
 * longest round trip seen (at least one interval) if some came, else -W
 * SECONDS (default 10). Ctrl-C stops it early with the summary. The exit
 * status is 0 if a reply came, 1 if none did, 2 on a usage or socket error. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_DATA_BYTES   56
#define DATA_BYTES_MAX       65507    /* an IPv4 datagram's payload, less the ICMP header */
#define IP_HEADER_BYTES      20       /* for the "56(84) bytes" of the first line */
#define TIMESTAMP_BYTES      8        /* the send time, at the start of the data */
#define DEFAULT_INTERVAL_US  1000000
#define DEFAULT_LINGER_US    10000000 /* -W: the wait for a reply when none came */
#define SEEN_WINDOW          1024     /* sequence numbers remembered to spot duplicates */
#define US_PER_SECOND        1000000.0
#define US_PER_MS            1000
#define EXIT_NO_REPLY        1
#define EXIT_TROUBLE         2

static volatile sig_atomic_t interrupted;

/* Round trips, in microseconds, and what was sent and received. */
static struct {
    unsigned transmitted, received, duplicates, errors;
    unsigned send_failures;                     /* requests the kernel refused: no reply can come */
    uint64_t rtt_min, rtt_max, rtt_sum, rtt_sum_of_squares;
} statistics;

static unsigned char seen[SEEN_WINDOW];          /* seen[sequence % SEEN_WINDOW]: replied already */
static unsigned char packet[sizeof(struct icmphdr) + DATA_BYTES_MAX];
static unsigned char reply[sizeof(struct icmphdr) + DATA_BYTES_MAX];

static void on_interrupt(int signal)
{
    (void)signal;
    interrupted = 1;
}

/* Microseconds on the monotonic clock. */
static uint64_t now_us(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000u + (uint64_t)now.tv_nsec / 1000u;
}

/* Prints `us` microseconds as milliseconds with iputils' precision:
 * three decimals below 1 ms, two below 10, one below 100, else none. */
static void print_ms(uint64_t us)
{
    if (us >= 100000 - 50)
        printf("%llu", (unsigned long long)((us + 500) / 1000));
    else if (us >= 10000 - 5)
        printf("%llu.%01llu", (unsigned long long)((us + 50) / 1000), (unsigned long long)((us + 50) % 1000 / 100));
    else if (us >= 1000)
        printf("%llu.%02llu", (unsigned long long)((us + 5) / 1000), (unsigned long long)((us + 5) % 1000 / 10));
    else
        printf("0.%03llu", (unsigned long long)us);
}

/* The integer square root of `n` (Newton's method), for the deviation. */
static uint64_t square_root(uint64_t n)
{
    if (n < 2)
        return n;
    uint64_t x = n, y = (x + 1) / 2;
    while (y < x) {
        x = y;
        y = (x + n / x) / 2;
    }
    return x;
}

/* Sends echo request number `sequence` with `data_bytes` of data. */
static void send_request(int fd, const struct sockaddr_in *target, unsigned sequence, size_t data_bytes)
{
    struct icmphdr *header = (struct icmphdr *)packet;
    unsigned char *data = packet + sizeof *header;
    memset(header, 0, sizeof *header);
    header->type = ICMP_ECHO;
    header->un.echo.sequence = htons((uint16_t)sequence);
    for (size_t i = 0; i < data_bytes; i++)
        data[i] = (unsigned char)i;
    if (data_bytes >= TIMESTAMP_BYTES) {
        uint64_t sent = now_us();
        memcpy(data, &sent, sizeof sent);
    }
    seen[sequence % SEEN_WINDOW] = 0;
    statistics.transmitted++;
    if (sendto(fd, packet, sizeof *header + data_bytes, 0, (const struct sockaddr *)target, sizeof *target) < 0) {
        printf("ping: sendto: %s\n", strerror(errno));
        statistics.errors++;
        statistics.send_failures++;
    }
}

/* Takes one reply off the socket and prints its line. */
static void receive_reply(int fd)
{
    struct sockaddr_in from;
    socklen_t from_length = sizeof from;
    ssize_t length = recvfrom(fd, reply, sizeof reply, 0, (struct sockaddr *)&from, &from_length);
    uint64_t arrived = now_us();
    if (length < 0) {
        if (errno != EINTR && errno != EAGAIN) {
            printf("ping: recvfrom: %s\n", strerror(errno));
            statistics.errors++;
        }
        return;
    }
    const struct icmphdr *header = (const struct icmphdr *)reply;
    if ((size_t)length < sizeof *header || header->type != ICMP_ECHOREPLY)
        return;
    unsigned sequence = ntohs(header->un.echo.sequence);
    int duplicate = seen[sequence % SEEN_WINDOW];
    seen[sequence % SEEN_WINDOW] = 1;
    char address[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &from.sin_addr, address, sizeof address);
    printf("%d bytes from %s: icmp_seq=%u", (int)length, address, sequence);
    if ((size_t)length >= sizeof *header + TIMESTAMP_BYTES) {
        uint64_t sent;
        memcpy(&sent, reply + sizeof *header, sizeof sent);
        uint64_t rtt = arrived >= sent ? arrived - sent : 0;
        printf(" time=");
        print_ms(rtt);
        printf(" ms");
        if (!duplicate) {
            if (!statistics.received || rtt < statistics.rtt_min)
                statistics.rtt_min = rtt;
            if (rtt > statistics.rtt_max)
                statistics.rtt_max = rtt;
            statistics.rtt_sum += rtt;
            statistics.rtt_sum_of_squares += rtt * rtt;
        }
    }
    if (duplicate)
        statistics.duplicates++;
    else
        statistics.received++;
    printf("%s\n", duplicate ? " (DUP!)" : "");
}

/* The last lines: counts, loss, time, and the round trips. */
static void print_summary(const char *host, uint64_t elapsed_us, int timed)
{
    printf("\n--- %s ping statistics ---\n", host);
    printf("%u packets transmitted, %u received, ", statistics.transmitted, statistics.received);
    if (statistics.duplicates)
        printf("+%u duplicates, ", statistics.duplicates);
    if (statistics.errors)
        printf("+%u errors, ", statistics.errors);
    unsigned lost = statistics.transmitted > statistics.received ? statistics.transmitted - statistics.received : 0;
    printf("%u%% packet loss, time %llums\n", statistics.transmitted ? lost * 100 / statistics.transmitted : 0,
           (unsigned long long)(elapsed_us / US_PER_MS));
    if (!statistics.received || !timed)
        return;
    uint64_t average = statistics.rtt_sum / statistics.received;
    uint64_t mean_square = statistics.rtt_sum_of_squares / statistics.received;
    uint64_t deviation = square_root(mean_square > average * average ? mean_square - average * average : 0);
    printf("rtt min/avg/max/mdev = ");
    print_ms(statistics.rtt_min);
    printf("/");
    print_ms(average);
    printf("/");
    print_ms(statistics.rtt_max);
    printf("/");
    print_ms(deviation);
    printf(" ms\n");
}

/* A number of seconds, fractions allowed, as microseconds: -1 if not one. */
static long long seconds_argument(const char *text)
{
    char *end;
    double seconds = strtod(text, &end);
    if (end == text || *end || seconds < 0 || seconds > 3600)
        return -1;
    return (long long)(seconds * US_PER_SECOND);
}

static int usage(void)
{
    fprintf(stderr, "usage: ping [-c COUNT] [-i SECONDS] [-W SECONDS] [-s SIZE] HOST\n");
    return EXIT_TROUBLE;
}

/* The address of `host` (a number or a name of /etc/hosts) into *target:
 * 0, or -1 after a message. */
static int resolve(const char *host, struct sockaddr_in *target)
{
    struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_DGRAM }, *found;
    int status = getaddrinfo(host, NULL, &hints, &found);
    if (status) {
        fprintf(stderr, "ping: %s: %s\n", host, gai_strerror(status));
        return -1;
    }
    memcpy(target, found->ai_addr, sizeof *target);
    freeaddrinfo(found);
    return 0;
}

int main(int argc, char **argv)
{
    long count = 0;                                  /* 0: until Ctrl-C */
    long long interval = DEFAULT_INTERVAL_US, linger = DEFAULT_LINGER_US;
    long data_bytes = DEFAULT_DATA_BYTES;
    int option;
    while ((option = getopt(argc, argv, "c:s:i:W:")) != -1) {
        const char *value = optarg;
        char *end;
        if (option == 'c' && (count = strtol(value, &end, 10)) > 0 && !*end)
            continue;
        if (option == 's' && (data_bytes = strtol(value, &end, 10)) >= 0 && !*end &&
            data_bytes <= DATA_BYTES_MAX)
            continue;
        if (option == 'i' && (interval = seconds_argument(value)) >= 0)
            continue;
        if (option == 'W' && (linger = seconds_argument(value)) >= 0)
            continue;
        return usage();
    }
    if (optind != argc - 1)
        return usage();
    const char *host = argv[optind];
    struct sockaddr_in target;
    if (resolve(host, &target) < 0)
        return EXIT_TROUBLE;
    int fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
    if (fd < 0) {
        fprintf(stderr, "ping: socket: %s\n", strerror(errno));
        return EXIT_TROUBLE;
    }
    struct sigaction action = { .sa_handler = on_interrupt };
    sigaction(SIGINT, &action, NULL);

    char address[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &target.sin_addr, address, sizeof address);
    printf("PING %s (%s) %ld(%ld) bytes of data.\n", host, address, data_bytes,
           data_bytes + (long)sizeof(struct icmphdr) + IP_HEADER_BYTES);
    uint64_t start = now_us(), next_send = start, last_send = start;
    while (!interrupted) {
        uint64_t now = now_us();
        int more_to_send = !count || statistics.transmitted < (unsigned long)count;
        if (more_to_send && now >= next_send) {
            send_request(fd, &target, statistics.transmitted + 1, (size_t)data_bytes);
            last_send = now;
            next_send += (uint64_t)interval;
            if (next_send < now)
                next_send = now;                     /* a slow machine does not send in bursts */
            more_to_send = !count || statistics.transmitted < (unsigned long)count;
        }
        uint64_t deadline = next_send;
        if (!more_to_send) {
            if (statistics.received + statistics.send_failures >= statistics.transmitted)
                break;                               /* nothing is on its way */
            uint64_t wait = statistics.received ? 2 * statistics.rtt_max : (uint64_t)linger;
            if (statistics.received && wait < (uint64_t)interval)
                wait = (uint64_t)interval;
            deadline = last_send + wait;
        }
        struct pollfd readable = { .fd = fd, .events = POLLIN };
        int timeout_ms = deadline > now ? (int)((deadline - now + US_PER_MS - 1) / US_PER_MS) : 0;
        int ready = poll(&readable, 1, timeout_ms);
        if (ready > 0)
            receive_reply(fd);
        else if (!more_to_send && ready == 0)
            break;                                   /* the last wait is over */
        else if (ready < 0 && errno != EINTR) {
            fprintf(stderr, "ping: poll: %s\n", strerror(errno));
            break;
        }
        fflush(stdout);
    }
    print_summary(host, now_us() - start, data_bytes >= TIMESTAMP_BYTES);
    return statistics.received ? 0 : EXIT_NO_REPLY;
}
