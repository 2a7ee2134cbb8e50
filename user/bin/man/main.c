/* user/bin/man/main.c - man [SECTION] NAME, man -l FILE: shows a manual page.
 *
 * The pages are troff source with the `man` macros (docs/man/ in the tree,
 * /usr/share/man/manN/NAME.N in the boot image). Without a SECTION, the
 * sections are tried in the order 1, 2, 3, 5, 7 and the first page found is
 * shown. A page that is only `.so manN/OTHER.N` stands for OTHER.
 *
 * What it formats, a small part of troff: the requests .TH .SH .SS .PP .LP
 * .P .TP .IP .RS .RE .nf .fi .EX .EE .br .sp and .B .I .BR .BI .IR .IB .RB
 * .RI (their words joined, fonts alternating), the escapes \fB \fI \fR \fP
 * \- \e \\ \& \| \^ and \(xx characters (em, en, bu, aq, dq, lq, rq, co);
 * other requests and `.\"` comments are skipped. Text is filled to the
 * width and indented as `man` does on Linux: a section's text 7 columns
 * in. On a terminal bold is shown bold and italic underlined (ANSI
 * escapes, which the serial line shows and the VGA screen ignores).
 * Exit status: 0 shown, 1 no such page, 2 wrong usage. */
#include <stdio.h>
#include <string.h>

#include "man.h"

#define MAN_ROOT     "/usr/share/man"
#define MAX_SO_DEPTH 4                /* .so pointing at a .so ... */
#define LINE_BYTES   1024

/* Opens the page at `path`, following .so links; NULL if there is none.
 * `resolved` gets the path of the page opened. */
static FILE *open_page(const char *path, char *resolved, size_t size)
{
    char current[256];
    snprintf(current, sizeof current, "%s", path);
    for (int depth = 0; depth <= MAX_SO_DEPTH; depth++) {
        FILE *page = fopen(current, "r");
        if (!page)
            return 0;
        char line[LINE_BYTES];
        int so = 0;
        while (fgets(line, sizeof line, page)) {
            if (!strncmp(line, ".\\\"", 3) || line[0] == '\n')
                continue;
            if (!strncmp(line, ".so ", 4)) {   /* .so manN/NAME.N, from the manual's root */
                char target[160];
                const char *name = line + 4;
                if (!strncmp(name, "docs/man/", 9))   /* as in the tree, from its top */
                    name += 9;
                snprintf(target, sizeof target, "%.*s", (int)strcspn(name, " \n"), name);
                if (target[0] == '/')
                    snprintf(current, sizeof current, "%s", target);
                else
                    snprintf(current, sizeof current, "%s/%s", MAN_ROOT, target);
                so = 1;
            }
            break;
        }
        if (!so) {
            rewind(page);
            snprintf(resolved, size, "%s", current);
            return page;
        }
        fclose(page);
    }
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: man [SECTION] NAME\n       man -l FILE\n");
    return 2;
}

int main(int argc, char **argv)
{
    char path[256], resolved[256];
    FILE *page = 0;
    if (argc == 3 && !strcmp(argv[1], "-l")) {
        page = open_page(argv[2], resolved, sizeof resolved);
        if (!page) {
            perror(argv[2]);
            return 1;
        }
    } else if (argc == 2 || argc == 3) {
        const char *name = argv[argc - 1];
        static const char *sections[] = { "1", "2", "3", "4", "5", "7" };
        const char *only = argc == 3 ? argv[1] : 0;
        if (strchr(name, '/'))
            return usage();
        for (size_t i = 0; i < sizeof sections / sizeof *sections && !page; i++) {
            const char *section = only ? only : sections[i];
            snprintf(path, sizeof path, "%s/man%s/%s.%s", MAN_ROOT, section, name, section);
            page = open_page(path, resolved, sizeof resolved);
            if (only)
                break;
        }
        if (!page) {
            if (only)
                fprintf(stderr, "man: no entry for %s in section %s of the manual\n", name, only);
            else
                fprintf(stderr, "man: no manual entry for %s\n", name);
            return 1;
        }
    } else {
        return usage();
    }
    show_page(page);
    fclose(page);
    return 0;
}
