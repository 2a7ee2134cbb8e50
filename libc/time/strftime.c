/* libc/time/strftime.c - a date as text, in the C locale: every conversion
 * POSIX lists (%a .. %Z, %%), the E and O modifiers (which change nothing
 * in the C locale), glibc's flags and field width ('0', '_', '-', '^',
 * '#') and glibc's %k %l %P %s. As glibc, it takes no '+' flag: an
 * unknown conversion such as "%+4Y" is written as it stands.
 *
 * The text is built in `out` through a cursor that counts what would have
 * been written, so running out of room is found once, at the end. */
#include <stddef.h>
#include <string.h>
#include <time.h>

static const char *const weekday_names[] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};
static const char *const month_names[] = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
};

struct cursor {
    char *out;
    size_t size;          /* room in out, the NUL included */
    size_t length;        /* bytes produced so far (some may not have fit) */
};

/* What a conversion's flags and width ask for. */
struct field {
    char pad;             /* '0', ' ', '-' (none, unless a width), 0: the conversion's own */
    int upper;            /* '^', and '#' on names: upper case */
    int lower;            /* '#' on %Z and %p: lower case */
    int width;            /* 0: the conversion's own */
};

static void put_char(struct cursor *cursor, char c)
{
    if (cursor->length + 1 < cursor->size)
        cursor->out[cursor->length] = c;
    cursor->length++;
}

