/* tests/unit/test_ext2.c - the ext2 file system (kernel/fs/ext2/) on disk
 * images made by Debian's mke2fs, checked by e2fsck and debugfs.
 *
 * Each test makes an image under a fresh /tmp directory, loads it into a
 * fake disk in memory (ext2_host.c), mounts it with ext2_mount and works
 * through the inode operations as the VFS would. After the work it
 * unmounts, writes the image back, and asks `e2fsck -fn` (which must find
 * nothing) and `debugfs -R "cat ..."` (which must read what was written).
 *
 * The crash tests log every write a work storm makes, then rebuild the
 * image as a power cut after write N would have left it, for many N:
 * `e2fsck -fp` must repair each alone (exit 0 or 1), and every file
 * fsynced before the cut must read back whole. */
// unit-sources: kernel/fs/ext2/ext2_super.c kernel/fs/ext2/ext2_alloc.c kernel/fs/ext2/ext2_inode.c kernel/fs/ext2/ext2_block_map.c kernel/fs/ext2/ext2_file.c kernel/fs/ext2/ext2_dir.c kernel/fs/ext2/ext2_dir_write.c kernel/fs/ext2/ext2_namei.c kernel/fs/block_cache.c kernel/fs/block_writeback.c tests/unit/ext2_host.c
#include <stdint.h>
#include <sys/stat.h>

/* The crash storms run e2fsck on up to 1,200 cut images each: a minute
 * alone on a slow host, and more than unit.h's 120 s beside make test's
 * QEMUs. The limit catches a hang, not a slow machine. */
#define UNIT_TIME_LIMIT 480

#include "ext2_host.h"
#include "kernel/fs/block_cache.h"
#include "kernel/fs/ext2/ext2_format.h"
#include "kernel/fs/inode.h"
#include "kernel/fs/mount.h"
#include "kernel/uapi/mount.h"
#include "unit.h"

#define IMAGE_SIZE "8M"
#define PATH_MAX_TEST 512
#define ENTRIES_IN_BIG_DIRECTORY 500
#define BIG_FILE_SIZE (4u << 20)
#define ODD_CHUNK 1237
#define FILE_SIZE_LIMIT 0x7FFFFFFFu

static char workdir[PATH_MAX_TEST];

/* ------------------------------------------------------------- helpers */

#define PATH_SIZE (2 * PATH_MAX_TEST)
#define TEST_PATHS 8                  /* paths a test keeps at once (the helpers keep none) */

/* A path inside this test's directory, for the test's own files. */
static const char *in_workdir(const char *name)
{
    static char paths[TEST_PATHS][PATH_SIZE];
    static int next;
    char *path = paths[next++ % TEST_PATHS];
    snprintf(path, PATH_SIZE, "%s/%s", workdir, name);
    return path;
}

/* The same, into the helper's own buffer. */
static const char *helper_path(char path[PATH_SIZE], const char *name)
{
    snprintf(path, PATH_SIZE, "%s/%s", workdir, name);
    return path;
}

static void start(void)
{
    snprintf(workdir, sizeof workdir, "/tmp/ext2-test-XXXXXX");
    REQUIRE(mkdtemp(workdir), "expected a directory under /tmp");
    static int cache_ready;
    if (!cache_ready)
        block_cache_init();
    cache_ready = 1;
}

static void finish(void)
{
    host_run("rm -rf %s", workdir);
}

static void make_image(const char *image, const char *options)
{
    int status = host_run("mke2fs -q -F -t ext2 %s %s %s >/dev/null 2>&1", options, image, IMAGE_SIZE);
    REQUIRE(status == 0, "expected mke2fs %s to make %s, exit status %d", options, image, status);
}

struct mounted {
    struct fake_disk *disk;
    struct file_system *fs;
    struct inode *root;
    const struct inode_operations *ops;
};

static struct mounted mount_image(const char *image)
{
    struct mounted m = { .disk = fake_disk_load(image) };
    int status = ext2_mount(&m.disk->device, 0, &m.fs);
    REQUIRE(status == 0, "expected ext2_mount of %s to succeed, got %d", image, status);
    m.root = m.fs->root;
    m.ops = m.root->operations;
    return m;
}

/* Unmounts, checks that every inode went, and writes the image back. */
static void unmount_image(struct mounted *m, const char *image)
{
    int status = m->fs->operations->unmount(m->fs);
    EXPECT_EQ_INT(0, status);
    EXPECT_EQ_INT(0, host_live_inodes());
    fake_disk_save(m->disk, image);
    fake_disk_destroy(m->disk);
    m->disk = 0;
}

/* e2fsck -fn must find nothing to fix: exit 0, and no line but its five
 * "Pass" lines and the summary (a wrong free count is reported with
 * "Fix? no" and exit 0 all the same). */
static void expect_fsck_clean(const char *image)
{
    char log_path[PATH_SIZE], findings_path[PATH_SIZE];
    const char *log = helper_path(log_path, "fsck.log");
    const char *findings = helper_path(findings_path, "fsck.findings");
    int status = host_run("e2fsck -fn %s >%s 2>&1", image, log);
    host_run("grep -v -e '^Pass [1-5]' -e '^e2fsck [0-9]' -e 'files (.*blocks$' %s >%s", log, findings);
    struct stat st;
    int quiet = stat(findings, &st) == 0 && st.st_size == 0;
    EXPECT(status == 0 && quiet, "expected e2fsck -fn %s to find nothing, exit %d (see stderr)", image, status);
    if (status != 0 || !quiet)
        host_run("cat %s >&2", log);
}

static struct inode *walk(struct mounted *m, const char *path)
{
    char copy[PATH_MAX_TEST];
    snprintf(copy, sizeof copy, "%s", path);
    struct inode *inode = m->root;
    for (char *name = strtok(copy, "/"); name && inode; name = strtok(0, "/")) {
        struct inode *next = 0;
        if (m->ops->lookup(inode, name, &next) < 0)
            return 0;
        inode = next;
    }
    return inode;
}

/* The directory of `path` and its last name. */
static struct inode *parent_of(struct mounted *m, const char *path, char *name)
{
    const char *slash = strrchr(path, '/');
    char directory[PATH_MAX_TEST];
    snprintf(directory, sizeof directory, "%.*s", (int)(slash - path), path);
    strcpy(name, slash + 1);
    return walk(m, directory);
}

static struct inode *create(struct mounted *m, const char *path, enum inode_type type)
{
    char name[PATH_MAX_TEST];
    struct inode *directory = parent_of(m, path, name);
    REQUIRE(directory, "expected the directory of %s", path);
    struct inode *inode = 0;
    int status = m->ops->create(directory, name, type, type == INODE_DIRECTORY ? 0755 : 0644, 1000, 1000, &inode);
    REQUIRE(status == 0, "expected to create %s, got %d", path, status);
    return inode;
}

static int unlink_path(struct mounted *m, const char *path)
{
    char name[PATH_MAX_TEST];
    struct inode *directory = parent_of(m, path, name);
    struct inode *inode = walk(m, path);
    if (!directory || !inode)
        return -ENOENT;
    return m->ops->unlink(directory, name, inode);
}

static int rename_path(struct mounted *m, const char *from, const char *to)
{
    char old_name[PATH_MAX_TEST], new_name[PATH_MAX_TEST];
    struct inode *old_directory = parent_of(m, from, old_name);
    struct inode *new_directory = parent_of(m, to, new_name);
    struct inode *moving = walk(m, from);
    if (!old_directory || !new_directory || !moving)
        return -ENOENT;
    return m->ops->rename(old_directory, old_name, new_directory, new_name, moving, walk(m, to));
}

