/* libc/include/langinfo.h - nl_langinfo(3): the C locale's names and
 * formats, the one locale of this C library (libc/locale/langinfo.c). The
 * items are this library's own numbers: a program uses the names. */
#ifndef LIBC_INCLUDE_LANGINFO_H
#define LIBC_INCLUDE_LANGINFO_H

typedef int nl_item;

enum {
    CODESET,                        /* "ANSI_X3.4-1968", ASCII, as glibc's C locale says */
    D_T_FMT, D_FMT, T_FMT, T_FMT_AMPM,   /* strftime's %c, %x, %X, %r */
    AM_STR, PM_STR,
    DAY_1, DAY_2, DAY_3, DAY_4, DAY_5, DAY_6, DAY_7,          /* "Sunday" .. */
    ABDAY_1, ABDAY_2, ABDAY_3, ABDAY_4, ABDAY_5, ABDAY_6, ABDAY_7,   /* "Sun" .. */
    MON_1, MON_2, MON_3, MON_4, MON_5, MON_6, MON_7, MON_8, MON_9, MON_10, MON_11, MON_12,
    ABMON_1, ABMON_2, ABMON_3, ABMON_4, ABMON_5, ABMON_6, ABMON_7, ABMON_8, ABMON_9, ABMON_10, ABMON_11,
    ABMON_12,
    ERA, ERA_D_FMT, ALT_DIGITS, ERA_D_T_FMT, ERA_T_FMT,   /* "": the C locale has no eras */
    RADIXCHAR, THOUSEP,             /* ".", "" */
    YESEXPR, NOEXPR,                /* "^[yY]", "^[nN]" */
    CRNCYSTR,                       /* "-": no currency symbol */
    NL_ITEM_COUNT                   /* not an item: how many there are */
};

char *nl_langinfo(nl_item item);

#endif
