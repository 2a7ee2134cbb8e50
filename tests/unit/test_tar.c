/* tests/unit/test_tar.c - reading ustar archives (kernel/fs/tar.c).
 *
 * The archives are real: each test makes a directory tree under /tmp and
 * runs the host's `tar --format=ustar` on it, as the build does for the
 * initrd, then reads the archive back with tar_next. */
// unit-sources: kernel/fs/tar.c kernel/lib/string.c
#include "kernel/fs/tar.h"

#include <sys/stat.h>

#include "unit.h"

#define BLOCK        512
#define MAX_ENTRIES  32
#define BIG_SIZE     1500                    /* spans three blocks */

/* A path over 100 characters: tar must split it into prefix and name. */
#define LONG_DIRECTORY "long/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
                       "/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define LONG_PATH      LONG_DIRECTORY "/file.txt"

struct archive {
    uint8_t *bytes;
    size_t size;
    struct tar_entry entries[MAX_ENTRIES];
    size_t offsets[MAX_ENTRIES];             /* where each entry's header is */
    int count;
    int last_result;                         /* what ended the reading: 0 or -1 */
};

static struct archive archive;
static char workspace[64];

static void run(const char *command)
{
    int status = system(command);
    REQUIRE(status == 0, "expected `%s` to succeed, got status %d", command, status);
}

static void write_file(const char *path, const void *data, size_t size)
{
    char full[512];
    snprintf(full, sizeof full, "%s/root/%s", workspace, path);
    FILE *f = fopen(full, "wb");
    REQUIRE(f != NULL, "expected to create %s", full);
    REQUIRE(fwrite(data, 1, size, f) == size, "expected to write %zu bytes to %s", size, full);
    fclose(f);
}

static uint8_t big_byte(size_t i)
{
    return (uint8_t)(i * 13 + 5);
}

/* Reads the archive file into `archive.bytes` and removes the workspace. */
static void load_archive(void)
{
    char path[128], command[128];
    snprintf(path, sizeof path, "%s/archive.tar", workspace);
    FILE *f = fopen(path, "rb");
    REQUIRE(f != NULL, "expected the archive %s to exist", path);
    fseek(f, 0, SEEK_END);
    archive.size = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    archive.bytes = malloc(archive.size);
    REQUIRE(fread(archive.bytes, 1, archive.size, f) == archive.size, "expected to read %s", path);
    fclose(f);
    snprintf(command, sizeof command, "rm -rf %s", workspace);
    run(command);
}

/* Reads every entry of `archive.bytes` with tar_next. */
static void read_entries(void)
{
    size_t offset = 0;
    archive.count = 0;
    for (;;) {
        REQUIRE(archive.count < MAX_ENTRIES, "expected at most %d entries", MAX_ENTRIES);
        archive.offsets[archive.count] = offset;
        int result = tar_next(archive.bytes, archive.size, &offset, &archive.entries[archive.count]);
        if (result != 1) {
            archive.last_result = result;
            break;
        }
        archive.count++;
    }
}

/* The tree every test reads; `tar` archives it as "./", "./dir/", ... */
static void make_tree_archive(void)
{
    snprintf(workspace, sizeof workspace, "/tmp/unit-tar-XXXXXX");
    REQUIRE(mkdtemp(workspace) != NULL, "expected a temporary directory");
    char command[1024];
    snprintf(command, sizeof command, "cd %s && mkdir -p root/dir/sub root/%s && mkfifo root/fifo",
             workspace, LONG_DIRECTORY);
    run(command);
    write_file("hello.txt", "hello, tar\n", 11);
    write_file("empty", "", 0);
    write_file("dir/sub/nested.txt", "nested\n", 7);
    write_file(LONG_PATH, "deep\n", 5);
    uint8_t big[BIG_SIZE];
    for (size_t i = 0; i < BIG_SIZE; i++)
        big[i] = big_byte(i);
    write_file("big.bin", big, BIG_SIZE);
    snprintf(command, sizeof command,
             "cd %s/root && chmod 640 hello.txt && tar --format=ustar --sort=name -cf ../archive.tar . "
             "&& cd .. && rm -rf root", workspace);
    run(command);
    load_archive();
    read_entries();
}

static const struct tar_entry *find(const char *name)
{
    for (int i = 0; i < archive.count; i++)
        if (!strcmp(archive.entries[i].name, name))
            return &archive.entries[i];
    return NULL;
}

