/* libc/include/ctype.h - classifying ASCII characters. Each takes an
 * unsigned char value or EOF; anything outside ASCII is in no class. */
#ifndef LIBC_INCLUDE_CTYPE_H
#define LIBC_INCLUDE_CTYPE_H

int isdigit(int c);
int isxdigit(int c);
int isalpha(int c);
int isalnum(int c);
int isupper(int c);
int islower(int c);
int isspace(int c);
int isblank(int c);
int isprint(int c);
int isgraph(int c);
int ispunct(int c);
int iscntrl(int c);
int toupper(int c);
int tolower(int c);

#endif
