/* libc/ctype/ctype.c - classifying ASCII characters. Every function takes
 * an unsigned char value or EOF and answers for the C locale: characters
 * beyond ASCII belong to no class. */
#include <ctype.h>

/* '0' to '9' */
int isdigit(int c)  { return c >= '0' && c <= '9'; }
/* 'A' to 'Z' */
int isupper(int c)  { return c >= 'A' && c <= 'Z'; }
/* 'a' to 'z' */
int islower(int c)  { return c >= 'a' && c <= 'z'; }
/* a letter of either case */
int isalpha(int c)  { return isupper(c) || islower(c); }
/* a letter or a digit */
int isalnum(int c)  { return isalpha(c) || isdigit(c); }
/* a hexadecimal digit: 0-9, a-f, A-F */
int isxdigit(int c) { return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
/* space, tab, newline, vertical tab, form feed, carriage return */
int isspace(int c)  { return c == ' ' || (c >= '\t' && c <= '\r'); }
/* space or tab: the blanks within a line */
int isblank(int c)  { return c == ' ' || c == '\t'; }
/* control characters: 0-31 and DEL */
int iscntrl(int c)  { return (c >= 0 && c < ' ') || c == 0x7f; }
/* printing characters: space through '~' */
int isprint(int c)  { return c >= ' ' && c <= '~'; }
/* printing characters other than space */
int isgraph(int c)  { return c > ' ' && c <= '~'; }
/* printing characters that are neither space, letter nor digit */
int ispunct(int c)  { return isgraph(c) && !isalnum(c); }
/* the upper case of a lower case letter; anything else unchanged */
int toupper(int c)  { return islower(c) ? c - 'a' + 'A' : c; }
/* the lower case of an upper case letter; anything else unchanged */
int tolower(int c)  { return isupper(c) ? c - 'A' + 'a' : c; }
