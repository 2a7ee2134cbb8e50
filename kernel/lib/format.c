/* kernel/lib/format.c - the printf engine behind kprintf and the libc's
 * printf family. One pass over the format string; each conversion is parsed
 * into a `struct spec` and printed by a small function per kind. */
#include "format.h"

#include <stdint.h>

struct spec {
    int left_align;    /* '-' */
    int zero_pad;      /* '0' */
    int plus_sign;     /* '+' */
    int space_sign;    /* ' ' */
    int alternate;     /* '#' */
    int width;         /* minimum field width, 0 if none */
    int precision;     /* -1 if none */
    int size;          /* bytes of the integer argument: 1 2 4 8 */
};

struct out {
    format_emit emit;
    void *context;
    int count;
};

static void put(struct out *out, char c)
{
    out->emit(out->context, c);
    out->count++;
}

static void put_padding(struct out *out, char c, int n)
{
    while (n-- > 0)
        put(out, c);
}

/* Prints a string field: `text` of `len` characters padded to the width. */
static void put_field(struct out *out, const struct spec *spec, const char *text, int len)
{
    int pad = spec->width > len ? spec->width - len : 0;
    if (!spec->left_align)
        put_padding(out, ' ', pad);
    for (int i = 0; i < len; i++)
        put(out, text[i]);
    if (spec->left_align)
        put_padding(out, ' ', pad);
}

/* Prints an integer already split into sign and magnitude. */
static void put_integer(struct out *out, const struct spec *spec, uint64_t value,
                        int negative, unsigned base, int upper, const char *prefix)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[24];
    int len = 0;

    /* 32-bit divisions when the value fits: a 64-bit division needs libgcc */
    if (value <= 0xFFFFFFFFu) {
        uint32_t v = (uint32_t)value;
        do { buf[len++] = digits[v % base]; v /= base; } while (v);
    } else {
        do { buf[len++] = digits[value % base]; value /= base; } while (value);
    }
    if (spec->precision == 0 && len == 1 && buf[0] == '0')
        len = 0;                      /* "%.0d" of 0 prints nothing */

    char sign = negative ? '-' : spec->plus_sign ? '+' : spec->space_sign ? ' ' : 0;
    int prefix_len = 0;
    while (prefix && prefix[prefix_len])
        prefix_len++;
    int zeros = spec->precision > len ? spec->precision - len : 0;
    int total = len + zeros + (sign != 0) + prefix_len;
    int pad = spec->width > total ? spec->width - total : 0;
    if (spec->zero_pad && !spec->left_align && spec->precision < 0) {
        zeros += pad;
        pad = 0;
    }
    if (!spec->left_align)
        put_padding(out, ' ', pad);
    if (sign)
        put(out, sign);
    for (int i = 0; i < prefix_len; i++)
        put(out, prefix[i]);
    put_padding(out, '0', zeros);
    while (len > 0)
        put(out, buf[--len]);
    if (spec->left_align)
        put_padding(out, ' ', pad);
}

static uint64_t fetch_unsigned(const struct spec *spec, va_list *args)
{
    switch (spec->size) {
    case 8: return va_arg(*args, unsigned long long);
    case 2: return (unsigned short)va_arg(*args, unsigned int);
    case 1: return (unsigned char)va_arg(*args, unsigned int);
    default: return va_arg(*args, unsigned int);
    }
}

static int64_t fetch_signed(const struct spec *spec, va_list *args)
{
    switch (spec->size) {
    case 8: return va_arg(*args, long long);
    case 2: return (short)va_arg(*args, int);
    case 1: return (signed char)va_arg(*args, int);
    default: return va_arg(*args, int);
    }
}

#ifdef FORMAT_WITH_FLOAT
/* %f, %e and %g for the libc. Exact to about 15 significant digits, which is
 * what a double holds; enough for the numbers teaching programs print. */
static void put_double(struct out *out, const struct spec *spec, double value, char conv)
{
    char buf[64];
    int len = 0;
    int precision = spec->precision < 0 ? 6 : spec->precision;
    int negative = value < 0 || (value == 0 && 1 / value < 0);
    if (negative)
        value = -value;
    if (value != value) {
        put_field(out, spec, "nan", 3);
        return;
    }
    if (value > 1.7976931348623157e308) {
        put_field(out, spec, negative ? "-inf" : "inf", negative ? 4 : 3);
        return;
    }
    int exponent = 0;
    char style = conv | 0x20;
    if (style == 'g') {
        if (precision == 0)
            precision = 1;
        double v = value;
        while (v >= 10) { v /= 10; exponent++; }
        while (v > 0 && v < 1) { v *= 10; exponent--; }
        if (exponent < -4 || exponent >= precision) {
            style = 'e';
            precision -= 1;
        } else {
            style = 'f';
            precision -= 1 + exponent;
        }
        exponent = 0;
    }
    if (style == 'e' && value != 0) {
        while (value >= 10) { value /= 10; exponent++; }
        while (value < 1) { value *= 10; exponent--; }
    }
    /* round at the requested precision */
    double rounding = 0.5;
    for (int i = 0; i < precision; i++)
        rounding /= 10;
    value += rounding;
    if (style == 'e' && value >= 10) { value /= 10; exponent++; }

    if (negative) buf[len++] = '-';
    else if (spec->plus_sign) buf[len++] = '+';
    else if (spec->space_sign) buf[len++] = ' ';
    /* integer part */
    double scale = 1;
    while (scale * 10 <= value) scale *= 10;
    while (scale >= 1 && len < 40) {
        int digit = (int)(value / scale);
        if (digit > 9) digit = 9;
        buf[len++] = (char)('0' + digit);
        value -= digit * scale;
        scale /= 10;
    }
    if (precision > 0 || spec->alternate)
        buf[len++] = '.';
    for (int i = 0; i < precision && len < 60; i++) {
        value *= 10;
        int digit = (int)value;
        if (digit > 9) digit = 9;
        buf[len++] = (char)('0' + digit);
        value -= digit;
    }
    if ((conv | 0x20) == 'g' && !spec->alternate && precision > 0) {
        while (buf[len - 1] == '0') len--;       /* %g drops trailing zeros */
        if (buf[len - 1] == '.') len--;
    }
    if (style == 'e' && len < 58) {
        buf[len++] = conv >= 'a' ? 'e' : 'E';
        buf[len++] = exponent < 0 ? '-' : '+';
        if (exponent < 0) exponent = -exponent;
        if (exponent >= 100) buf[len++] = (char)('0' + exponent / 100);
        buf[len++] = (char)('0' + exponent / 10 % 10);
        buf[len++] = (char)('0' + exponent % 10);
    }
    int pad = spec->width > len ? spec->width - len : 0;
    if (spec->zero_pad && !spec->left_align) {
        int start = (buf[0] == '-' || buf[0] == '+' || buf[0] == ' ');
        if (start) put(out, buf[0]);
        put_padding(out, '0', pad);
        for (int i = start; i < len; i++) put(out, buf[i]);
        return;
    }
    put_field(out, spec, buf, len);
}
#endif