/* Byte i of test content number `seed`. */
static uint8_t pattern(uint32_t seed, uint32_t i)
{
    uint32_t x = (i + 1) * 2654435761u ^ (seed * 40503u + 17);
    return (uint8_t)(x ^ x >> 13 ^ x >> 24);
}

static uint8_t *pattern_bytes(uint32_t seed, uint32_t size)
{
    uint8_t *bytes = malloc(size ? size : 1);
    REQUIRE(bytes, "expected memory");
    for (uint32_t i = 0; i < size; i++)
        bytes[i] = pattern(seed, i);
    return bytes;
}

/* Writes `size` bytes in chunks of `chunk`. 0, or the first error. */
static int write_in_chunks(struct mounted *m, struct inode *inode, uint32_t offset, const uint8_t *bytes,
                           uint32_t size, uint32_t chunk)
{
    for (uint32_t done = 0; done < size;) {
        uint32_t count = size - done < chunk ? size - done : chunk;
        int written = m->ops->write(inode, offset + done, bytes + done, count);
        if (written <= 0)
            return written;
        done += (uint32_t)written;
    }
    return 0;
}

static void write_file(struct mounted *m, const char *path, const uint8_t *bytes, uint32_t size)
{
    struct inode *inode = walk(m, path);
    if (!inode)
        inode = create(m, path, INODE_REGULAR);
    int status = write_in_chunks(m, inode, 0, bytes, size, ODD_CHUNK);
    REQUIRE(status == 0, "expected to write %u bytes to %s, got %d", size, path, status);
}

/* Does the file at `path` hold exactly these bytes (read in odd chunks)? */
static int file_holds(struct mounted *m, const char *path, const uint8_t *bytes, uint32_t size)
{
    struct inode *inode = walk(m, path);
    if (!inode || inode->size != size)
        return 0;
    uint8_t *read_back = malloc(size + ODD_CHUNK);
    uint32_t done = 0;
    int same = 1;
    while (same) {
        int count = m->ops->read(inode, done, read_back + done, ODD_CHUNK, 0);
        if (count < 0)
            same = 0;
        if (count <= 0)
            break;
        done += (uint32_t)count;
    }
    same = same && done == size && !memcmp(read_back, bytes, size);
    free(read_back);
    return same;
}

/* debugfs -R "cat path" must give exactly these bytes. */
static void expect_debugfs_cat(const char *image, const char *path, const uint8_t *bytes, uint32_t size)
{
    char out_path[PATH_SIZE];
    const char *out = helper_path(out_path, "cat.out");
    host_run("debugfs -R 'cat %s' %s >%s 2>/dev/null", path, image, out);
    FILE *file = fopen(out, "rb");
    REQUIRE(file, "expected debugfs's output");
    uint8_t *read_back = malloc(size + 1);
    size_t count = fread(read_back, 1, size + 1, file);
    fclose(file);
    EXPECT(count == size && !memcmp(read_back, bytes, size),
           "expected debugfs to read %u bytes of %s as written, got %zu bytes%s", size, path, count,
           count == size ? " that differ" : "");
    free(read_back);
}

/* The output of a debugfs request, in a buffer of `size`. */
static void debugfs_output(const char *image, const char *request, char *output, size_t size)
{
    char out_path[PATH_SIZE];
    const char *out = helper_path(out_path, "debugfs.out");
    host_run("debugfs -R '%s' %s >%s 2>/dev/null", request, image, out);
    FILE *file = fopen(out, "r");
    REQUIRE(file, "expected debugfs's output");
    size_t count = fread(output, 1, size - 1, file);
    output[count] = 0;
    fclose(file);
}

struct listing {
    char names[ENTRIES_IN_BIG_DIRECTORY + 8][NAME_MAX_LENGTH + 1];
    enum inode_type types[ENTRIES_IN_BIG_DIRECTORY + 8];
    int count;
    int stop_after;                   /* > 0: emit says "full" after this many, each call */
    int in_this_call;
};

static int collect(void *context, const char *name, uint32_t number, enum inode_type type)
{
    (void)number;
    struct listing *listing = context;
    if (listing->stop_after && listing->in_this_call == listing->stop_after)
        return 1;
    if (listing->count < ENTRIES_IN_BIG_DIRECTORY + 8) {
        snprintf(listing->names[listing->count], NAME_MAX_LENGTH + 1, "%s", name);
        listing->types[listing->count] = type;
    }
    listing->count++;
    listing->in_this_call++;
    return 0;
}

/* Lists a directory through readdir, `per_call` entries per call (0: all). */
static void list_directory(struct mounted *m, struct inode *directory, struct listing *listing, int per_call)
{
    memset(listing, 0, sizeof *listing);
    listing->stop_after = per_call;
    uint32_t position = 0;
    for (int calls = 0; calls < 10000; calls++) {
        listing->in_this_call = 0;
        uint32_t before = position;
        int status = m->ops->readdir(directory, &position, collect, listing);
        REQUIRE(status == 0, "expected readdir to succeed, got %d", status);
        if (listing->in_this_call == 0 && position >= directory->size)
            return;
        REQUIRE(position != before || listing->in_this_call, "expected readdir to move on");
    }
}

static int listing_has(const struct listing *listing, const char *name)
{
    int found = 0;
    for (int i = 0; i < listing->count; i++)
        found += !strcmp(listing->names[i], name);
    return found;
}

/* ---------------------------------------------------------------- tests */

UNIT_TEST(mount_reads_files_and_directories_made_by_mke2fs_d)
{
    start();
    const char *tree = in_workdir("tree");
    host_run("mkdir -p %s/docs/deeper && printf 'hello, disk\\n' >%s/hello.txt && "
             "head -c 70000 /dev/zero | tr '\\0' 'x' >%s/docs/deeper/big.txt && ln -s hello.txt %s/link",
             tree, tree, tree, tree);
    const char *image = in_workdir("disk.img");
    char options[PATH_MAX_TEST];
    snprintf(options, sizeof options, "-b 1024 -d %s", tree);
    make_image(image, options);

    struct mounted m = mount_image(image);
    EXPECT(file_holds(&m, "/hello.txt", (const uint8_t *)"hello, disk\n", 12), "expected /hello.txt to read back");
    uint8_t *xs = malloc(70000);
    memset(xs, 'x', 70000);
    EXPECT(file_holds(&m, "/docs/deeper/big.txt", xs, 70000), "expected the 70000 x's of big.txt");
    free(xs);
    struct inode *docs = walk(&m, "/docs");
    REQUIRE(docs && docs->type == INODE_DIRECTORY, "expected /docs to be a directory");
    EXPECT_EQ_INT(3, docs->links);
    struct inode *link = walk(&m, "/link");
    REQUIRE(link && link->type == INODE_SYMLINK, "expected /link to be a symbolic link");
    char target[64] = { 0 };
    EXPECT_EQ_INT(9, m.ops->readlink(link, target, sizeof target));
    EXPECT_EQ_STR("hello.txt", target);
    struct listing listing;
    list_directory(&m, m.root, &listing, 0);
    EXPECT(listing_has(&listing, "hello.txt") == 1 && listing_has(&listing, "docs") == 1 &&
               listing_has(&listing, "lost+found") == 1 && !listing_has(&listing, "."),
           "expected / to list hello.txt, docs and lost+found once, without \".\"");
    unmount_image(&m, image);
    expect_fsck_clean(image);
    finish();
}

