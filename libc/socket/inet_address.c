/* libc/socket/inet_address.c - Internet addresses as text and back.
 *
 * IPv4 has two grammars, as glibc has them:
 *   - inet_pton(3) takes only the strict form "a.b.c.d": four decimal
 *     numbers 0-255, no sign, no leading zero (which some read as octal),
 *     nothing before or after;
 *   - inet_aton(3) and inet_addr(3) take the old BSD forms too: each
 *     number may be hexadecimal (0x7f), octal (0177) or decimal, and there
 *     may be fewer than four: "a.b.c" puts c in the last 16 bits, "a.b"
 *     puts b in the last 24, "a" is the whole 32-bit address; "127.1" is
 *     127.0.0.1. Text after the address is allowed if it begins with a
 *     space.
 * IPv6 (inet_pton and inet_ntop only; no IPv6 socket here, <netinet/in.h>):
 *   - read: eight groups of one to four hex digits between colons; one
 *     "::" may stand for one or more groups of zeros ("::1", "fe80::"),
 *     and the last two groups may be written as a dotted quad
 *     ("::ffff:10.0.2.15");
 *   - written as glibc writes them: hex digits in lower case without
 *     leading zeros, the longest run of two or more zero groups (the
 *     first of equal ones) as "::", and the last 32 bits as a dotted quad
 *     when the address is IPv4-compatible (::a.b.c.d, 96 zero bits and
 *     more than 16 after) or IPv4-mapped (::ffff:a.b.c.d).
 * Addresses are kept in network byte order: the first number of the text
 * is the first byte in memory. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ADDRESS_PARTS 4          /* a.b.c.d */
#define BITS_PER_PART 8
#define PART_MAX      255
#define NOT_A_DIGIT   36         /* larger than any base's digit */
#define GROUPS        8          /* an IPv6 address: eight 16-bit groups */
#define GROUP_DIGITS  4          /* hex digits in a group, at most */

const struct in6_addr in6addr_any = IN6ADDR_ANY_INIT;
const struct in6_addr in6addr_loopback = IN6ADDR_LOOPBACK_INIT;

/* The value of the digit `c` in bases up to 16, else NOT_A_DIGIT. */
static unsigned digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return (unsigned)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (unsigned)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return (unsigned)(c - 'A' + 10);
    return NOT_A_DIGIT;
}

/* Reads one number of inet_aton's forms at *text (0x1f hexadecimal, 017
 * octal, else decimal) into *value and moves *text past it. 0 if there is
 * no number there or it does not fit in 32 bits. */
static int read_number(const char **text, uint32_t *value)
{
    const char *p = *text;
    unsigned base = 10;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16;
        p += 2;
    } else if (p[0] == '0') {
        base = 8;
    }
    if (digit_value(*p) >= base)
        return 0;
    uint64_t number = 0;
    for (; digit_value(*p) < base; p++) {
        number = number * base + digit_value(*p);
        if (number > UINT32_MAX)
            return 0;
    }
    *value = (uint32_t)number;
    *text = p;
    return 1;
}

int inet_aton(const char *text, struct in_addr *address)
{
    uint32_t parts[ADDRESS_PARTS];
    int count = 0;
    const char *p = text;
    for (;;) {
        if (count == ADDRESS_PARTS || !read_number(&p, &parts[count]))
            return 0;
        count++;
        if (*p != '.')
            break;
        p++;
    }
    if (*p && !isspace((unsigned char)*p))
        return 0;
    /* the leading parts are one byte each; the last fills the rest */
    uint32_t result = 0;
    for (int i = 0; i < count - 1; i++) {
        if (parts[i] > PART_MAX)
            return 0;
        result |= parts[i] << (BITS_PER_PART * (ADDRESS_PARTS - 1 - i));
    }
    int last_bits = BITS_PER_PART * (ADDRESS_PARTS - count + 1);
    if (last_bits < 32 && parts[count - 1] >> last_bits)
        return 0;
    result |= parts[count - 1];
    if (address)
        address->s_addr = htonl(result);
    return 1;
}

in_addr_t inet_addr(const char *text)
{
    struct in_addr address;
    if (!inet_aton(text, &address))
        return htonl(INADDR_NONE);
    return address.s_addr;
}

/* The strict "a.b.c.d" of inet_pton into `bytes` (network order): 1, or
 * 0 if `text` is not exactly that. */
static int parse_dotted_quad(const char *text, unsigned char bytes[ADDRESS_PARTS])
{
    const char *p = text;
    for (int i = 0; i < ADDRESS_PARTS; i++) {
        if (i > 0 && *p++ != '.')
            return 0;
        if (*p < '0' || *p > '9')
            return 0;
        if (p[0] == '0' && p[1] >= '0' && p[1] <= '9')
            return 0;                     /* a leading zero */
        unsigned value = 0;
        for (; *p >= '0' && *p <= '9'; p++) {
            value = value * 10 + (unsigned)(*p - '0');
            if (value > PART_MAX)
                return 0;
        }
        bytes[i] = (unsigned char)value;
    }
    return *p == '\0';
}

/* Reads one IPv6 group at *text, one to four hex digits, into *group and
 * moves *text past it: 0 if there is none, or a fifth digit. */
static int read_group(const char **text, uint16_t *group)
{
    const char *p = *text;
    unsigned value = 0;
    for (; digit_value(*p) < 16; p++) {
        if (p - *text == GROUP_DIGITS)
            return 0;
        value = value << 4 | digit_value(*p);
    }
    if (p == *text)
        return 0;
    *group = (uint16_t)value;
    *text = p;
    return 1;
}

