/* libc/stdio/scan.c - the scanf engine: one pass over the format, reading
 * one character of lookahead from the source.
 *
 * Whitespace in the format skips any whitespace in the input; another
 * ordinary character must match the input exactly. A conversion is
 * %[*][width][length]type, with type one of d i u o x X p (integers),
 * f e g E G a (floating point), s c [set] and n; '*' reads without storing.
 * As glibc does, the result is EOF when the input ends before anything was
 * assigned (even if a '*' conversion had already read something).
 * Numbers are gathered as text (at most `width` characters, and never more
 * than FIELD_MAX) and converted by strtoll, strtoull or strtod. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

#define FIELD_MAX 128                 /* longest number text a conversion gathers */
#define NO_WIDTH  0x7fffffff          /* a conversion without a width */

enum length { LENGTH_CHAR, LENGTH_SHORT, LENGTH_INT, LENGTH_LONG, LENGTH_LONG_LONG,
              LENGTH_LONG_DOUBLE };

/* The input with one character of lookahead. */
struct scanner {
    const struct scan_source *source;
    int lookahead;                    /* valid when has_lookahead */
    int has_lookahead;
    int consumed;                     /* characters taken so far, for %n */
};

/* Returns the next character without consuming it (EOF at the end). */
static int peek(struct scanner *in)
{
    if (!in->has_lookahead) {
        in->lookahead = in->source->next(in->source->context);
        in->has_lookahead = 1;
    }
    return in->lookahead;
}

/* Consumes the character peek() returned. */
static int take(struct scanner *in)
{
    int c = peek(in);
    in->has_lookahead = 0;
    in->consumed++;
    return c;
}

/* Consumes any whitespace. */
static void skip_space(struct scanner *in)
{
    while (peek(in) != EOF && isspace(peek(in)))
        take(in);
}

/* The characters of one number, limited by the conversion's width. */
struct field {
    struct scanner *in;
    int room;                         /* characters it may still take */
    int length;
    char text[FIELD_MAX];
};

/* Starts an empty field that may take up to `width` characters. */
static void field_start(struct field *field, struct scanner *in, int width)
{
    field->in = in;
    field->room = width < FIELD_MAX - 1 ? width : FIELD_MAX - 1;
    field->length = 0;
}

/* The next character if the field has room for it, else EOF. */
static int field_peek(struct field *field)
{
    return field->room > 0 ? peek(field->in) : EOF;
}

/* Moves the next character into the field. */
static void field_take(struct field *field)
{
    field->text[field->length++] = (char)take(field->in);
    field->text[field->length] = '\0';
    field->room--;
}

/* Takes the character if it is one of `choices`; returns whether it did. */
static int field_accept(struct field *field, const char *choices)
{
    int c = field_peek(field);
    if (c == EOF || !strchr(choices, c))
        return 0;
    field_take(field);
    return 1;
}

