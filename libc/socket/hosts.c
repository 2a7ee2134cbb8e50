/* libc/socket/hosts.c - reading /etc/hosts (hosts(5)): one address a line,
 * then its official name, then aliases, split by spaces or tabs; '#'
 * begins a comment. Lines whose address is not an IPv4 dotted quad (an
 * IPv6 "::1") are skipped. "localhost" is 127.0.0.1 even when the file
 * does not say so (or there is no file): the line LOCALHOST_LINE answers
 * then, so that programs on loopback never depend on the file. */
#include "name_lookup.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define FIELD_SEPARATORS " \t\r\n"
#define LOCALHOST_LINE   "127.0.0.1 localhost"

/* Splits entry->line into the address and names: 1, or 0 if the line
 * holds no IPv4 address and name. */
static int split_line(struct hosts_entry *entry)
{
    char *comment = strchr(entry->line, '#');
    if (comment)
        *comment = '\0';
    char *rest;
    char *address = strtok_r(entry->line, FIELD_SEPARATORS, &rest);
    if (!address || inet_pton(AF_INET, address, &entry->address) != 1)
        return 0;
    entry->name = strtok_r(NULL, FIELD_SEPARATORS, &rest);
    if (!entry->name)
        return 0;
    int count = 0;
    char *alias;
    while (count < HOSTS_ALIASES_MAX && (alias = strtok_r(NULL, FIELD_SEPARATORS, &rest)))
        entry->aliases[count++] = alias;
    entry->aliases[count] = NULL;
    return 1;
}

/* Reads the next line of `file` that names an address into *entry: 1, or
 * 0 at the end. A line too long for the buffer is skipped whole. */
static int next_entry(FILE *file, struct hosts_entry *entry)
{
    while (fgets(entry->line, sizeof entry->line, file)) {
        size_t length = strlen(entry->line);
        if (length && entry->line[length - 1] != '\n' && !feof(file)) {
            int c;
            while ((c = fgetc(file)) != EOF && c != '\n')
                ;
            continue;
        }
        if (split_line(entry))
            return 1;
    }
    return 0;
}

/* Whether the line `entry` names `name`. */
static int names(const struct hosts_entry *entry, const char *name)
{
    if (!strcasecmp(entry->name, name))
        return 1;
    for (int i = 0; entry->aliases[i]; i++)
        if (!strcasecmp(entry->aliases[i], name))
            return 1;
    return 0;
}

/* Fills *entry with the built-in LOCALHOST_LINE. */
static void localhost_entry(struct hosts_entry *entry)
{
    strcpy(entry->line, LOCALHOST_LINE);
    split_line(entry);
}

int hosts_find_name(const char *path, const char *name, struct hosts_entry *entry)
{
    int found = 0;
    FILE *file = fopen(path, "r");
    if (file) {
        while (!found && next_entry(file, entry))
            found = names(entry, name);
        fclose(file);
    }
    if (!found) {
        localhost_entry(entry);
        found = names(entry, name);
    }
    return found;
}

int hosts_find_address(const char *path, struct in_addr address, struct hosts_entry *entry)
{
    int found = 0;
    FILE *file = fopen(path, "r");
    if (file) {
        while (!found && next_entry(file, entry))
            found = entry->address.s_addr == address.s_addr;
        fclose(file);
    }
    if (!found) {
        localhost_entry(entry);
        found = entry->address.s_addr == address.s_addr;
    }
    return found;
}