UNIT_TEST(create_write_read_append_and_truncate_keep_the_bytes)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024");
    struct mounted m = mount_image(image);
    struct inode *file = create(&m, "/notes.txt", INODE_REGULAR);
    EXPECT_EQ_INT(1, file->links);
    EXPECT_EQ_INT(5, m.ops->write(file, 0, "hello", 5));
    EXPECT_EQ_INT(6, m.ops->write(file, 5, " world", 6));   /* append */
    char text[32] = { 0 };
    EXPECT_EQ_INT(11, m.ops->read(file, 0, text, sizeof text, 0));
    EXPECT_EQ_STR("hello world", text);
    EXPECT_EQ_INT(0, m.ops->read(file, 11, text, sizeof text, 0));

    /* shrink, then grow: the bytes past the cut read as zeros */
    EXPECT_EQ_INT(0, m.ops->truncate(file, 3));
    EXPECT_EQ_INT(0, m.ops->truncate(file, 8));
    memset(text, 'z', sizeof text);
    EXPECT_EQ_INT(8, m.ops->read(file, 0, text, sizeof text, 0));
    EXPECT(!memcmp(text, "hel\0\0\0\0\0", 8), "expected \"hel\" and five zeros after shrinking and growing");

    uint8_t *big = pattern_bytes(7, 300000);   /* through the single and double indirect blocks */
    write_file(&m, "/big.bin", big, 300000);
    struct inode *big_file = walk(&m, "/big.bin");
    EXPECT_EQ_INT(0, m.ops->truncate(big_file, 100000));
    EXPECT(file_holds(&m, "/big.bin", big, 100000), "expected the first 100000 bytes to stay");
    unmount_image(&m, image);
    expect_fsck_clean(image);
    expect_debugfs_cat(image, "/notes.txt", (const uint8_t *)"hel\0\0\0\0\0", 8);
    expect_debugfs_cat(image, "/big.bin", big, 100000);

    m = mount_image(image);           /* and our own code reads it again */
    EXPECT(file_holds(&m, "/big.bin", big, 100000), "expected big.bin after a remount");
    unmount_image(&m, image);
    free(big);
    finish();
}

#define APPENDED_BLOCKS 20            /* past the direct blocks: the last one is found through the indirect */
#define EARLY_BLOCKS 10
/* The disk block holding block `file_block` of `path` (debugfs "bmap"). */
static uint32_t disk_block_of(const char *image, const char *path, uint32_t file_block)
{
    char request[PATH_MAX_TEST], output[256];
    snprintf(request, sizeof request, "bmap %s %u", path, file_block);
    debugfs_output(image, request, output, sizeof output);
    return (uint32_t)strtoul(output, 0, 10);
}

UNIT_TEST(append_to_a_file_read_from_the_disk_lands_next_to_its_last_block)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024");
    struct mounted m = mount_image(image);
    uint8_t *bytes = pattern_bytes(9, (APPENDED_BLOCKS + 1) * 1024);
    uint8_t *early = pattern_bytes(8, EARLY_BLOCKS * 1024);
    write_file(&m, "/early", early, EARLY_BLOCKS * 1024);
    write_file(&m, "/appended", bytes, APPENDED_BLOCKS * 1024);
    unmount_image(&m, image);

    m = mount_image(image);           /* /appended is read from the disk again */
    EXPECT_EQ_INT(0, unlink_path(&m, "/early"));   /* free room near the disk's start */
    struct inode *file = walk(&m, "/appended");
    REQUIRE(file, "expected /appended after a remount");
    EXPECT_EQ_INT(1024, m.ops->write(file, APPENDED_BLOCKS * 1024, bytes + APPENDED_BLOCKS * 1024, 1024));
    unmount_image(&m, image);
    expect_fsck_clean(image);
    expect_debugfs_cat(image, "/appended", bytes, (APPENDED_BLOCKS + 1) * 1024);
    uint32_t last = disk_block_of(image, "/appended", APPENDED_BLOCKS - 1);
    uint32_t appended = disk_block_of(image, "/appended", APPENDED_BLOCKS);
    EXPECT(last && appended == last + 1, "expected the appended block right after block %u, got block %u", last,
           appended);
    free(early);
    free(bytes);
    finish();
}

UNIT_TEST(rename_moves_names_and_unlink_frees_the_file)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024");
    struct mounted m = mount_image(image);
    create(&m, "/a", INODE_DIRECTORY);
    create(&m, "/b", INODE_DIRECTORY);
    write_file(&m, "/a/one", (const uint8_t *)"first", 5);
    write_file(&m, "/a/two", (const uint8_t *)"second", 6);
    write_file(&m, "/a/three", (const uint8_t *)"third", 5);
    EXPECT_EQ_INT(0, rename_path(&m, "/a/one", "/a/uno"));          /* same directory */
    EXPECT_EQ_INT(0, rename_path(&m, "/a/two", "/b/dos"));          /* across */
    EXPECT_EQ_INT(0, rename_path(&m, "/a/three", "/b/dos"));        /* over an existing file */
    EXPECT(!walk(&m, "/a/one") && !walk(&m, "/a/two") && !walk(&m, "/a/three"), "expected the old names gone");
    EXPECT(file_holds(&m, "/a/uno", (const uint8_t *)"first", 5), "expected /a/uno to hold \"first\"");
    EXPECT(file_holds(&m, "/b/dos", (const uint8_t *)"third", 5), "expected /b/dos to hold \"third\"");
    struct inode *uno = walk(&m, "/a/uno");
    EXPECT_EQ_INT(0, m.ops->link(walk(&m, "/b"), "hard", uno));
    EXPECT_EQ_INT(2, uno->links);
    EXPECT_EQ_INT(0, unlink_path(&m, "/a/uno"));
    EXPECT_EQ_INT(1, uno->links);
    EXPECT(file_holds(&m, "/b/hard", (const uint8_t *)"first", 5), "expected the other name to stay");

    create(&m, "/a/moved", INODE_DIRECTORY);
    write_file(&m, "/a/moved/inside", (const uint8_t *)"in", 2);
    EXPECT_EQ_INT(0, rename_path(&m, "/a/moved", "/b/moved"));      /* a directory across */
    EXPECT_EQ_INT(2, walk(&m, "/a")->links);
    EXPECT_EQ_INT(3, walk(&m, "/b")->links);
    EXPECT(walk(&m, "/b/moved")->parent == walk(&m, "/b"), "expected the moved directory's parent to follow");
    EXPECT(walk(&m, "/b/moved/..") == walk(&m, "/b"), "expected \"..\" to lead to /b");
    EXPECT_EQ_INT(0, rename_path(&m, "/b/moved", "/b/renamed"));    /* a directory in place */
    EXPECT(file_holds(&m, "/b/renamed/inside", (const uint8_t *)"in", 2), "expected the moved directory's file");
    unmount_image(&m, image);
    expect_fsck_clean(image);
    expect_debugfs_cat(image, "/b/dos", (const uint8_t *)"third", 5);
    expect_debugfs_cat(image, "/b/renamed/inside", (const uint8_t *)"in", 2);
    char output[4096];
    debugfs_output(image, "ls -l /a", output, sizeof output);
    EXPECT(!strstr(output, "uno") && !strstr(output, "one"), "expected /a to be empty, debugfs says:\n%s", output);
    finish();
}

UNIT_TEST(mkdir_counts_links_and_rmdir_takes_an_empty_directory)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024");
    struct mounted m = mount_image(image);
    unsigned root_links = m.root->links;
    struct inode *top = create(&m, "/top", INODE_DIRECTORY);
    EXPECT_EQ_INT(2, top->links);
    EXPECT_EQ_INT(root_links + 1, m.root->links);
    create(&m, "/top/mid", INODE_DIRECTORY);
    create(&m, "/top/mid/low", INODE_DIRECTORY);
    EXPECT_EQ_INT(3, top->links);
    EXPECT_EQ_INT(1, m.ops->is_empty(walk(&m, "/top/mid/low")));
    EXPECT_EQ_INT(0, m.ops->is_empty(walk(&m, "/top/mid")));
    EXPECT(walk(&m, "/top/mid/low/..") == walk(&m, "/top/mid"), "expected \"..\" of low to be mid");
    EXPECT_EQ_INT(0, unlink_path(&m, "/top/mid/low"));
    EXPECT_EQ_INT(1, m.ops->is_empty(walk(&m, "/top/mid")));
    EXPECT_EQ_INT(2, walk(&m, "/top/mid")->links);
    create(&m, "/top/fifo", INODE_FIFO);
    create(&m, "/top/socket", INODE_SOCKET);
    unmount_image(&m, image);
    expect_fsck_clean(image);
    char output[4096];
    debugfs_output(image, "ls -l /top", output, sizeof output);
    EXPECT(strstr(output, "mid") && strstr(output, "fifo") && !strstr(output, "low"),
           "expected debugfs to list mid and fifo in /top, got:\n%s", output);
    finish();
}