int format(format_emit emit, void *context, const char *fmt, va_list args_in)
{
    struct out out = { emit, context, 0 };
    va_list args;
    va_copy(args, args_in);

    while (*fmt) {
        if (*fmt != '%') {
            put(&out, *fmt++);
            continue;
        }
        fmt++;
        struct spec spec = { 0, 0, 0, 0, 0, 0, -1, 4 };
        for (;; fmt++) {                                  /* flags */
            if (*fmt == '-') spec.left_align = 1;
            else if (*fmt == '0') spec.zero_pad = 1;
            else if (*fmt == '+') spec.plus_sign = 1;
            else if (*fmt == ' ') spec.space_sign = 1;
            else if (*fmt == '#') spec.alternate = 1;
            else break;
        }
        if (*fmt == '*') {                                /* width */
            spec.width = va_arg(args, int);
            if (spec.width < 0) { spec.left_align = 1; spec.width = -spec.width; }
            fmt++;
        } else {
            while (*fmt >= '0' && *fmt <= '9')
                spec.width = spec.width * 10 + (*fmt++ - '0');
        }
        if (*fmt == '.') {                                /* precision */
            fmt++;
            spec.precision = 0;
            if (*fmt == '*') {
                spec.precision = va_arg(args, int);
                if (spec.precision < 0) spec.precision = -1;
                fmt++;
            } else {
                while (*fmt >= '0' && *fmt <= '9')
                    spec.precision = spec.precision * 10 + (*fmt++ - '0');
            }
        }
        for (;; fmt++) {                                  /* length */
            if (*fmt == 'h') spec.size = spec.size == 2 ? 1 : 2;
            else if (*fmt == 'l') spec.size = spec.size == 4 && fmt[-1] == 'l' ? 8 : 4;
            else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j') spec.size = *fmt == 'j' ? 8 : 4;
            else if (*fmt == 'L') spec.size = 8;
            else break;
        }
        char conv = *fmt;
        if (conv == 0)
            break;
        fmt++;
        if (conv == 'u' || conv == 'x' || conv == 'X' || conv == 'o' || conv == 'p')
            spec.plus_sign = spec.space_sign = 0;   /* '+' and ' ' are for signed numbers */
        switch (conv) {
        case 'd': case 'i': {
            int64_t v = fetch_signed(&spec, &args);
            put_integer(&out, &spec, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0, 10, 0, 0);
            break;
        }
        case 'u':
            put_integer(&out, &spec, fetch_unsigned(&spec, &args), 0, 10, 0, 0);
            break;
        case 'x': case 'X': {
            uint64_t v = fetch_unsigned(&spec, &args);
            const char *prefix = spec.alternate && v ? (conv == 'x' ? "0x" : "0X") : 0;
            put_integer(&out, &spec, v, 0, 16, conv == 'X', prefix);
            break;
        }
        case 'o': {
            uint64_t v = fetch_unsigned(&spec, &args);
            if (spec.alternate) {            /* '#': the first digit must be a 0 */
                int digits = 0;
                for (uint64_t rest = v; rest; rest >>= 3)
                    digits++;
                if (spec.precision <= digits)
                    spec.precision = digits + 1;
            }
            put_integer(&out, &spec, v, 0, 8, 0, 0);
            break;
        }
        case 'p':
            spec.size = 4;
            put_integer(&out, &spec, (uintptr_t)va_arg(args, void *), 0, 16, 0, "0x");
            break;
        case 'c': {
            char c = (char)va_arg(args, int);
            put_field(&out, &spec, &c, 1);
            break;
        }
        case 's': {
            const char *s = va_arg(args, const char *);
            if (!s)
                s = "(null)";
            int len = 0;
            while (s[len] && (spec.precision < 0 || len < spec.precision))
                len++;
            put_field(&out, &spec, s, len);
            break;
        }
#ifdef FORMAT_WITH_FLOAT
        case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
            put_double(&out, &spec, va_arg(args, double), conv);
            break;
#endif
        case '%':
            put(&out, '%');
            break;
        default:                       /* unknown conversion: print it as is */
            put(&out, '%');
            put(&out, conv);
            break;
        }
    }
    va_end(args);
    return out.count;
}