/* Writes `text`, padded with spaces on the left to the field's width. */
static void put_text(struct cursor *cursor, const char *text, size_t length, struct field field)
{
    for (size_t i = length; (int)i < field.width; i++)
        put_char(cursor, field.pad == '0' ? '0' : ' ');
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        if (field.upper && c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        else if (field.lower && c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        put_char(cursor, c);
    }
}

/* Writes `value` in at least `digits` places (or the field's width),
 * padded with `default_pad` ('0' or ' ') unless the field says otherwise
 * ('-': no padding, but spaces up to a width given). */
static void put_number(struct cursor *cursor, long long value, int digits, char default_pad,
                       struct field field)
{
    char text[24];
    int length = 0, negative = value < 0;
    unsigned long long magnitude = negative ? 0ULL - (unsigned long long)value : (unsigned long long)value;
    do {
        text[length++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    char pad = field.pad ? field.pad : default_pad;
    int width = field.width ? field.width : pad == '-' ? 0 : digits;
    char sign = negative ? '-' : 0;
    int fill = width - length - (sign != 0);
    if (pad != '0')
        for (; fill > 0; fill--)
            put_char(cursor, ' ');
    if (sign)
        put_char(cursor, sign);
    for (; fill > 0; fill--)
        put_char(cursor, '0');
    while (length > 0)
        put_char(cursor, text[--length]);
}

/* The year, full, of tm (it may lie before 1900 or past 9999). */
static long long full_year(const struct tm *tm)
{
    return 1900LL + tm->tm_year;
}

static int is_leap_year(long long year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Weeks of the ISO 8601 year `year` whose 1 January falls on weekday
 * `january_first` (0 Sunday .. 6 Saturday): 53 when that year starts on
 * a Thursday, or is a leap year starting on a Wednesday; else 52. */
static int iso_weeks_in_year(long long year, int january_first)
{
    return january_first == 4 || (january_first == 3 && is_leap_year(year)) ? 53 : 52;
}

/* The ISO 8601 week (1..53) of tm, and in *iso_year the year it belongs
 * to: weeks start on Monday, and week 1 is the one holding 4 January. */
static int iso_week(const struct tm *tm, long long *iso_year)
{
    long long year = full_year(tm);
    int monday_based = (tm->tm_wday + 6) % 7;                  /* Monday 0 .. Sunday 6 */
    int week = (tm->tm_yday - monday_based + 10) / 7;
    int january_first = ((tm->tm_wday - tm->tm_yday) % 7 + 7) % 7;
    if (week < 1) {
        int days_before = is_leap_year(year - 1) ? 366 : 365;
        int previous_first = ((january_first - days_before) % 7 + 7) % 7;
        *iso_year = year - 1;
        return iso_weeks_in_year(year - 1, previous_first);
    }
    if (week > iso_weeks_in_year(year, january_first)) {
        *iso_year = year + 1;
        return 1;
    }
    *iso_year = year;
    return week;
}

/* The seconds since the Epoch of tm as UTC, without touching it (%s). */
static long long epoch_seconds(const struct tm *tm)
{
    struct tm copy = *tm;
    return (long long)timegm(&copy) - tm->tm_gmtoff;
}

static void format(struct cursor *cursor, const char *format, const struct tm *tm);

static int is_conversion(char c)
{
    return c && strchr("aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%", c) != NULL;
}

/* Writes one conversion `c` (is_conversion) of tm, as `field` asks. */
static void convert(struct cursor *cursor, char c, const struct tm *tm, struct field field)
{
    const char *name;
    long long iso_year;
    int hour12 = tm->tm_hour % 12 == 0 ? 12 : tm->tm_hour % 12;
    switch (c) {
    case 'a':
    case 'A':
        name = tm->tm_wday >= 0 && tm->tm_wday < 7 ? weekday_names[tm->tm_wday] : "?";
        put_text(cursor, name, c == 'a' && name[1] ? 3 : strlen(name), field);
        break;
    case 'b':
    case 'h':
    case 'B':
        name = tm->tm_mon >= 0 && tm->tm_mon < 12 ? month_names[tm->tm_mon] : "?";
        put_text(cursor, name, c != 'B' && name[1] ? 3 : strlen(name), field);
        break;
    case 'c': format(cursor, "%a %b %e %H:%M:%S %Y", tm); break;
    case 'C': put_number(cursor, full_year(tm) / 100 - (full_year(tm) % 100 < 0), 2, '0', field); break;
    case 'd': put_number(cursor, tm->tm_mday, 2, '0', field); break;
    case 'D': format(cursor, "%m/%d/%y", tm); break;
    case 'e': put_number(cursor, tm->tm_mday, 2, ' ', field); break;
    case 'F': {                               /* %Y-%m-%d, padded as a whole */
        char date[32];
        struct cursor inner = { date, sizeof date, 0 };
        format(&inner, "%Y-%m-%d", tm);
        put_text(cursor, date, inner.length < sizeof date ? inner.length : sizeof date - 1, field);
        break;
    }
    case 'g': iso_week(tm, &iso_year); put_number(cursor, (iso_year % 100 + 100) % 100, 2, '0', field); break;
    case 'G': iso_week(tm, &iso_year); put_number(cursor, iso_year, 4, '0', field); break;
    case 'H': put_number(cursor, tm->tm_hour, 2, '0', field); break;
    case 'I': put_number(cursor, hour12, 2, '0', field); break;
    case 'j': put_number(cursor, tm->tm_yday + 1, 3, '0', field); break;
    case 'k': put_number(cursor, tm->tm_hour, 2, ' ', field); break;
    case 'l': put_number(cursor, hour12, 2, ' ', field); break;
    case 'm': put_number(cursor, tm->tm_mon + 1, 2, '0', field); break;
    case 'M': put_number(cursor, tm->tm_min, 2, '0', field); break;
    case 'n': put_char(cursor, '\n'); break;
    case 'p': put_text(cursor, tm->tm_hour < 12 ? "AM" : "PM", 2, field); break;
    case 'P': put_text(cursor, tm->tm_hour < 12 ? "am" : "pm", 2, field); break;
    case 'r': format(cursor, "%I:%M:%S %p", tm); break;
    case 'R': format(cursor, "%H:%M", tm); break;
    case 's': put_number(cursor, epoch_seconds(tm), 1, '0', field); break;
    case 'S': put_number(cursor, tm->tm_sec, 2, '0', field); break;
    case 't': put_char(cursor, '\t'); break;
    case 'T': format(cursor, "%H:%M:%S", tm); break;
    case 'u': put_number(cursor, tm->tm_wday == 0 ? 7 : tm->tm_wday, 1, '0', field); break;
    case 'U': put_number(cursor, (tm->tm_yday + 7 - tm->tm_wday) / 7, 2, '0', field); break;
    case 'V': put_number(cursor, iso_week(tm, &iso_year), 2, '0', field); break;
    case 'w': put_number(cursor, tm->tm_wday, 1, '0', field); break;
    case 'W': put_number(cursor, (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7, 2, '0', field); break;
    case 'x': format(cursor, "%m/%d/%y", tm); break;
    case 'X': format(cursor, "%H:%M:%S", tm); break;
    case 'y': put_number(cursor, (full_year(tm) % 100 + 100) % 100, 2, '0', field); break;
    case 'Y': put_number(cursor, full_year(tm), 1, '0', field); break;
    case 'z': {
        long offset = tm->tm_gmtoff;
        put_char(cursor, offset < 0 ? '-' : '+');
        if (offset < 0)
            offset = -offset;
        struct field hhmm = { '0', 0, 0, 4 };
        put_number(cursor, offset / 3600 * 100 + offset / 60 % 60, 4, '0', hhmm);
        break;
    }
    case 'Z':
        name = tm->tm_zone ? tm->tm_zone : "";
        put_text(cursor, name, strlen(name), field);
        break;
    case '%': put_char(cursor, '%'); break;
    default:                                  /* unknown: the caller writes it as it stands */
        break;
    }
}

/* Writes `format` with its conversions replaced. */
static void format(struct cursor *cursor, const char *format, const struct tm *tm)
{
    for (const char *p = format; *p; p++) {
        if (*p != '%') {
            put_char(cursor, *p);
            continue;
        }
        const char *start = p;
        struct field field = { 0, 0, 0, 0 };
        int swap_case = 0;
        while (p[1] && strchr("_-0^#", p[1])) {
            char flag = *++p;
            if (flag == '^')
                field.upper = 1;
            else if (flag == '#')
                swap_case = 1;
            else
                field.pad = flag == '_' ? ' ' : flag;
        }
        while (p[1] >= '0' && p[1] <= '9')
            field.width = field.width * 10 + (*++p - '0');
        if (p[1] == 'E' || p[1] == 'O')       /* the C locale's alternatives are the same */
            p++;
        if (!is_conversion(p[1])) {           /* unknown, or cut short: as it stands */
            while (start <= p + (p[1] != '\0'))
                put_char(cursor, *start++);
            if (!p[1])
                return;
            p++;
            continue;
        }
        p++;
        if (swap_case && (*p == 'Z' || *p == 'p'))
            field.lower = 1;
        else if (swap_case && strchr("aAbBh", *p))
            field.upper = 1;
        convert(cursor, *p, tm, field);
    }
}

/* Writes the date `tm` as `format` says into `out` (at most `size` bytes,
 * the terminating NUL included). Returns the bytes written, the NUL left
 * out, or 0 if they did not all fit (out's contents are then
 * unspecified, as POSIX says). */
size_t strftime(char *out, size_t size, const char *format_text, const struct tm *tm)
{
    struct cursor cursor = { out, size, 0 };
    format(&cursor, format_text, tm);
    if (cursor.length >= size)
        return 0;
    out[cursor.length] = '\0';
    return cursor.length;
}
