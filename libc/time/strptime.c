/* libc/time/strptime.c - a date read from text: strftime's inverse, in
 * the C locale, as glibc's strptime reads.
 *
 * The format is walked beside the input. A blank in the format matches
 * any run of blanks (none too); another character matches itself; a
 * conversion reads one field into *tm, numbers with at most as many
 * digits as the field can have, after optional blanks. Fields the format
 * does not name are left as they were. At the end, as glibc does: %I's
 * hour takes %p's afternoon, %C combines with %y, and when the date was
 * read (day, month or year) but the weekday or day of the year was not,
 * they are worked out. */
#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const char *const weekday_names[] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};
static const char *const month_names[] = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
};

/* What was read, for the work at the end. */
struct seen {
    int hour_12;          /* %I or %l: tm_hour is 1..12 so far */
    int afternoon;        /* %p said PM (-1: not read) */
    int century;          /* %C, or -1 */
    int year_in_century;  /* %y, or -1 */
    int date;             /* a day, month or year was read: work out wday and yday */
    int weekday, year_day;
};

static const char *skip_blanks(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return s;
}

/* Reads a number of at most `digits` digits (after blanks, an optional
 * sign when `signed_ok`) within minimum .. maximum into *value; returns
 * the input after it, or NULL. */
static const char *read_number(const char *s, int digits, long minimum, long maximum, long *value,
                               int signed_ok)
{
    s = skip_blanks(s);
    int negative = 0;
    if (signed_ok && (*s == '-' || *s == '+'))
        negative = *s++ == '-';
    if (!isdigit((unsigned char)*s))
        return NULL;
    long number = 0;
    for (int i = 0; i < digits && isdigit((unsigned char)*s); i++)
        number = number * 10 + (*s++ - '0');
    if (negative)
        number = -number;
    if (number < minimum || number > maximum)
        return NULL;
    *value = number;
    return s;
}

/* Reads one of `count` names, full or its first three letters, any case;
 * stores its index. */
static const char *read_name(const char *s, const char *const *names, int count, int *index)
{
    s = skip_blanks(s);
    for (int i = 0; i < count; i++) {
        size_t full = strlen(names[i]);
        if (strncasecmp(s, names[i], full) == 0) {
            *index = i;
            return s + full;
        }
        if (strncasecmp(s, names[i], 3) == 0) {
            *index = i;
            return s + 3;
        }
    }
    return NULL;
}