/* IPv6 text (the grammar above) into `bytes`: 1, or 0 if `text` is not
 * exactly an address. */
static int parse_ipv6(const char *text, unsigned char bytes[16])
{
    uint16_t groups[GROUPS];
    int count = 0;
    int gap = -1;                   /* where "::" stands, in groups read before it */
    const char *p = text;
    if (p[0] == ':') {              /* only as the start of "::" */
        if (p[1] != ':')
            return 0;
        gap = 0;
        p += 2;
    }
    while (*p) {
        /* a dotted quad in place of the last two groups: digits, then '.' */
        const char *end = p;
        while (digit_value(*end) < 16)
            end++;
        if (*end == '.') {
            unsigned char quad[ADDRESS_PARTS];
            if (count > GROUPS - 2 || !parse_dotted_quad(p, quad))
                return 0;
            groups[count++] = (uint16_t)(quad[0] << 8 | quad[1]);
            groups[count++] = (uint16_t)(quad[2] << 8 | quad[3]);
            break;                  /* parse_dotted_quad saw the end */
        }
        if (count == GROUPS || !read_group(&p, &groups[count]))
            return 0;
        count++;
        if (*p == '\0')
            break;
        if (*p++ != ':')
            return 0;
        if (*p == ':') {
            if (gap >= 0)
                return 0;           /* a second "::" */
            gap = count;
            p++;
        } else if (*p == '\0') {
            return 0;               /* a group ends in a single ':' */
        }
    }
    /* "::" stands for at least one group of zeros */
    if (gap < 0 ? count != GROUPS : count == GROUPS)
        return 0;
    int zeros = GROUPS - count;
    for (int i = 0, from = 0; i < GROUPS; i++) {
        uint16_t group = gap >= 0 && i >= gap && i < gap + zeros ? 0 : groups[from++];
        bytes[2 * i] = (unsigned char)(group >> 8);
        bytes[2 * i + 1] = (unsigned char)group;
    }
    return 1;
}

int inet_pton(int family, const char *text, void *destination)
{
    unsigned char bytes[16];
    int is_address;
    size_t size;
    if (family == AF_INET) {
        is_address = parse_dotted_quad(text, bytes);
        size = ADDRESS_PARTS;
    } else if (family == AF_INET6) {
        is_address = parse_ipv6(text, bytes);
        size = sizeof(struct in6_addr);
    } else {
        errno = EAFNOSUPPORT;
        return -1;
    }
    if (!is_address)
        return 0;
    memcpy(destination, bytes, size);
    return 1;
}

/* Writes the address at `source` (network order) as "a.b.c.d" into
 * `text`, which has room for INET_ADDRSTRLEN bytes. */
static void format_dotted_quad(const void *source, char text[INET_ADDRSTRLEN])
{
    const unsigned char *bytes = source;
    snprintf(text, INET_ADDRSTRLEN, "%u.%u.%u.%u", bytes[0], bytes[1], bytes[2], bytes[3]);
}

/* Writes the IPv6 address at `source` as glibc does (above) into
 * `text`, which has room for INET6_ADDRSTRLEN bytes. */
static void format_ipv6(const void *source, char text[INET6_ADDRSTRLEN])
{
    const unsigned char *bytes = source;
    unsigned groups[GROUPS];
    for (int i = 0; i < GROUPS; i++)
        groups[i] = (unsigned)bytes[2 * i] << 8 | bytes[2 * i + 1];
    /* the longest run of zero groups, the first of equal ones */
    int run = -1, run_length = 0;
    for (int i = 0; i < GROUPS;) {
        int length = 0;
        while (i + length < GROUPS && groups[i + length] == 0)
            length++;
        if (length > run_length) {
            run = i;
            run_length = length;
        }
        i += length ? length : 1;
    }
    if (run_length < 2)
        run = -1;                   /* a single zero group stays "0" */
    int ipv4_tail = run == 0 && (run_length == 6 || (run_length == 5 && groups[5] == 0xffff));
    int last = ipv4_tail ? GROUPS - 2 : GROUPS;   /* groups written in hex */
    char *p = text;
    for (int i = 0; i < last; i++) {
        if (i == run) {
            *p++ = ':';
            i += run_length - 1;
            if (i == GROUPS - 1)
                *p++ = ':';           /* the run ends the address */
            continue;
        }
        if (i > 0)
            *p++ = ':';
        p += sprintf(p, "%x", groups[i]);
    }
    if (ipv4_tail) {
        *p++ = ':';
        format_dotted_quad(bytes + 12, p);
    } else {
        *p = '\0';
    }
}

const char *inet_ntop(int family, const void *source, char *destination, socklen_t size)
{
    char text[INET6_ADDRSTRLEN];
    if (family == AF_INET) {
        format_dotted_quad(source, text);
    } else if (family == AF_INET6) {
        format_ipv6(source, text);
    } else {
        errno = EAFNOSUPPORT;
        return NULL;
    }
    if (strlen(text) + 1 > size) {
        errno = ENOSPC;
        return NULL;
    }
    memcpy(destination, text, strlen(text) + 1);
    return destination;
}

char *inet_ntoa(struct in_addr address)
{
    static char text[INET_ADDRSTRLEN];
    format_dotted_quad(&address.s_addr, text);
    return text;
}