#define DIRECTORY_BLOCKS_MAX 64
#define NAME_LENGTHS 61               /* names of 1 to 61 bytes */
#define ENTRIES_MADE 120

/* How many entries of the directory at `path` in `image` cross a sector
 * (rule 5, kernel/fs/ext2/ext2_internal.h), its blocks found by debugfs
 * and read from the image; -1 if a block's entries do not chain. */
static int entries_crossing_a_sector(const char *image, const char *path, uint32_t block_size)
{
    struct fake_disk *disk = fake_disk_load(image);
    int crossing = 0;
    for (uint32_t file_block = 0; file_block < DIRECTORY_BLOCKS_MAX && crossing >= 0; file_block++) {
        uint32_t block = disk_block_of(image, path, file_block);
        if (!block)
            break;
        const uint8_t *data = disk->image + (size_t)block * block_size;
        for (uint32_t offset = 0; offset < block_size && crossing >= 0;) {
            const struct ext2_directory_entry *entry = (const struct ext2_directory_entry *)(data + offset);
            if (entry->rec_len < EXT2_DIRECTORY_ENTRY_HEADER || offset + entry->rec_len > block_size) {
                crossing = -1;
                break;
            }
            crossing += offset / SECTOR_SIZE != (offset + entry->rec_len - 1) / SECTOR_SIZE;
            offset += entry->rec_len;
        }
    }
    fake_disk_destroy(disk);
    return crossing;
}

/* A name of `length` bytes (1 to NAME_LENGTHS) ending in `number`. */
static void name_of_length(char *name, size_t size, uint32_t length, int number)
{
    char tail[16];
    int tail_length = snprintf(tail, sizeof tail, "%d", number);
    uint32_t head = length > (uint32_t)tail_length ? length - (uint32_t)tail_length : 0;
    snprintf(name, size, "%.*s%s", (int)head, "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", tail);
}

UNIT_TEST(entries_made_here_never_cross_a_sector_and_old_ones_that_do_still_work)
{
    start();
    const char *tree = in_workdir("tree");
    host_run("mkdir -p %s/legacy && cd %s/legacy && for i in $(seq 10 49); do echo $i > file-with-a-long-name-$i; done",
             tree, tree);
    const char *image = in_workdir("disk.img");
    char options[PATH_MAX_TEST];
    snprintf(options, sizeof options, "-b 1024 -d %s", tree);
    make_image(image, options);
    REQUIRE(entries_crossing_a_sector(image, "/legacy", 1024) > 0,
            "expected mke2fs to make entries that cross a sector in /legacy");

    struct mounted m = mount_image(image);
    create(&m, "/ours", INODE_DIRECTORY);
    char path[PATH_MAX_TEST], other[PATH_MAX_TEST], name[NAME_LENGTHS + 16];
    for (int i = 0; i < ENTRIES_MADE; i++) {
        name_of_length(name, sizeof name, 1 + (uint32_t)(i * 7) % NAME_LENGTHS, i);
        snprintf(path, sizeof path, "/ours/%s", name);
        create(&m, path, i % 10 == 0 ? INODE_DIRECTORY : INODE_REGULAR);
        if (i % 3 == 1) {
            REQUIRE(unlink_path(&m, path) == 0, "expected to remove %s", path);
        } else if (i % 5 == 2) {
            name_of_length(name, sizeof name, 1 + (uint32_t)(i * 11) % NAME_LENGTHS, i);
            snprintf(other, sizeof other, "/ours/%s", name);
            REQUIRE(rename_path(&m, path, other) == 0, "expected to rename %s", path);
        }
    }
    for (int i = 10; i < 50; i++) {   /* the old entries: renamed, removed, and new ones among them */
        snprintf(path, sizeof path, "/legacy/file-with-a-long-name-%d", i);
        snprintf(other, sizeof other, i % 2 ? "/legacy/short-%d" : "/legacy/a-much-longer-name-than-before-%d", i);
        if (i % 4 < 2)
            REQUIRE(rename_path(&m, path, other) == 0, "expected to rename %s", path);
        else if (i % 4 == 2)
            REQUIRE(unlink_path(&m, path) == 0, "expected to remove %s", path);
        snprintf(path, sizeof path, "/legacy/new-%d", i);
        create(&m, path, INODE_REGULAR);
    }
    EXPECT(file_holds(&m, "/legacy/file-with-a-long-name-15", (const uint8_t *)"15\n", 3) &&
               file_holds(&m, "/legacy/short-13", (const uint8_t *)"13\n", 3) &&
               file_holds(&m, "/legacy/a-much-longer-name-than-before-12", (const uint8_t *)"12\n", 3),
           "expected the old files under their old and new names");
    unmount_image(&m, image);
    expect_fsck_clean(image);
    EXPECT_EQ_INT(0, entries_crossing_a_sector(image, "/ours", 1024));
    struct listing *listing = malloc(sizeof *listing);
    m = mount_image(image);
    list_directory(&m, walk(&m, "/legacy"), listing, 0);
    EXPECT_EQ_INT(30 + 40, listing->count);
    list_directory(&m, walk(&m, "/ours"), listing, 0);
    EXPECT_EQ_INT(ENTRIES_MADE - ENTRIES_MADE / 3, listing->count);
    unmount_image(&m, image);
    free(listing);
    finish();
}

UNIT_TEST(directory_with_500_entries_lists_each_exactly_once)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024");
    struct mounted m = mount_image(image);
    struct inode *many = create(&m, "/many", INODE_DIRECTORY);
    char path[PATH_MAX_TEST], name[NAME_MAX_LENGTH + 1];
    for (int i = 0; i < ENTRIES_IN_BIG_DIRECTORY; i++) {
        snprintf(path, sizeof path, "/many/entry-number-%04d", i);
        create(&m, path, i % 50 == 0 ? INODE_DIRECTORY : INODE_REGULAR);
    }
    struct listing *listing = malloc(sizeof *listing);
    list_directory(&m, many, listing, 7);   /* seven per call: positions carry on */
    EXPECT_EQ_INT(ENTRIES_IN_BIG_DIRECTORY, listing->count);
    int each_once = 1;
    for (int i = 0; i < ENTRIES_IN_BIG_DIRECTORY; i++) {
        snprintf(name, sizeof name, "entry-number-%04d", i);
        each_once &= listing_has(listing, name) == 1;
    }
    EXPECT(each_once, "expected every one of the 500 names exactly once");
    for (int i = 0; i < ENTRIES_IN_BIG_DIRECTORY; i += 2) {
        snprintf(path, sizeof path, "/many/entry-number-%04d", i);
        EXPECT_EQ_INT(0, unlink_path(&m, path));
    }
    list_directory(&m, many, listing, 0);
    EXPECT_EQ_INT(ENTRIES_IN_BIG_DIRECTORY / 2, listing->count);
    EXPECT(listing_has(listing, "entry-number-0001") && !listing_has(listing, "entry-number-0000"),
           "expected the odd names to stay and the even ones to go");
    unmount_image(&m, image);
    expect_fsck_clean(image);
    char *output = malloc(1 << 16);
    debugfs_output(image, "ls /many", output, 1 << 16);
    int listed = 0;
    for (char *at = output; (at = strstr(at, "entry-number-")); at++)
        listed++;
    EXPECT_EQ_INT(ENTRIES_IN_BIG_DIRECTORY / 2, listed);
    free(output);
    free(listing);
    finish();
}