static int is_leap_year(long year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Sets tm_wday and tm_yday from tm_year, tm_mon and tm_mday. */
static void work_out_weekday_and_year_day(struct tm *tm, const struct seen *seen)
{
    static const int days_before_month[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
    long year = 1900L + tm->tm_year;
    int month = tm->tm_mon >= 0 && tm->tm_mon < 12 ? tm->tm_mon : 0;
    int year_day = days_before_month[month] + tm->tm_mday - 1 + (month > 1 && is_leap_year(year));
    if (!seen->year_day)
        tm->tm_yday = year_day;
    if (!seen->weekday) {
        /* days from 1 January of year 1 (a Monday), proleptic Gregorian */
        long before = year - 1;
        long days = before * 365 + before / 4 - before / 100 + before / 400 + year_day;
        tm->tm_wday = (int)((days % 7 + 7 + 1) % 7);
    }
}

static const char *parse(const char *s, const char *format, struct tm *tm, struct seen *seen);

/* Reads conversion `c` of the format into tm; returns the input after
 * it, or NULL if the input does not match. */
static const char *convert(const char *s, char c, struct tm *tm, struct seen *seen)
{
    long value;
    int index;
    switch (c) {
    case 'a': case 'A':
        if ((s = read_name(s, weekday_names, 7, &index)))
            tm->tm_wday = index, seen->weekday = 1;
        return s;
    case 'b': case 'B': case 'h':
        if ((s = read_name(s, month_names, 12, &index)))
            tm->tm_mon = index, seen->date = 1;
        return s;
    case 'c': return parse(s, "%a %b %e %H:%M:%S %Y", tm, seen);
    case 'C':
        if ((s = read_number(s, 2, 0, 99, &value, 0)))
            seen->century = (int)value, seen->date = 1;
        return s;
    case 'd': case 'e':
        if ((s = read_number(s, 2, 1, 31, &value, 0)))
            tm->tm_mday = (int)value, seen->date = 1;
        return s;
    case 'D': return parse(s, "%m/%d/%y", tm, seen);
    case 'F': return parse(s, "%Y-%m-%d", tm, seen);
    case 'H': case 'k':
        if ((s = read_number(s, 2, 0, 23, &value, 0)))
            tm->tm_hour = (int)value, seen->hour_12 = 0;
        return s;
    case 'I': case 'l':
        if ((s = read_number(s, 2, 1, 12, &value, 0)))
            tm->tm_hour = (int)value % 12, seen->hour_12 = 1;
        return s;
    case 'j':
        if ((s = read_number(s, 3, 1, 366, &value, 0)))
            tm->tm_yday = (int)value - 1, seen->year_day = 1;
        return s;
    case 'm':
        if ((s = read_number(s, 2, 1, 12, &value, 0)))
            tm->tm_mon = (int)value - 1, seen->date = 1;
        return s;
    case 'M':
        if ((s = read_number(s, 2, 0, 59, &value, 0)))
            tm->tm_min = (int)value;
        return s;
    case 'n': case 't': return skip_blanks(s);
    case 'p': case 'P':
        s = skip_blanks(s);
        if (strncasecmp(s, "AM", 2) == 0 || strncasecmp(s, "PM", 2) == 0) {
            seen->afternoon = toupper((unsigned char)*s) == 'P';
            return s + 2;
        }
        return NULL;
    case 'r': return parse(s, "%I:%M:%S %p", tm, seen);
    case 'R': return parse(s, "%H:%M", tm, seen);
    case 's': {
        s = skip_blanks(s);
        long long seconds = 0;
        int negative = *s == '-';
        if (negative)
            s++;
        if (!isdigit((unsigned char)*s))
            return NULL;
        while (isdigit((unsigned char)*s))
            seconds = seconds * 10 + (*s++ - '0');
        time_t time = (time_t)(negative ? -seconds : seconds);
        localtime_r(&time, tm);
        seen->weekday = seen->year_day = 1;
        return s;
    }
    case 'S':
        if ((s = read_number(s, 2, 0, 61, &value, 0)))
            tm->tm_sec = (int)value;
        return s;
    case 'T': case 'X': return parse(s, "%H:%M:%S", tm, seen);
    case 'u':
        if ((s = read_number(s, 1, 1, 7, &value, 0)))
            tm->tm_wday = (int)value % 7, seen->weekday = 1;
        return s;
    case 'w':
        if ((s = read_number(s, 1, 0, 6, &value, 0)))
            tm->tm_wday = (int)value, seen->weekday = 1;
        return s;
    case 'U': case 'W': case 'V':             /* read, but a week alone sets no field (glibc) */
        return read_number(s, 2, 0, 53, &value, 0);
    case 'g':
        return read_number(s, 2, 0, 99, &value, 0);
    case 'G':
        return read_number(s, 4, 0, 9999, &value, 0);
    case 'x': return parse(s, "%m/%d/%y", tm, seen);
    case 'y':
        if ((s = read_number(s, 2, 0, 99, &value, 0))) {
            seen->year_in_century = (int)value;
            tm->tm_year = (int)(value < 69 ? value + 100 : value);   /* 69..99: 19xx, 0..68: 20xx */
            seen->date = 1;
        }
        return s;
    case 'Y':
        if ((s = read_number(s, 4, 0, 9999, &value, 1)))
            tm->tm_year = (int)value - 1900, seen->date = 1, seen->century = -1, seen->year_in_century = -1;
        return s;
    case 'z': {
        s = skip_blanks(s);
        if (*s == 'Z') {
            tm->tm_gmtoff = 0;
            return s + 1;
        }
        if (*s != '+' && *s != '-')
            return NULL;
        int negative = *s++ == '-';
        int digits = 0, number = 0;
        for (; isdigit((unsigned char)*s) && digits < 4; s++, digits++) {
            number = number * 10 + (*s - '0');
            if (digits == 1 && s[1] == ':')
                s++;
        }
        if (digits == 2)
            number *= 100;
        else if (digits != 4 || number % 100 > 59 || number > 1200)
            return NULL;
        tm->tm_gmtoff = (number / 100 * 3600L + number % 100 * 60L) * (negative ? -1 : 1);
        return s;
    }
    case 'Z':                                 /* a zone's name: read and passed over (glibc) */
        while (*s && !isspace((unsigned char)*s))
            s++;
        return s;
    case '%':
        s = skip_blanks(s);
        return *s == '%' ? s + 1 : NULL;
    default:
        return NULL;
    }
}

/* Walks `format` over the input `s`; returns the input after the last
 * match, or NULL if it does not match. */
static const char *parse(const char *s, const char *format, struct tm *tm, struct seen *seen)
{
    for (const char *f = format; *f && s; f++) {
        if (isspace((unsigned char)*f)) {
            s = skip_blanks(s);
        } else if (*f != '%') {
            if (*s != *f)
                return NULL;
            s++;
        } else {
            f++;
            if (*f == 'E' || *f == 'O')       /* the C locale's alternatives are the same */
                f++;
            if (!*f)
                return NULL;
            s = convert(s, *f, tm, seen);
        }
    }
    return s;
}

/* Reads the date `s` as `format` says (strftime's conversions) into *tm,
 * leaving the fields the format does not name as they were. Returns the
 * first character of `s` not read, or NULL if `s` does not match. */
char *strptime(const char *s, const char *format, struct tm *tm)
{
    struct seen seen = { 0, -1, -1, -1, 0, 0, 0 };
    const char *end = parse(s, format, tm, &seen);
    if (!end)
        return NULL;
    if (seen.hour_12 && seen.afternoon == 1)
        tm->tm_hour += 12;
    if (seen.century >= 0)
        tm->tm_year = seen.century * 100 + (seen.year_in_century >= 0 ? seen.year_in_century : 0) - 1900;
    if (seen.date)
        work_out_weekday_and_year_day(tm, &seen);
    return (char *)end;
}