static int find_index(const char *name)
{
    const struct tar_entry *entry = find(name);
    REQUIRE(entry != NULL, "expected an entry named \"%s\", found none", name);
    return (int)(entry - archive.entries);
}

UNIT_TEST(every_entry_is_read_and_the_end_gives_zero)
{
    make_tree_archive();
    EXPECT_EQ_INT(0, archive.last_result);
    /* ".", dir, dir/sub, its file, empty, fifo, hello.txt, big.bin, and long/ with 2 dirs and a file */
    EXPECT_EQ_INT(12, archive.count);
}

UNIT_TEST(names_lose_the_leading_dot_slash_and_the_trailing_slash)
{
    make_tree_archive();
    for (int i = 0; i < archive.count; i++) {
        const char *name = archive.entries[i].name;
        size_t length = strlen(name);
        EXPECT(strncmp(name, "./", 2) && name[0] != '/', "expected no leading \"./\" or \"/\", got \"%s\"", name);
        EXPECT(length == 0 || name[length - 1] != '/', "expected no trailing \"/\", got \"%s\"", name);
    }
    EXPECT_EQ_STR("", archive.entries[0].name);          /* the root, "./" */
    EXPECT(find("dir") && find("dir/sub") && find("dir/sub/nested.txt") && find("hello.txt"),
           "expected entries \"dir\", \"dir/sub\", \"dir/sub/nested.txt\" and \"hello.txt\"");
}

UNIT_TEST(types_are_file_directory_and_fifo)
{
    make_tree_archive();
    EXPECT_EQ_INT(TAR_DIRECTORY, archive.entries[find_index("dir")].type);
    EXPECT_EQ_INT(TAR_DIRECTORY, archive.entries[find_index("dir/sub")].type);
    EXPECT_EQ_INT(TAR_FILE, archive.entries[find_index("hello.txt")].type);
    EXPECT_EQ_INT(TAR_FILE, archive.entries[find_index("empty")].type);
    EXPECT_EQ_INT(TAR_FIFO, archive.entries[find_index("fifo")].type);
    EXPECT_EQ_INT(0, archive.entries[find_index("fifo")].size);
    EXPECT_EQ_INT(0, archive.entries[find_index("dir")].size);
}

UNIT_TEST(file_sizes_and_contents_come_back_exactly)
{
    make_tree_archive();
    const struct tar_entry *hello = &archive.entries[find_index("hello.txt")];
    EXPECT_EQ_INT(11, hello->size);
    EXPECT(!memcmp(hello->data, "hello, tar\n", 11), "expected \"hello, tar\\n\", got \"%.11s\"", hello->data);
    EXPECT_EQ_INT(0, archive.entries[find_index("empty")].size);
    const struct tar_entry *nested = &archive.entries[find_index("dir/sub/nested.txt")];
    EXPECT_EQ_INT(7, nested->size);
    EXPECT(!memcmp(nested->data, "nested\n", 7), "expected \"nested\\n\", got \"%.7s\"", nested->data);
    const struct tar_entry *big = &archive.entries[find_index("big.bin")];
    EXPECT_EQ_INT(BIG_SIZE, big->size);
    for (size_t i = 0; i < big->size; i++)
        REQUIRE(big->data[i] == big_byte(i), "expected byte %zu of big.bin 0x%02x, got 0x%02x",
                i, big_byte(i), big->data[i]);
    EXPECT(big->data >= archive.bytes && big->data + big->size <= archive.bytes + archive.size,
           "expected the data to point inside the archive");
}

UNIT_TEST(offset_moves_past_the_data_in_whole_blocks)
{
    make_tree_archive();
    int big = find_index("big.bin");
    EXPECT_EQ_INT(archive.offsets[big] + BLOCK + 3 * BLOCK, archive.offsets[big + 1]);
    int empty = find_index("empty");
    EXPECT_EQ_INT(archive.offsets[empty] + BLOCK, archive.offsets[empty + 1]);
}

UNIT_TEST(mode_holds_the_permission_bits)
{
    make_tree_archive();
    EXPECT_EQ_INT(0640, archive.entries[find_index("hello.txt")].mode);
}

UNIT_TEST(long_path_is_joined_from_prefix_and_name)
{
    make_tree_archive();
    int index = find_index(LONG_PATH);
    const char *prefix = (const char *)archive.bytes + archive.offsets[index] + 345;
    EXPECT(prefix[0] != 0, "expected tar to have used the prefix field for a %zu-character path",
           strlen(LONG_PATH));
    EXPECT_EQ_INT(5, archive.entries[index].size);
    EXPECT(!memcmp(archive.entries[index].data, "deep\n", 5), "expected the long path's contents \"deep\\n\"");
}