UNIT_TEST(four_mib_file_written_in_odd_chunks_reads_back_exactly)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024");
    struct mounted m = mount_image(image);
    uint8_t *bytes = pattern_bytes(42, BIG_FILE_SIZE);
    write_file(&m, "/four-mib", bytes, BIG_FILE_SIZE);
    EXPECT(file_holds(&m, "/four-mib", bytes, BIG_FILE_SIZE), "expected the 4 MiB to read back before unmount");
    unmount_image(&m, image);
    expect_fsck_clean(image);
    expect_debugfs_cat(image, "/four-mib", bytes, BIG_FILE_SIZE);
    m = mount_image(image);
    EXPECT(file_holds(&m, "/four-mib", bytes, BIG_FILE_SIZE), "expected the 4 MiB to read back after a remount");
    unmount_image(&m, image);
    free(bytes);
    finish();
}

UNIT_TEST(sparse_file_holes_read_as_zeros_and_take_no_blocks)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024");
    struct mounted m = mount_image(image);
    struct kernel_statfs before = { 0 }, after = { 0 };
    m.fs->operations->statfs(m.fs, &before);
    struct inode *file = create(&m, "/sparse", INODE_REGULAR);
    EXPECT_EQ_INT(4, m.ops->write(file, 0, "head", 4));
    EXPECT_EQ_INT(4, m.ops->write(file, 3u << 20, "tail", 4));
    EXPECT_EQ_INT((3u << 20) + 4, file->size);
    uint8_t middle[5000];
    memset(middle, 0xAA, sizeof middle);
    EXPECT_EQ_INT((int)sizeof middle, m.ops->read(file, 1u << 20, middle, sizeof middle, 0));
    int zeros = 1;
    for (size_t i = 0; i < sizeof middle; i++)
        zeros &= middle[i] == 0;
    EXPECT(zeros, "expected the hole to read as zeros");
    m.fs->operations->statfs(m.fs, &after);
    EXPECT(before.f_bfree - after.f_bfree <= 5, "expected a few blocks for a sparse file, it took %u",
           before.f_bfree - after.f_bfree);
    unmount_image(&m, image);
    expect_fsck_clean(image);
    finish();
}

UNIT_TEST(file_grows_to_2_gib_minus_1_and_no_further)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024");
    struct mounted m = mount_image(image);
    struct inode *file = create(&m, "/huge", INODE_REGULAR);
    EXPECT_EQ_INT(10, m.ops->write(file, FILE_SIZE_LIMIT - 10, "0123456789abcdef", 16));   /* short */
    EXPECT_EQ_INT(FILE_SIZE_LIMIT, file->size);
    EXPECT_EQ_INT(-EFBIG, m.ops->write(file, FILE_SIZE_LIMIT, "x", 1));
    EXPECT_EQ_INT(-EFBIG, m.ops->truncate(file, FILE_SIZE_LIMIT + 1u));
    char text[16] = { 0 };
    EXPECT_EQ_INT(10, m.ops->read(file, FILE_SIZE_LIMIT - 10, text, sizeof text, 0));
    EXPECT_EQ_STR("0123456789", text);
    unmount_image(&m, image);
    expect_fsck_clean(image);
    m = mount_image(image);
    EXPECT_EQ_INT(0, unlink_path(&m, "/huge"));   /* frees the triple indirect blocks */
    unmount_image(&m, image);
    expect_fsck_clean(image);
    finish();
}

/* Writes into `path` until the disk refuses: the bytes written. */
static uint32_t fill_file(struct mounted *m, const char *path, int *last_status)
{
    struct inode *file = walk(m, path) ? walk(m, path) : create(m, path, INODE_REGULAR);
    uint8_t chunk[8192];
    memset(chunk, 'f', sizeof chunk);
    uint32_t total = 0;
    for (;;) {
        int written = m->ops->write(file, file->size, chunk, sizeof chunk);
        if (written <= 0) {
            *last_status = written;
            return total;
        }
        total += (uint32_t)written;
    }
}

UNIT_TEST(filling_the_disk_gives_enospc_keeps_root_reserve_and_a_clean_image)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024");
    struct mounted m = mount_image(image);
    struct kernel_statfs st = { 0 };
    host_caller_is_root = 0;
    int status = 0;
    uint32_t user_bytes = fill_file(&m, "/user-fill", &status);
    EXPECT_EQ_INT(-ENOSPC, status);
    m.fs->operations->statfs(m.fs, &st);
    EXPECT_EQ_INT(0, st.f_bavail);
    EXPECT(st.f_bfree > 0, "expected the reserved blocks left for root");
    host_caller_is_root = 1;
    uint32_t root_bytes = fill_file(&m, "/root-fill", &status);
    EXPECT_EQ_INT(-ENOSPC, status);
    EXPECT(user_bytes > (6u << 20) && root_bytes > 0, "expected users to fill most, root the rest: %u and %u",
           user_bytes, root_bytes);
    m.fs->operations->statfs(m.fs, &st);
    EXPECT_EQ_INT(0, st.f_bfree);
    struct inode *more = 0;
    EXPECT_EQ_INT(-ENOSPC, m.ops->create(m.root, "another-dir", INODE_DIRECTORY, 0755, 0, 0, &more));
    unmount_image(&m, image);
    expect_fsck_clean(image);

    m = mount_image(image);
    EXPECT_EQ_INT(0, unlink_path(&m, "/user-fill"));
    EXPECT_EQ_INT(0, unlink_path(&m, "/root-fill"));
    unmount_image(&m, image);
    expect_fsck_clean(image);
    finish();
}

UNIT_TEST(filling_the_inodes_gives_enospc)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024 -N 64");
    struct mounted m = mount_image(image);
    struct kernel_statfs st = { 0 };
    m.fs->operations->statfs(m.fs, &st);
    int created = 0, status = 0;
    while (status == 0 && created < 10000) {
        char name[32];
        snprintf(name, sizeof name, "file-%d", created);
        struct inode *inode;
        status = m.ops->create(m.root, name, INODE_REGULAR, 0644, 0, 0, &inode);
        created += status == 0;
    }
    EXPECT_EQ_INT(-ENOSPC, status);
    EXPECT_EQ_INT(st.f_ffree, created);
    unmount_image(&m, image);
    expect_fsck_clean(image);
    finish();
}

UNIT_TEST(four_kib_blocks_work_the_same)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 4096");
    struct mounted m = mount_image(image);
    uint8_t *bytes = pattern_bytes(3, 5000000);   /* past the single indirect block */
    create(&m, "/dir", INODE_DIRECTORY);
    write_file(&m, "/dir/file", bytes, 5000000);
    char path[64];
    for (int i = 0; i < 200; i++) {
        snprintf(path, sizeof path, "/dir/name-%d", i);
        create(&m, path, INODE_REGULAR);
    }
    EXPECT_EQ_INT(0, rename_path(&m, "/dir/name-5", "/moved"));
    EXPECT_EQ_INT(0, m.ops->truncate(walk(&m, "/dir/file"), 70000));
    unmount_image(&m, image);
    expect_fsck_clean(image);
    expect_debugfs_cat(image, "/dir/file", bytes, 70000);
    free(bytes);
    finish();
}