/* The value of `c` as a digit in bases up to 36; 99 if it is none. */
static int digit_value(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* Gathers an integer in `base` (0: as C writes it, 0x hex, 0 octal);
 * returns the base found, or 0 if there were no digits. */
static int gather_integer(struct field *field, int base)
{
    int digits = 0;
    field_accept(field, "+-");
    if ((base == 0 || base == 16) && field_accept(field, "0")) {
        digits++;
        if (field_accept(field, "xX"))
            base = 16;
        else if (base == 0)
            base = 8;
    }
    if (base == 0)
        base = 10;
    while (field_peek(field) != EOF && digit_value(field_peek(field)) < base) {
        field_take(field);
        digits++;
    }
    return digits ? base : 0;
}

/* Takes the letters of `word` as far as the input spells them, in either
 * case; returns how many it took. */
static int gather_word(struct field *field, const char *word)
{
    int taken = 0;
    for (; word[taken]; taken++) {
        char both_cases[3] = { word[taken], (char)(word[taken] - 'a' + 'A'), '\0' };
        if (!field_accept(field, both_cases))
            break;
    }
    return taken;
}

/* Gathers a decimal floating-point number, or "inf", "infinity" or "nan";
 * returns whether it is one. */
static int gather_float(struct field *field)
{
    int digits = 0;
    field_accept(field, "+-");
    int c = field_peek(field);
    if (c == 'i' || c == 'I') {
        if (gather_word(field, "inf") < 3)
            return 0;
        gather_word(field, "inity");
        return 1;
    }
    if (c == 'n' || c == 'N')
        return gather_word(field, "nan") == 3;
    while (field_accept(field, "0123456789"))
        digits++;
    if (field_accept(field, "."))
        while (field_accept(field, "0123456789"))
            digits++;
    if (digits && field_accept(field, "eE")) {
        field_accept(field, "+-");
        while (field_accept(field, "0123456789"))
            ;
    }
    return digits > 0;
}

/* Stores `value` through the next pointer argument, of the size `length` names. */
static void store_integer(va_list *args, enum length length, unsigned long long value)
{
    switch (length) {
    case LENGTH_CHAR:      *va_arg(*args, char *) = (char)value; break;
    case LENGTH_SHORT:     *va_arg(*args, short *) = (short)value; break;
    case LENGTH_LONG:      *va_arg(*args, long *) = (long)value; break;
    case LENGTH_LONG_LONG:
    case LENGTH_LONG_DOUBLE: *va_arg(*args, long long *) = (long long)value; break;
    default:               *va_arg(*args, int *) = (int)value; break;
    }
}

/* Stores `value` through the next pointer: float, double (l) or long double (L). */
static void store_float(va_list *args, enum length length, double value)
{
    if (length == LENGTH_LONG)
        *va_arg(*args, double *) = value;
    else if (length == LENGTH_LONG_DOUBLE)
        *va_arg(*args, long double *) = value;
    else
        *va_arg(*args, float *) = (float)value;
}

/* Reads the length modifier at *format (hh h l ll L j z t) and moves past it. */
static enum length parse_length(const char **format)
{
    const char *f = *format;
    enum length length = LENGTH_INT;
    if (f[0] == 'h' && f[1] == 'h')      { length = LENGTH_CHAR; f += 2; }
    else if (f[0] == 'h')                { length = LENGTH_SHORT; f++; }
    else if (f[0] == 'l' && f[1] == 'l') { length = LENGTH_LONG_LONG; f += 2; }
    else if (f[0] == 'l')                { length = LENGTH_LONG; f++; }
    else if (f[0] == 'L')                { length = LENGTH_LONG_DOUBLE; f++; }
    else if (f[0] == 'j')                { length = LENGTH_LONG_LONG; f++; }
    else if (f[0] == 'z' || f[0] == 't') { length = LENGTH_INT; f++; }
    *format = f;
    return length;
}

/* Reads a scanset such as "a-z_]" or "^\n]" (the format just after '[')
 * into `members`; returns the format just after the closing ']'. */
static const char *parse_scanset(const char *format, char members[256])
{
    int negate = *format == '^';
    if (negate)
        format++;
    memset(members, 0, 256);
    if (*format == ']')                    /* a leading ']' is a member */
        members[(unsigned char)*format++] = 1;
    while (*format && *format != ']') {
        unsigned char first = (unsigned char)format[0];
        if (format[1] == '-' && format[2] && format[2] != ']') {
            for (int c = first; c <= (unsigned char)format[2]; c++)
                members[c] = 1;
            format += 3;
        } else {
            members[first] = 1;
            format++;
        }
    }
    if (*format == ']')
        format++;
    if (negate)
        for (int c = 0; c < 256; c++)
            members[c] = !members[c];
    return format;
}

/* Reads characters for %s (not whitespace) or %[ (in `members`) into `out`
 * (unless NULL) and terminates it; returns how many were read. */
static int scan_string(struct scanner *in, int width, const char *members, char *out)
{
    int count = 0;
    while (count < width) {
        int c = peek(in);
        if (c == EOF || (members ? !members[(unsigned char)c] : isspace(c)))
            break;
        take(in);
        if (out)
            out[count] = (char)c;
        count++;
    }
    if (out && count > 0)
        out[count] = '\0';
    return count;
}

/* See scan.h: the directives of `format` in turn, until one fails. */
int __libc_scan(const struct scan_source *source, const char *format, va_list args_in)
{
    struct scanner in = { .source = source, .has_lookahead = 0, .consumed = 0 };
    va_list args;
    va_copy(args, args_in);
    int assigned = 0;
    int input_ended = 0;    /* the failure that stopped us was the end of input */

    while (*format) {
        if (isspace((unsigned char)*format)) {
            skip_space(&in);
            format++;
            continue;
        }
        if (*format != '%' || format[1] == '%') {
            if (*format == '%') {          /* "%%" matches one '%' after whitespace */
                skip_space(&in);
                format++;
            }
            if (peek(&in) != (unsigned char)*format) {
                input_ended = peek(&in) == EOF;
                break;
            }
            take(&in);
            format++;
            continue;
        }
        format++;
        int store = *format != '*';
        if (!store)
            format++;
        int width = 0;
        while (isdigit((unsigned char)*format))
            width = width * 10 + (*format++ - '0');
        if (width == 0)
            width = NO_WIDTH;
        enum length length = parse_length(&format);
        char conversion = *format;
        if (conversion == '\0')
            break;
        format++;

        if (conversion == 'n') {
            if (store)
                store_integer(&args, length, (unsigned long long)in.consumed);
            continue;
        }
        if (conversion != 'c' && conversion != '[')
            skip_space(&in);
        if (peek(&in) == EOF) {
            input_ended = 1;
            break;
        }
        if (conversion == 'c') {
            int count = width == NO_WIDTH ? 1 : width;
            char *out = store ? va_arg(args, char *) : NULL;
            int got = 0;
            for (; got < count && peek(&in) != EOF; got++) {
                int c = take(&in);
                if (out)
                    out[got] = (char)c;
            }
            if (got < count) {
                input_ended = 1;
                break;
            }
        } else if (conversion == 's' || conversion == '[') {
            char members[256];
            if (conversion == '[')
                format = parse_scanset(format, members);
            char *out = store ? va_arg(args, char *) : NULL;
            if (scan_string(&in, width, conversion == '[' ? members : NULL, out) == 0)
                break;
        } else if (strchr("diuoxXp", conversion)) {
            struct field field;
            field_start(&field, &in, width);
            int base = conversion == 'd' || conversion == 'u' ? 10
                     : conversion == 'o' ? 8
                     : conversion == 'i' ? 0 : 16;
            base = gather_integer(&field, base);
            if (base == 0)
                break;
            unsigned long long value = conversion == 'd' || conversion == 'i'
                ? (unsigned long long)strtoll(field.text, NULL, base)
                : strtoull(field.text, NULL, base);
            if (conversion == 'p') {
                if (store)
                    *va_arg(args, void **) = (void *)(unsigned long)value;
            } else if (store) {
                store_integer(&args, length, value);
            }
        } else if (strchr("feEgGaA", conversion)) {
            struct field field;
            field_start(&field, &in, width);
            if (!gather_float(&field))
                break;
            if (store)
                store_float(&args, length, strtod(field.text, NULL));
        } else {
            break;                         /* an unknown conversion ends the scan */
        }
        if (store)
            assigned++;
    }
    if (in.has_lookahead && in.lookahead != EOF)
        source->give_back(source->context, in.lookahead);
    va_end(args);
    return input_ended && assigned == 0 ? EOF : assigned;
}
