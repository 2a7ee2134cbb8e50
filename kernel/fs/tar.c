/* kernel/fs/tar.c - ustar headers are 512-byte blocks of ASCII fields;
 * each file's data follows in whole blocks. Pure code (tests/unit). */
#include "tar.h"

#include "lib/string.h"

#define BLOCK 512

struct ustar_header {
    char name[100], mode[8], uid[8], gid[8], size[12], mtime[12];
    char checksum[8], typeflag, linkname[100], magic[6], version[2];
    char uname[32], gname[32], devmajor[8], devminor[8], prefix[155], pad[12];
};

static uint32_t parse_octal(const char *field, size_t length)
{
    uint32_t value = 0;
    for (size_t i = 0; i < length && field[i] >= '0' && field[i] <= '7'; i++)
        value = value * 8 + (uint32_t)(field[i] - '0');
    return value;
}

/* The sum of the header's bytes, its checksum field's eight counted as
 * spaces. The boot sums every file's header, so four bytes at a time:
 * bytes 0 and 1 of each word are added into the low half of `halves`,
 * bytes 2 and 3 into the high half. Each half adds 256 bytes, 65,280 at
 * most, and never carries into the other. */
static int checksum_ok(const uint8_t *block)
{
    const struct ustar_header *header = (const void *)block;
    uint32_t halves = 0;
    for (int i = 0; i < BLOCK; i += 4) {
        uint32_t word;
        __builtin_memcpy(&word, block + i, 4);     /* one load, whatever the alignment */
        halves += (word & 0x00ff00ff) + ((word >> 8) & 0x00ff00ff);
    }
    uint32_t sum = (halves & 0xffff) + (halves >> 16);
    for (size_t i = 0; i < sizeof header->checksum; i++)
        sum += (uint32_t)' ' - (uint8_t)header->checksum[i];
    return sum == parse_octal(header->checksum, sizeof header->checksum);
}

int tar_next(const void *archive, size_t archive_size, size_t *offset, struct tar_entry *entry)
{
    const uint8_t *base = archive;
    if (*offset + BLOCK > archive_size)
        return 0;
    const uint8_t *block = base + *offset;
    if (block[0] == 0)
        return 0;                                  /* the zero blocks at the end */
    if (!checksum_ok(block))
        return -1;
    const struct ustar_header *header = (const void *)block;

    char full[257];                  /* prefix + '/' + name + NUL at most */
    size_t used = 0;
    if (header->prefix[0] && !memcmp(header->magic, "ustar", 5)) {
        used = strnlen(header->prefix, sizeof header->prefix);
        memcpy(full, header->prefix, used);
        full[used++] = '/';
    }
    size_t name_length = strnlen(header->name, sizeof header->name);
    memcpy(full + used, header->name, name_length);
    used += name_length;
    full[used] = 0;

    const char *name = full;
    while (name[0] == '.' && name[1] == '/')
        name += 2;
    while (name[0] == '/')
        name++;
    strlcpy(entry->name, name, sizeof entry->name);
    size_t length = strlen(entry->name);
    while (length && entry->name[length - 1] == '/')
        entry->name[--length] = 0;

    entry->size = parse_octal(header->size, sizeof header->size);
    entry->mode = parse_octal(header->mode, sizeof header->mode) & 07777;
    switch (header->typeflag) {
    case '0': case 0: entry->type = TAR_FILE; break;
    case '5': entry->type = TAR_DIRECTORY; break;
    case '6': entry->type = TAR_FIFO; break;
    default: entry->type = TAR_OTHER; break;
    }
    if (entry->type != TAR_FILE)
        entry->size = 0;
    size_t data_offset = *offset + BLOCK;
    if (entry->size > archive_size - data_offset)   /* no sum that could wrap around */
        return -1;
    entry->data = base + data_offset;
    *offset = data_offset + ((entry->size + BLOCK - 1) / BLOCK) * BLOCK;
    return 1;
}