UNIT_TEST(file_written_by_debugfs_reads_back_and_can_be_replaced)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024");
    const char *host_file = in_workdir("host.bin");
    uint8_t *bytes = pattern_bytes(11, 123457);
    FILE *file = fopen(host_file, "wb");
    REQUIRE(file && fwrite(bytes, 1, 123457, file) == 123457, "expected to write %s", host_file);
    fclose(file);
    EXPECT_EQ_INT(0, host_run("debugfs -w -R 'write %s from-host' %s >/dev/null 2>&1", host_file, image));
    struct mounted m = mount_image(image);
    EXPECT(file_holds(&m, "/from-host", bytes, 123457), "expected the file debugfs wrote, byte for byte");
    EXPECT_EQ_INT(0, m.ops->truncate(walk(&m, "/from-host"), 0));
    write_file(&m, "/from-host", (const uint8_t *)"replaced", 8);
    unmount_image(&m, image);
    expect_fsck_clean(image);
    expect_debugfs_cat(image, "/from-host", (const uint8_t *)"replaced", 8);
    free(bytes);
    finish();
}

UNIT_TEST(symlinks_short_in_the_inode_long_in_a_block)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024");
    struct mounted m = mount_image(image);
    const char *shorter = "a/short/target";
    char longer[200];
    memset(longer, 'L', sizeof longer - 1);
    longer[sizeof longer - 1] = 0;
    struct inode *fast, *slow;
    EXPECT_EQ_INT(0, m.ops->symlink(m.root, "fast", shorter, 0, 0, &fast));
    EXPECT_EQ_INT(0, m.ops->symlink(m.root, "slow", longer, 0, 0, &slow));
    char target[256] = { 0 };
    EXPECT_EQ_INT((int)strlen(shorter), m.ops->readlink(fast, target, sizeof target));
    EXPECT_EQ_STR(shorter, target);
    memset(target, 0, sizeof target);
    EXPECT_EQ_INT((int)strlen(longer), m.ops->readlink(slow, target, sizeof target));
    EXPECT_EQ_STR(longer, target);
    unmount_image(&m, image);
    expect_fsck_clean(image);
    char output[4096];
    debugfs_output(image, "stat /fast", output, sizeof output);
    EXPECT(strstr(output, "Fast link dest: \"a/short/target\""), "expected debugfs to see a fast link:\n%s", output);
    m = mount_image(image);
    EXPECT_EQ_INT(0, unlink_path(&m, "/slow"));
    EXPECT_EQ_INT(0, unlink_path(&m, "/fast"));
    unmount_image(&m, image);
    expect_fsck_clean(image);
    finish();
}

UNIT_TEST(changing_a_hashed_directory_clears_its_index_flag)
{
    start();
    const char *tree = in_workdir("tree");
    host_run("mkdir -p %s/hashed && cd %s/hashed && for i in $(seq 1 300); do : > file-with-a-long-name-$i; done",
             tree, tree);
    const char *image = in_workdir("disk.img");
    char options[PATH_MAX_TEST];
    snprintf(options, sizeof options, "-b 1024 -d %s", tree);
    make_image(image, options);
    host_run("e2fsck -fyD %s >/dev/null 2>&1", image);   /* index the big directory */
    char output[4096];
    debugfs_output(image, "stat /hashed", output, sizeof output);
    REQUIRE(strstr(output, "Flags: 0x1000"), "expected e2fsck -D to index /hashed:\n%s", output);
    struct mounted m = mount_image(image);
    EXPECT(walk(&m, "/hashed/file-with-a-long-name-150"), "expected a lookup in the hashed directory to work");
    create(&m, "/hashed/added", INODE_REGULAR);
    EXPECT_EQ_INT(0, unlink_path(&m, "/hashed/file-with-a-long-name-7"));
    unmount_image(&m, image);
    expect_fsck_clean(image);
    debugfs_output(image, "stat /hashed", output, sizeof output);
    EXPECT(strstr(output, "Flags: 0x0"), "expected the index flag cleared:\n%s", output);
    finish();
}

UNIT_TEST(unlinked_open_file_stays_readable_until_evicted)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024");
    struct mounted m = mount_image(image);
    uint8_t *bytes = pattern_bytes(5, 50000);
    write_file(&m, "/open", bytes, 50000);
    struct inode *file = walk(&m, "/open");
    file->open_count = 1;             /* as an open descriptor holds it */
    EXPECT_EQ_INT(0, unlink_path(&m, "/open"));
    EXPECT_EQ_INT(0, file->links);
    uint8_t *read_back = malloc(50000);
    EXPECT_EQ_INT(50000, m.ops->read(file, 0, read_back, 50000, 0));
    EXPECT(!memcmp(read_back, bytes, 50000), "expected the unlinked file's bytes while open");
    file->open_count = 0;             /* the last close: the VFS evicts it */
    m.ops->evict(file);
    unmount_image(&m, image);
    expect_fsck_clean(image);
    free(read_back);
    free(bytes);
    finish();
}

UNIT_TEST(unclean_disk_is_reported_and_still_mounts)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024");
    struct mounted m = mount_image(image);
    EXPECT_EQ_STR("", host_last_kprintf);
    fake_disk_save(m.disk, image);    /* the power goes while it is mounted */
    m = mount_image(image);
    EXPECT_EQ_STR("ext2: hda was not cleanly unmounted; run e2fsck\n", host_last_kprintf);
    finish();
}

UNIT_TEST(unknown_features_refuse_the_mount_or_make_it_read_only)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024");
    host_run("cp %s %s", image, in_workdir("ro.img"));
    host_run("debugfs -w -R 'feature extent' %s >/dev/null 2>&1", image);
    struct fake_disk *disk = fake_disk_load(image);
    struct file_system *fs = 0;
    EXPECT_EQ_INT(-EINVAL, ext2_mount(&disk->device, 0, &fs));
    EXPECT_EQ_INT(0, host_live_inodes());
    fake_disk_destroy(disk);

    const char *read_only = in_workdir("ro.img");
    host_run("debugfs -w -R 'feature dir_nlink' %s >/dev/null 2>&1", read_only);
    struct mounted m = mount_image(read_only);
    EXPECT(m.fs->flags & MS_RDONLY, "expected an unknown read-only-compatible feature to mount read-only");
    struct inode *inode = 0;
    EXPECT_EQ_INT(-EROFS, m.ops->create(m.root, "nope", INODE_REGULAR, 0644, 0, 0, &inode));
    unmount_image(&m, read_only);
    finish();
}

/* ---------------------------------------------------------- crash tests */

#define STORM_FILES 24
#define LONG_NAME "a-long-name-that-fills-the-sectors"
#define MAX_CUTS 1200                /* past it, every n-th write is cut after */
#define STORM_PATH 96                 /* the storm's longest path, and more */

struct synced_file {
    char path[STORM_PATH];
    uint32_t seed, size;
    size_t durable_after;             /* writes in the log when its fsync returned */
};

/* Creates, writes, fsyncs, renames, unlinks and makes directories; fills
 * `synced` with the files fsynced (never touched again). */
