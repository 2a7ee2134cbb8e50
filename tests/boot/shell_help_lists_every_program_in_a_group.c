/* tests/boot/shell_help_lists_every_program_in_a_group.c - the shell's
 * `help` puts every program of /bin in a group: the utilities, the demos
 * (each under the chapter of docs/ that explains it, with a line on what
 * it shows), or the tools. None is left over for "Other programs", and
 * bench, fuzz and stress are tools, not demos. A program added to the
 * image must be added to help's table too (user/bin/sh/help.c): this test
 * keeps the list true. */
#include <dirent.h>

#include "boot_test.h"
#include "boot_wait.h"

#define HELP_OUTPUT_MAX 16384

enum section { NONE, UTILITIES, DEMOS, TOOLS, OTHERS };

/* The section a heading line (one that does not start with a blank) opens. */
static enum section section_of(const char *heading)
{
    if (!strncmp(heading, "Utilities", 9))
        return UTILITIES;
    if (!strncmp(heading, "Demos", 5))
        return DEMOS;
    if (!strncmp(heading, "Tools", 5))
        return TOOLS;
    if (!strncmp(heading, "Other programs", 14))
        return OTHERS;
    return NONE;
}

/* Where `name` stands in help's output: the section of the first line
 * that names it as a word (in a demo's or tool's line, as the first one);
 * NONE if no line does. *described: that line says more than the name. */
static enum section where_listed(const char *output, const char *name, int *described)
{
    enum section section = NONE;
    char line[256];
    for (const char *p = output; *p;) {
        const char *end = strchr(p, '\n');
        int length = end ? (int)(end - p) : (int)strlen(p);
        snprintf(line, sizeof line, "%.*s", length, p);
        p = end ? end + 1 : p + length;
        if (line[0] != ' ') {
            section = section_of(line);
            continue;
        }
        int words = 0, found = 0;
        for (char *word = strtok(line, " "); word; word = strtok(NULL, " ")) {
            words++;
            if (!strcmp(word, name) && (words == 1 || section == UTILITIES || section == OTHERS))
                found = 1;
        }
        if (found && section != NONE) {
            *described = words > 1;
            return section;
        }
    }
    return NONE;
}

int main(void)
{
    static char output[HELP_OUTPUT_MAX];
    char *argv[] = { "/bin/sh", "-c", "help", NULL };
    int status = run_capturing(argv, output, sizeof output);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "sh -c help ended with 0x%x", status);
    CHECK(strstr(output, "Other programs") == NULL,
          "help lists programs of /bin that are in no group (add them to user/bin/sh/help.c):\n%s",
          strstr(output, "Other programs") ? strstr(output, "Other programs") : "");

    DIR *bin = opendir("/bin");
    CHECK(bin != NULL, "opendir /bin: %s", strerror(errno));
    int programs = 0;
    struct dirent *entry;
    while (bin && (entry = readdir(bin))) {
        if (entry->d_name[0] == '.')
            continue;
        programs++;
        int described = 0;
        enum section section = where_listed(output, entry->d_name, &described);
        CHECK(section == UTILITIES || section == DEMOS || section == TOOLS,
              "/bin/%s is in none of help's groups (utilities, demos, tools)", entry->d_name);
        if (section == DEMOS || section == TOOLS)
            CHECK(described, "help lists %s without a line on what it shows", entry->d_name);
    }
    if (bin)
        closedir(bin);
    CHECK(programs > 20, "only %d programs in /bin", programs);

    const char *tools[] = { "bench", "fuzz", "stress" };
    for (int i = 0; i < 3; i++) {
        int described;
        CHECK(where_listed(output, tools[i], &described) == TOOLS, "help does not list %s among the tools",
              tools[i]);
    }
    CHECK(strstr(output, " docs/pipes.md\n") && strstr(output, " docs/message-passing.md\n"),
          "help does not group the demos by chapter:\n%s", output);
    return test_finish("shell_help_lists_every_program_in_a_group");
}
