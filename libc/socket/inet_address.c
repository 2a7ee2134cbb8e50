/* libc/socket/inet_address.c - Internet (IPv4) addresses as text and back.
 *
 * Two grammars, as glibc has them:
 *   - inet_pton(3) takes only the strict form "a.b.c.d": four decimal
 *     numbers 0-255, no sign, no leading zero (which some read as octal),
 *     nothing before or after;
 *   - inet_aton(3) and inet_addr(3) take the old BSD forms too: each
 *     number may be hexadecimal (0x7f), octal (0177) or decimal, and there
 *     may be fewer than four: "a.b.c" puts c in the last 16 bits, "a.b"
 *     puts b in the last 24, "a" is the whole 32-bit address; "127.1" is
 *     127.0.0.1. Text after the address is allowed if it begins with a
 *     space.
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

int inet_pton(int family, const char *text, void *destination)
{
    if (family != AF_INET) {
        errno = EAFNOSUPPORT;
        return -1;
    }
    unsigned char bytes[ADDRESS_PARTS];
    if (!parse_dotted_quad(text, bytes))
        return 0;
    memcpy(destination, bytes, sizeof bytes);
    return 1;
}

/* Writes the address at `source` (network order) as "a.b.c.d" into
 * `text`, which has room for INET_ADDRSTRLEN bytes. */
static void format_dotted_quad(const void *source, char text[INET_ADDRSTRLEN])
{
    const unsigned char *bytes = source;
    snprintf(text, INET_ADDRSTRLEN, "%u.%u.%u.%u", bytes[0], bytes[1], bytes[2], bytes[3]);
}

const char *inet_ntop(int family, const void *source, char *destination, socklen_t size)
{
    if (family != AF_INET) {
        errno = EAFNOSUPPORT;
        return NULL;
    }
    char text[INET_ADDRSTRLEN];
    format_dotted_quad(source, text);
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