static int work_storm(struct mounted *m, struct fake_disk *disk, struct synced_file *synced)
{
    int synced_count = 0;
    char path[STORM_PATH], other[STORM_PATH];
    struct inode *open_file = 0;
    create(m, "/d1", INODE_DIRECTORY);
    create(m, "/d2", INODE_DIRECTORY);
    create(m, "/d1/sub", INODE_DIRECTORY);
    for (int i = 0; i < STORM_FILES; i++) {
        snprintf(path, sizeof path, "/d1/file-%d", i);
        uint32_t size = i % 5 == 4 || i % 6 == 5 ? 150000 + 1000 * (uint32_t)i : 700 * (uint32_t)i + 1;
        uint8_t *bytes = pattern_bytes(i, size);
        write_file(m, path, bytes, size);
        free(bytes);
        if (i % 3 == 0) {
            struct inode *file = walk(m, path);
            REQUIRE(m->ops->fsync(file) == 0, "expected fsync to succeed");
            struct synced_file *s = &synced[synced_count++];
            snprintf(s->path, sizeof s->path, "%s", path);
            s->seed = (uint32_t)i;
            s->size = size;
            s->durable_after = disk->log_length;
        } else if (i % 3 == 1) {
            snprintf(other, sizeof other, i % 2 ? "/d2/moved-%d" : "/d1/renamed-%d", i);
            REQUIRE(rename_path(m, path, other) == 0, "expected to rename %s", path);
        } else if (i % 6 == 2) {
            REQUIRE(unlink_path(m, path) == 0, "expected to unlink %s", path);
        } else {
            REQUIRE(m->ops->truncate(walk(m, path), 100) == 0, "expected to truncate %s", path);
        }
        if (i % 4 == 0) {
            snprintf(path, sizeof path, "/d2/dir-%d", i);
            create(m, path, INODE_DIRECTORY);
            snprintf(other, sizeof other, "/d2/dir-%d/x", i);
            write_file(m, other, (const uint8_t *)"x", 1);
        }
        if (i % 8 == 4) {
            snprintf(path, sizeof path, "/d2/dir-%d/x", i - 4);
            REQUIRE(unlink_path(m, path) == 0, "expected to unlink %s", path);
            snprintf(path, sizeof path, "/d2/dir-%d", i - 4);
            REQUIRE(unlink_path(m, path) == 0, "expected to rmdir %s", path);
        }
        /* names long enough to fill /d1 past its first sector and block,
         * made, renamed shorter and longer, and removed */
        snprintf(path, sizeof path, "/d1/%s-%d", LONG_NAME, i);
        create(m, path, INODE_REGULAR);
        if (i % 3 == 1) {
            if (i % 2)
                snprintf(other, sizeof other, "/d1/short-%d", i);
            else
                snprintf(other, sizeof other, "/d1/%s-%d-and-a-longer-tail", LONG_NAME, i);
            REQUIRE(rename_path(m, path, other) == 0, "expected to rename %s", path);
        } else if (i % 3 == 2) {
            snprintf(path, sizeof path, "/d1/%s-%d", LONG_NAME, i - 2);
            REQUIRE(unlink_path(m, path) == 0, "expected to unlink %s", path);
        }
        if (i == 11) {                /* an open file unlinked: it goes at its last close */
            open_file = walk(m, "/d1/renamed-10");
            REQUIRE(open_file, "expected /d1/renamed-10");
            open_file->open_count = 1;
            REQUIRE(unlink_path(m, "/d1/renamed-10") == 0, "expected to unlink an open file");
        }
        if (i == 17) {
            open_file->open_count = 0;
            m->ops->evict(open_file);
        }
        if (i == 13) {
            create(m, "/d2/empty", INODE_DIRECTORY);
            REQUIRE(rename_path(m, "/d2/dir-12", "/d2/empty") == 0, "expected a directory over an empty one");
        }
        if (i == 10) {
            REQUIRE(rename_path(m, "/d2/moved-7", "/d1/renamed-4") == 0, "expected a rename over a file");
            REQUIRE(rename_path(m, "/d2/dir-4", "/d2/dir-four") == 0, "expected a directory renamed in place");
            struct inode *link;
            REQUIRE(m->ops->symlink(m->root, "link", "/d1/file-0", 0, 0, &link) == 0, "expected a symlink");
        }
        if (i % 7 == 6)
            block_cache_write_old(UINT64_MAX / 2);   /* the flusher's round */
    }
    return synced_count;
}

/* Mounts the repaired image with our own code: each file fsynced before
 * the cut must hold its bytes. Returns how many did not. */
static int count_lost_synced_files(const char *image, const struct synced_file *synced, int count, size_t cut)
{
    struct mounted m = mount_image(image);
    int lost = 0;
    for (int i = 0; i < count; i++) {
        if (synced[i].durable_after > cut)
            continue;
        uint8_t *bytes = pattern_bytes(synced[i].seed, synced[i].size);
        if (!file_holds(&m, synced[i].path, bytes, synced[i].size)) {
            fprintf(stderr, "  cut after write %zu: %s lost\n", cut, synced[i].path);
            lost++;
        }
        free(bytes);
    }
    EXPECT_EQ_INT(0, m.fs->operations->unmount(m.fs));
    fake_disk_destroy(m.disk);
    return lost;
}

/* The storm, logged, on a fresh image of `block_size` bytes a block. */
struct storm {
    struct fake_disk *base;           /* the image before any write */
    struct mounted m;                 /* unmounted after the storm; m.disk->log holds its writes */
    struct synced_file synced[STORM_FILES];
    int synced_count;
    uint32_t inodes;                  /* the disk's inode count */
    size_t total;                     /* writes logged */
};

static void run_storm(struct storm *storm, const char *block_size_option)
{
    const char *image = in_workdir("disk.img");
    make_image(image, block_size_option);
    storm->base = fake_disk_load(image);
    storm->m = mount_image(image);
    struct kernel_statfs st = { 0 };
    storm->m.fs->operations->statfs(storm->m.fs, &st);
    storm->inodes = st.f_files;
    storm->m.disk->logging = 1;
    storm->synced_count = work_storm(&storm->m, storm->m.disk, storm->synced);
    EXPECT_EQ_INT(0, storm->m.fs->operations->unmount(storm->m.fs));
    storm->total = storm->m.disk->log_length;
    fprintf(stderr, "  the storm made %zu writes\n", storm->total);
    REQUIRE(storm->total > 100, "expected a storm of writes, got %zu", storm->total);
}

static void end_storm(struct storm *storm)
{
    fake_disk_destroy(storm->m.disk);
    fake_disk_destroy(storm->base);
}

/* Runs e2fsck -fp on the image of a cut (`what` says where it fell):
 * 1 if it repaired it alone (exit 0 or 1), else 0, its log on stderr. */
static int e2fsck_p_repairs(const char *cut_image, const char *what)
{
    char log_path[PATH_SIZE];
    const char *log = helper_path(log_path, "cut.log");
    int status = host_run("e2fsck -fp %s >%s 2>&1", cut_image, log);
    if (status == 0 || status == 1)
        return 1;
    EXPECT(0, "expected e2fsck -fp to repair the cut %s, exit %d (see stderr)", what, status);
    host_run("cat %s >&2", log);
    return 0;
}

UNIT_TEST(crash_at_any_write_leaves_an_image_that_e2fsck_p_repairs)
{
    start();
    struct storm storm;
    run_storm(&storm, "-b 1024");
    size_t step = storm.total / MAX_CUTS + 1;
    int refused = 0, lost = 0, cuts = 0;
    const char *cut_image = in_workdir("cut.img");
    char what[64];
    for (size_t cut = 0; cut <= storm.total && refused < 3; cut += step) {
        fake_disk_save_cut(storm.base->image, storm.base->size, storm.m.disk->log, cut, cut_image);
        cuts++;
        snprintf(what, sizeof what, "after write %zu of %zu", cut, storm.total);
        if (!e2fsck_p_repairs(cut_image, what)) {
            refused++;
            continue;
        }
        lost += count_lost_synced_files(cut_image, storm.synced, storm.synced_count, cut);
    }
    EXPECT_EQ_INT(0, lost);
    fprintf(stderr, "  %d cuts checked\n", cuts);
    end_storm(&storm);
    finish();
}

/* Does a logged write look like a directory block of a disk of `inodes`
 * inodes: entries whose rec_len lead from its start to exactly its end?
 * Nothing else the storm writes chains so: file data (pattern bytes) and
 * zeroed blocks do not, and an inode table block's first "entry" names an
 * inode (i_mode and i_uid) past the last one, or has rec_len 0. */
