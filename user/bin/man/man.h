/* user/bin/man/man.h - what man's two files share: main.c finds a page,
 * format.c formats it. */
#ifndef USER_MAN_MAN_H
#define USER_MAN_MAN_H

#include <stdio.h>

/* Formats the troff page read from `page` onto standard output. */
void show_page(FILE *page);

#endif