/* ustar holds paths up to 256 characters: a 155-character prefix, a '/',
 * and a 100-character name, neither field NUL-terminated. */
UNIT_TEST(path_of_256_characters_comes_back_whole)
{
    char directory[156], file[101], command[1024];
    memset(directory, 'd', 155);
    directory[155] = 0;
    memset(file, 'f', 100);
    file[100] = 0;
    snprintf(workspace, sizeof workspace, "/tmp/unit-tar-XXXXXX");
    REQUIRE(mkdtemp(workspace) != NULL, "expected a temporary directory");
    snprintf(command, sizeof command, "cd %s && mkdir %s && echo x > %s/%s && "
             "tar --format=ustar --no-recursion -cf archive.tar %s/%s", workspace, directory,
             directory, file, directory, file);
    run(command);
    load_archive();
    read_entries();

    REQUIRE(archive.count == 1, "expected one entry, got %d (last result %d)", archive.count, archive.last_result);
    char expected[257];
    snprintf(expected, sizeof expected, "%s/%s", directory, file);
    EXPECT(strlen(archive.entries[0].name) == 256, "expected a 256-character name, got %zu characters",
           strlen(archive.entries[0].name));
    EXPECT_EQ_STR(expected, archive.entries[0].name);
}

/* Rewrites the checksum of the header at `offset` after an edit. */
static void fix_checksum(uint8_t *header)
{
    unsigned sum = 0;
    for (int i = 0; i < BLOCK; i++)
        sum += (i >= 148 && i < 156) ? ' ' : header[i];
    snprintf((char *)header + 148, 8, "%06o", sum);
    header[155] = ' ';
}

UNIT_TEST(corrupted_checksum_is_damage)
{
    make_tree_archive();
    int hello = find_index("hello.txt");
    archive.bytes[archive.offsets[hello] + 1] ^= 0x20;          /* one letter of the name */
    size_t offset = archive.offsets[hello];
    struct tar_entry entry;
    EXPECT_EQ_INT(-1, tar_next(archive.bytes, archive.size, &offset, &entry));
    EXPECT_EQ_INT(archive.offsets[hello], offset);              /* no step past damage */

    archive.bytes[archive.offsets[hello] + 1] ^= 0x20;          /* mended: readable again */
    EXPECT_EQ_INT(1, tar_next(archive.bytes, archive.size, &offset, &entry));
    archive.bytes[archive.offsets[hello] + 148] ^= 0x01;        /* now the checksum itself */
    offset = archive.offsets[hello];
    EXPECT_EQ_INT(-1, tar_next(archive.bytes, archive.size, &offset, &entry));
}

UNIT_TEST(size_beyond_the_archive_end_is_damage)
{
    make_tree_archive();
    struct tar_entry entry;
    int big = find_index("big.bin");
    size_t offset = archive.offsets[big];
    size_t cut = offset + BLOCK + 100;                           /* in the middle of its data */
    EXPECT_EQ_INT(-1, tar_next(archive.bytes, cut, &offset, &entry));

    int hello = find_index("hello.txt");
    uint8_t *header = archive.bytes + archive.offsets[hello];
    snprintf((char *)header + 124, 12, "%011o", 077777777u);     /* a size far past the end */
    fix_checksum(header);
    offset = archive.offsets[hello];
    EXPECT_EQ_INT(-1, tar_next(archive.bytes, archive.size, &offset, &entry));
}

UNIT_TEST(end_of_archive_gives_zero_every_time)
{
    make_tree_archive();
    size_t end = archive.offsets[archive.count];
    size_t offset = end;
    struct tar_entry entry;
    EXPECT_EQ_INT(0, tar_next(archive.bytes, archive.size, &offset, &entry));
    EXPECT_EQ_INT(0, tar_next(archive.bytes, archive.size, &offset, &entry));
    EXPECT_EQ_INT(end, offset);

    static const uint8_t zeros[2 * BLOCK];
    offset = 0;
    EXPECT_EQ_INT(0, tar_next(zeros, sizeof zeros, &offset, &entry));   /* an empty archive */
    offset = 0;
    EXPECT_EQ_INT(0, tar_next(archive.bytes, BLOCK - 1, &offset, &entry)); /* less than a header */
}