static int looks_like_directory_block(const struct disk_write *write, uint32_t inodes)
{
    uint32_t size = write->count * SECTOR_SIZE, offset = 0;
    while (offset + EXT2_DIRECTORY_ENTRY_HEADER <= size) {
        const struct ext2_directory_entry *entry = (const struct ext2_directory_entry *)(write->bytes + offset);
        if (entry->rec_len < EXT2_DIRECTORY_ENTRY_SIZE(entry->name_len) ||
            entry->rec_len % EXT2_DIRECTORY_ENTRY_ALIGN || entry->inode > inodes)
            return 0;
        offset += entry->rec_len;
    }
    return offset == size;
}

/* Rule 5 (kernel/fs/ext2/ext2_internal.h): the drive writes a block
 * sector by sector, and a cut may fall between two. Every write of a
 * directory block is cut after each of its sectors but the last: the
 * sectors before the cut new, the rest as the disk held them. */
static void expect_torn_directory_writes_repaired(const char *block_size_option)
{
    start();
    struct storm storm;
    run_storm(&storm, block_size_option);
    int refused = 0, lost = 0, cuts = 0, directory_writes = 0;
    const char *cut_image = in_workdir("cut.img");
    char what[96];
    for (size_t write = 0; write < storm.total && refused < 3; write++) {
        const struct disk_write *logged = &storm.m.disk->log[write];
        if (logged->count < 2 || !looks_like_directory_block(logged, storm.inodes))
            continue;
        directory_writes++;
        for (uint32_t sectors = 1; sectors < logged->count && refused < 3; sectors++) {
            fake_disk_save_torn_cut(storm.base->image, storm.base->size, storm.m.disk->log, write, sectors,
                                    cut_image);
            cuts++;
            snprintf(what, sizeof what, "after sector %u of %u of write %zu (a directory block)", sectors,
                     logged->count, write);
            if (!e2fsck_p_repairs(cut_image, what)) {
                refused++;
                continue;
            }
            lost += count_lost_synced_files(cut_image, storm.synced, storm.synced_count, write);
        }
    }
    EXPECT_EQ_INT(0, lost);
    EXPECT(directory_writes > 50, "expected the storm to write many directory blocks, found %d", directory_writes);
    fprintf(stderr, "  %d directory block writes, %d cuts inside them checked\n", directory_writes, cuts);
    end_storm(&storm);
    finish();
}

UNIT_TEST(crash_between_the_sectors_of_a_directory_block_leaves_an_image_that_e2fsck_p_repairs)
{
    expect_torn_directory_writes_repaired("-b 1024");
}

UNIT_TEST(crash_between_the_sectors_of_a_four_kib_directory_block_leaves_an_image_that_e2fsck_p_repairs)
{
    expect_torn_directory_writes_repaired("-b 4096");
}

/* The one change ordered writes cannot make safe: a directory moving to
 * another parent rewrites three blocks (the new entry, the old one, its
 * ".."), and a cut between them leaves a directory named twice or with a
 * wrong "..", which e2fsck -p will not fix alone. e2fsck -fy does, and
 * nothing inside is lost. */
UNIT_TEST(directory_moved_between_parents_survives_a_crash_with_a_full_e2fsck)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024");
    struct mounted m = mount_image(image);
    create(&m, "/from", INODE_DIRECTORY);
    create(&m, "/to", INODE_DIRECTORY);
    create(&m, "/from/moving", INODE_DIRECTORY);
    write_file(&m, "/from/moving/kept", (const uint8_t *)"kept", 4);
    EXPECT_EQ_INT(0, m.fs->operations->sync(m.fs));
    unmount_image(&m, image);
    struct fake_disk *base = fake_disk_load(image);
    m = mount_image(image);
    m.disk->logging = 1;
    EXPECT_EQ_INT(0, rename_path(&m, "/from/moving", "/to/moving"));
    EXPECT_EQ_INT(0, m.fs->operations->unmount(m.fs));
    const char *cut_image = in_workdir("cut.img");
    int lost = 0;
    for (size_t cut = 0; cut <= m.disk->log_length; cut++) {
        fake_disk_save_cut(base->image, base->size, m.disk->log, cut, cut_image);
        int status = host_run("e2fsck -fy %s >/dev/null 2>&1", cut_image);
        EXPECT(status == 0 || status == 1, "expected e2fsck -fy to repair the cut after write %zu, exit %d", cut,
               status);
        struct mounted after = mount_image(cut_image);
        int found = file_holds(&after, "/from/moving/kept", (const uint8_t *)"kept", 4) +
                    file_holds(&after, "/to/moving/kept", (const uint8_t *)"kept", 4);
        lost += found != 1;
        EXPECT_EQ_INT(0, after.fs->operations->unmount(after.fs));
        fake_disk_destroy(after.disk);
    }
    EXPECT_EQ_INT(0, lost);
    fake_disk_destroy(m.disk);
    fake_disk_destroy(base);
    finish();
}

UNIT_TEST(revision_0_disk_without_file_types_works)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024 -r 0");
    struct mounted m = mount_image(image);
    create(&m, "/dir", INODE_DIRECTORY);
    write_file(&m, "/dir/file", (const uint8_t *)"old", 3);
    struct listing listing;
    list_directory(&m, m.root, &listing, 0);
    int dir_seen = 0;
    for (int i = 0; i < listing.count; i++)
        dir_seen |= !strcmp(listing.names[i], "dir") && listing.types[i] == INODE_DIRECTORY;
    EXPECT(dir_seen, "expected readdir to give /dir as a directory, read from its inode");
    unmount_image(&m, image);
    expect_fsck_clean(image);
    expect_debugfs_cat(image, "/dir/file", (const uint8_t *)"old", 3);
    finish();
}

UNIT_TEST(owner_ids_above_65535_and_permissions_are_stored)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024");
    struct mounted m = mount_image(image);
    struct inode *file = create(&m, "/owned", INODE_REGULAR);
    file->uid = 70000;
    file->gid = 80001;
    file->permissions = 04711;
    EXPECT_EQ_INT(0, m.ops->changed(file));
    unmount_image(&m, image);
    expect_fsck_clean(image);
    char output[4096];
    debugfs_output(image, "stat /owned", output, sizeof output);
    EXPECT(strstr(output, "User: 70000") && strstr(output, "Group: 80001") && strstr(output, "Mode:  04711"),
           "expected debugfs to see uid 70000, gid 80001, mode 04711:\n%s", output);
    m = mount_image(image);
    file = walk(&m, "/owned");
    EXPECT(file && file->uid == 70000 && file->gid == 80001 && file->permissions == 04711,
           "expected the ids and mode read back");
    unmount_image(&m, image);
    finish();
}

UNIT_TEST(device_files_made_on_the_host_are_devices_without_a_driver)
{
    start();
    const char *image = in_workdir("disk.img");
    make_image(image, "-b 1024");
    host_run("debugfs -w -f - %s >/dev/null 2>&1 <<'EOF'\nmknod null c 1 3\nmknod disk b 3 0\nEOF", image);
    struct mounted m = mount_image(image);
    struct inode *null = walk(&m, "/null");
    struct inode *disk = walk(&m, "/disk");
    REQUIRE(null && disk, "expected the device files debugfs made");
    EXPECT(null->type == INODE_DEVICE && disk->type == INODE_DEVICE && !null->device_open && !disk->device_open,
           "expected devices with no way to open them (the VFS answers ENXIO)");
    EXPECT_EQ_INT(0, unlink_path(&m, "/null"));   /* its i_block holds a device number, not blocks */
    unmount_image(&m, image);
    expect_fsck_clean(image);
    finish();
}

