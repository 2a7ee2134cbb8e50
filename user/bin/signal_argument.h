/* user/bin/signal_argument.h - kill's signal argument and its `-l` list,
 * shared by /bin/kill (user/bin/kill.c) and the shell's kill builtin
 * (user/bin/sh/builtins.c), which must read and list them the same way. */
#ifndef USER_BIN_SIGNAL_ARGUMENT_H
#define USER_BIN_SIGNAL_ARGUMENT_H

#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The number of signal `text` ("INT", "sigint", "2"), or -1: a name in
 * either case, with or without "SIG", or a number (str2sig, <signal.h>);
 * 0 sends nothing and only checks that the process exists. */
static inline int signal_argument(const char *text)
{
    if (strcmp(text, "0") == 0)
        return 0;
    if (strncasecmp(text, "SIG", 3) == 0)
        text += 3;
    char name[SIG2STR_MAX];
    size_t i = 0;
    for (; text[i] && i < sizeof name - 1; i++)
        name[i] = (char)toupper((unsigned char)text[i]);
    name[i] = '\0';
    int number;
    return text[i] == '\0' && str2sig(name, &number) == 0 ? number : -1;
}

/* kill -l: every signal's number and name, one a line. */
static inline void list_signals(void)
{
    char name[SIG2STR_MAX];
    for (int number = 1; number < NSIG; number++)
        if (sig2str(number, name) == 0)
            printf("%2d %s\n", number, name);
}

#endif
