/* tests/unit/test_ext2_corrupt.c - no byte of a disk image stops the
 * kernel: ext2 (kernel/fs/ext2/) mounts thousands of damaged images and
 * works on each as a user would, and must neither crash, nor trip an
 * ASSERT or a sanitizer, nor loop, nor send the driver a block past the
 * disk's end (ext2_host.c checks every request). A damaged image gives
 * -EINVAL at mount or -EIO later, and ext2 says so in a few log lines.
 *
 * Each test makes one realistic image by mke2fs -d (files, a nested
 * directory, a 300 KiB file with indirect blocks, symlinks, a FIFO) and
 * reads where its metadata lies (superblock, descriptors, bitmaps, inode
 * table, directory and indirect blocks). The first tests damage it in one
 * chosen way each and check the answer; the fuzz tests run rounds, each
 * mostly with one kind of damage, some with any. Each round copies
 * it, damages it with a seeded generator, mounts it, walks the tree
 * (lookup, readdir, read, readlink), creates, writes, renames, links,
 * truncates and removes, syncs and unmounts. Each round runs in a child
 * process with a CPU-time limit: a crash, a sanitizer's report or a loop
 * fails the test and prints the round's seed.
 *
 * Replay one round in this process (for a debugger):
 *     EXT2_FUZZ_SEED=n build/unit/test_ext2_corrupt <test name>
 * EXT2_FUZZ_ROUNDS=n changes the rounds per test, EXT2_FUZZ_SEED_BASE=n
 * moves every test's seeds by n (for long searches). */
// unit-sources: kernel/fs/ext2/ext2_super.c kernel/fs/ext2/ext2_alloc.c kernel/fs/ext2/ext2_inode.c kernel/fs/ext2/ext2_block_map.c kernel/fs/ext2/ext2_file.c kernel/fs/ext2/ext2_dir.c kernel/fs/ext2/ext2_dir_write.c kernel/fs/ext2/ext2_namei.c kernel/fs/block_cache.c kernel/fs/block_writeback.c tests/unit/ext2_host.c
#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#include "ext2_host.h"
#include "kernel/fs/block_cache.h"
#include "kernel/fs/ext2/ext2_internal.h"
#include "kernel/fs/inode.h"
#include "kernel/fs/mount.h"
#include "kernel/uapi/errno.h"
#include "kernel/uapi/mount.h"
#include "unit.h"

#define IMAGE_SIZE "2M"
#define ROUNDS_PER_TEST 350            /* images per kind of damage: 2800 in all */
#define FOUR_GROUPS 512                /* blocks per group: a 2 MiB disk of 1 KiB blocks in 4 groups */
#define ROUND_CPU_SECONDS 1            /* more is a loop: a finding */
#define FAILED_SEEDS_SHOWN 10
#define LIST_MAX 4096                  /* blocks of one kind the layout keeps */
#define GROUPS_MAX 16                  /* groups of the base image (one, at 2 MiB) */
#define PATH_MAX_TEST 512
#define NAMES_PER_DIRECTORY 24
#define WALK_DEPTH_MAX 6
#define WALK_NODES_MAX 200             /* lookups in one walk */
#define FILES_KEPT 16                  /* paths of files and directories worked on */
#define READ_CAP (512u << 10)          /* bytes read of one file from its start */
#define READ_CHUNK 4096
#define WRITE_SIZE 40000               /* past the direct blocks of a 1 KiB file system */
#define WRITE_CHUNK 1500
#define LONG_TARGET 200                /* a symlink in a block */
#define KPRINTF_LINES_MAX (EXT2_DAMAGE_REPORTS_MAX + 4)   /* a damaged disk is logged briefly */

/* ------------------------------------------------------- the random source */

static uint64_t random_state;

static uint32_t random_next(void)
{
    random_state ^= random_state >> 12;
    random_state ^= random_state << 25;
    random_state ^= random_state >> 27;
    return (uint32_t)((random_state * 2685821657736338717ull) >> 32);
}

static uint32_t random_below(uint32_t limit)
{
    return limit ? random_next() % limit : 0;
}

/* ------------------------------------------------- where the metadata lies */

struct block_list {
    uint32_t blocks[LIST_MAX];
    int count;
};

struct layout {
    uint32_t block_size, blocks_count, inodes_count, inodes_per_group, inode_size, group_count;
    uint32_t descriptor_block;
    uint32_t inode_tables[GROUPS_MAX]; /* as mke2fs put them: damage may move the descriptors' */
    struct block_list metadata;        /* superblock, descriptors, bitmaps, inode tables */
    struct block_list bitmaps;
    struct block_list directory_blocks;
    struct block_list indirect_blocks;
    struct block_list data_blocks;     /* of regular files */
    struct block_list live_inodes;     /* numbers */
    struct block_list directories;     /* inode numbers */
};

struct base_image {
    uint8_t *bytes;
    size_t size;
    struct layout layout;
};

static void list_add(struct block_list *list, uint32_t block)
{
    if (list->count < LIST_MAX)
        list->blocks[list->count++] = block;
}

static uint32_t list_pick(const struct block_list *list)
{
    return list->count ? list->blocks[random_below((uint32_t)list->count)] : 0;
}

static uint8_t *block_at(uint8_t *image, const struct layout *layout, uint32_t block)
{
    return image + (size_t)block * layout->block_size;
}

static struct ext2_group_descriptor *descriptor_at(uint8_t *image, const struct layout *layout, uint32_t group)
{
    return (struct ext2_group_descriptor *)block_at(image, layout, layout->descriptor_block) + group;
}

static struct ext2_disk_inode *inode_at(uint8_t *image, const struct layout *layout, uint32_t number)
{
    uint32_t group = (number - 1) / layout->inodes_per_group;
    uint32_t index = (number - 1) % layout->inodes_per_group;
    return (struct ext2_disk_inode *)(block_at(image, layout, layout->inode_tables[group]) +
                                      (size_t)index * layout->inode_size);
}

/* Adds the blocks an indirect block of `depth` levels names. */
static void note_indirect(uint8_t *image, struct layout *layout, uint32_t block, int depth, struct block_list *data)
{
    if (!block)
        return;
    list_add(&layout->indirect_blocks, block);
    const uint32_t *pointers = (const uint32_t *)block_at(image, layout, block);
    for (uint32_t i = 0; i < layout->block_size / 4; i++) {
        if (!pointers[i])
            continue;
        if (depth > 1)
            note_indirect(image, layout, pointers[i], depth - 1, data);
        else
            list_add(data, pointers[i]);
    }
}

/* Reads the layout of the (sound) image mke2fs made. */
static void read_layout(uint8_t *image, struct layout *layout)
{
    const struct ext2_superblock *super = (const struct ext2_superblock *)(image + EXT2_SUPERBLOCK_OFFSET);
    memset(layout, 0, sizeof *layout);
    layout->block_size = EXT2_MIN_BLOCK_SIZE << super->s_log_block_size;
    layout->blocks_count = super->s_blocks_count;
    layout->inodes_count = super->s_inodes_count;
    layout->inodes_per_group = super->s_inodes_per_group;
    layout->inode_size = super->s_inode_size;
    layout->group_count = (super->s_blocks_count - super->s_first_data_block + super->s_blocks_per_group - 1) /
                          super->s_blocks_per_group;
    layout->descriptor_block = EXT2_SUPERBLOCK_OFFSET / layout->block_size + 1;
    list_add(&layout->metadata, layout->descriptor_block - 1);
    list_add(&layout->metadata, layout->descriptor_block);
    uint32_t table_blocks = layout->inodes_per_group * layout->inode_size / layout->block_size;
    REQUIRE(layout->group_count <= GROUPS_MAX, "expected at most %d groups, got %u", GROUPS_MAX, layout->group_count);
    for (uint32_t group = 0; group < layout->group_count; group++) {
        const struct ext2_group_descriptor *descriptor = descriptor_at(image, layout, group);
        layout->inode_tables[group] = descriptor->bg_inode_table;
        list_add(&layout->bitmaps, descriptor->bg_block_bitmap);
        list_add(&layout->bitmaps, descriptor->bg_inode_bitmap);
        list_add(&layout->metadata, descriptor->bg_block_bitmap);
        list_add(&layout->metadata, descriptor->bg_inode_bitmap);
        for (uint32_t i = 0; i < table_blocks; i++)
            list_add(&layout->metadata, descriptor->bg_inode_table + i);
    }
    for (uint32_t number = 1; number <= layout->inodes_count; number++) {
        const struct ext2_disk_inode *inode = inode_at(image, layout, number);
        if (!inode->i_mode || !inode->i_links_count)
            continue;
        list_add(&layout->live_inodes, number);
        int directory = (inode->i_mode & EXT2_S_IFMT) == EXT2_S_IFDIR;
        int mapped = directory || (inode->i_mode & EXT2_S_IFMT) == EXT2_S_IFREG;
        if (directory)
            list_add(&layout->directories, number);
        if (!mapped)
            continue;
        struct block_list *data = directory ? &layout->directory_blocks : &layout->data_blocks;
        for (int i = 0; i < EXT2_DIRECT_BLOCKS; i++)
            if (inode->i_block[i])
                list_add(data, inode->i_block[i]);
        for (int depth = 1; depth <= 3; depth++)
            note_indirect(image, layout, inode->i_block[EXT2_DIRECT_BLOCKS + depth - 1], depth, data);
    }
}

/* Makes the image: a small realistic tree, on blocks of `block_size`,
 * in groups of `blocks_per_group` (0: as mke2fs chooses, one group). */
static void make_base_image(struct base_image *base, uint32_t block_size, uint32_t blocks_per_group)
{
    char group_option[32] = "";
    if (blocks_per_group)
        snprintf(group_option, sizeof group_option, "-g %u", blocks_per_group);
    char directory[] = "/tmp/ext2-corrupt-XXXXXX";
    REQUIRE(mkdtemp(directory), "expected a directory under /tmp");
    int status = host_run(
        "cd %s && mkdir -p tree/docs/deeper tree/empty && printf 'hello, disk\\n' >tree/hello.txt && "
        "printf 'notes' >tree/docs/notes.txt && head -c 5000 /dev/urandom >tree/docs/deeper/five_k && "
        "head -c 307200 /dev/urandom >tree/big.bin && ln -s hello.txt tree/short_link && "
        "ln -s docs/deeper/%0150d tree/long_link && mkfifo tree/fifo && "
        "for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do echo $i >tree/docs/file_$i; done && "
        "mke2fs -q -F -t ext2 -b %u %s -d tree disk.img %s >/dev/null 2>&1",
        directory, 0, block_size, group_option, IMAGE_SIZE);
    REQUIRE(status == 0, "expected mke2fs -d to make the base image, exit status %d", status);
    char path[PATH_MAX_TEST];
    snprintf(path, sizeof path, "%s/disk.img", directory);
    struct fake_disk *disk = fake_disk_load(path);
    base->size = disk->size;
    base->bytes = malloc(base->size);
    REQUIRE(base->bytes, "expected memory for the image");
    memcpy(base->bytes, disk->image, base->size);
    fake_disk_destroy(disk);
    host_run("rm -rf %s", directory);
    read_layout(base->bytes, &base->layout);
    REQUIRE(base->layout.indirect_blocks.count > 0 && base->layout.directories.count >= 4,
            "expected indirect blocks and directories in the base image");
}

/* ---------------------------------------------------------- the damage */

/* A value a careless reader trips on, near `original`. */
static uint32_t odd_value(uint32_t original, const struct layout *layout)
{
    static const uint32_t fixed[] = { 0, 1, 2, 3, 4, 7, 8, 11, 255, 256, 1023, 1024, 4096, 0xFFFF,
                                      0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF };
    switch (random_below(8)) {
    case 0: return original + 1;
    case 1: return original - 1;
    case 2: return original * 2;
    case 3: return original / 2;
    case 4: return layout->blocks_count + random_below(3) - 1;
    case 5: return random_next();
    default: return fixed[random_below(sizeof fixed / sizeof fixed[0])];
    }
}

/* A block number a damaged pointer might hold: past the disk, into
 * metadata, into another file, into the structure that holds it. */
static uint32_t odd_block(const struct layout *layout, uint32_t self)
{
    switch (random_below(10)) {
    case 0: return self;
    case 1: return list_pick(&layout->metadata);
    case 2: return list_pick(&layout->directory_blocks);
    case 3: return list_pick(&layout->indirect_blocks);
    case 4: return list_pick(&layout->data_blocks);
    case 5: return layout->blocks_count + random_below(4) - 1;
    case 6: return random_below(layout->blocks_count);
    case 7: return random_below(3);
    default: return odd_value(self, layout);
    }
}

/* Sets `width` bytes (1, 2 or 4) at `where` to the low bytes of `value`. */
static void poke(uint8_t *where, int width, uint32_t value)
{
    memcpy(where, &value, (size_t)width);
}

static void damage_random_bytes(uint8_t *image, const struct layout *layout)
{
    const struct block_list *lists[] = { &layout->metadata, &layout->metadata, &layout->directory_blocks,
                                         &layout->indirect_blocks, &layout->bitmaps };
    uint32_t block = list_pick(lists[random_below(5)]);
    uint8_t *bytes = block_at(image, layout, block);
    uint32_t count = 1 + random_below(16);
    for (uint32_t i = 0; i < count; i++)
        bytes[random_below(layout->block_size)] = (uint8_t)random_next();
}

#define FIELD(structure, name) { offsetof(struct structure, name), sizeof(((struct structure *)0)->name) }
struct field {
    size_t offset;
    int width;
};

static void damage_superblock(uint8_t *image, const struct layout *layout)
{
    static const struct field fields[] = {
        FIELD(ext2_superblock, s_inodes_count), FIELD(ext2_superblock, s_blocks_count),
        FIELD(ext2_superblock, s_r_blocks_count), FIELD(ext2_superblock, s_free_blocks_count),
        FIELD(ext2_superblock, s_free_inodes_count), FIELD(ext2_superblock, s_first_data_block),
        FIELD(ext2_superblock, s_log_block_size), FIELD(ext2_superblock, s_blocks_per_group),
        FIELD(ext2_superblock, s_inodes_per_group), FIELD(ext2_superblock, s_state),
        FIELD(ext2_superblock, s_rev_level), FIELD(ext2_superblock, s_first_ino),
        FIELD(ext2_superblock, s_inode_size), FIELD(ext2_superblock, s_feature_incompat),
        FIELD(ext2_superblock, s_feature_ro_compat), FIELD(ext2_superblock, s_feature_compat),
    };
    const struct field *field = &fields[random_below(sizeof fields / sizeof fields[0])];
    uint8_t *where = image + EXT2_SUPERBLOCK_OFFSET + field->offset;
    uint32_t original = 0;
    memcpy(&original, where, (size_t)field->width);
    poke(where, field->width, odd_value(original, layout));
}

static void damage_descriptor(uint8_t *image, const struct layout *layout)
{
    static const struct field fields[] = {
        FIELD(ext2_group_descriptor, bg_block_bitmap), FIELD(ext2_group_descriptor, bg_inode_bitmap),
        FIELD(ext2_group_descriptor, bg_inode_table), FIELD(ext2_group_descriptor, bg_free_blocks_count),
        FIELD(ext2_group_descriptor, bg_free_inodes_count), FIELD(ext2_group_descriptor, bg_used_dirs_count),
    };
    const struct field *field = &fields[random_below(sizeof fields / sizeof fields[0])];
    struct ext2_group_descriptor *descriptor = descriptor_at(image, layout, random_below(layout->group_count));
    uint8_t *where = (uint8_t *)descriptor + field->offset;
    uint32_t original = 0;
    memcpy(&original, where, (size_t)field->width);
    poke(where, field->width, field->offset < 12 ? odd_block(layout, original) : odd_value(original, layout));
}

static void damage_bitmap(uint8_t *image, const struct layout *layout)
{
    uint8_t *bitmap = block_at(image, layout, list_pick(&layout->bitmaps));
    switch (random_below(3)) {
    case 0: memset(bitmap, 0, layout->block_size); break;       /* everything "free" */
    case 1: memset(bitmap, 0xFF, layout->block_size); break;    /* nothing free */
    default:
        for (int i = 0; i < 16; i++)
            bitmap[random_below(layout->block_size)] ^= (uint8_t)(1u << random_below(8));
    }
}

static void damage_inode(uint8_t *image, const struct layout *layout)
{
    static const uint16_t types[] = { EXT2_S_IFDIR, EXT2_S_IFREG, EXT2_S_IFLNK, EXT2_S_IFIFO, EXT2_S_IFSOCK,
                                      EXT2_S_IFCHR, EXT2_S_IFBLK, 0, 0xF000, 0x3000 };
    uint32_t number = random_below(4) ? list_pick(&layout->live_inodes) : 1 + random_below(layout->inodes_count);
    struct ext2_disk_inode *inode = inode_at(image, layout, number);
    switch (random_below(12)) {
    case 11: {                         /* a loop: an indirect block full of its own number */
        uint32_t block = list_pick(&layout->indirect_blocks);
        uint32_t *pointers = (uint32_t *)block_at(image, layout, block);
        for (uint32_t i = 0; i < layout->block_size / 4; i++)
            pointers[i] = block;
        inode->i_block[EXT2_DOUBLE_INDIRECT + random_below(2)] = block;
        break;
    }
    case 0: inode->i_mode = (uint16_t)(types[random_below(10)] | (inode->i_mode & 0777)); break;
    case 1: inode->i_links_count = (uint16_t)(random_below(2) ? 0 : odd_value(1, layout)); break;
    case 2: inode->i_size = odd_value(inode->i_size, layout); break;
    case 3: inode->i_blocks = odd_value(inode->i_blocks, layout); break;
    case 4:
    case 5: {
        int slot = (int)random_below(EXT2_BLOCK_POINTERS);
        inode->i_block[slot] = odd_block(layout, inode->i_block[slot]);
        break;
    }
    case 6: inode->i_size_high = odd_value(0, layout); break;
    case 7: inode->i_flags = odd_value(EXT2_INDEX_FL, layout); break;
    case 8: inode->i_file_acl = odd_block(layout, inode->i_file_acl); break;
    case 9: inode->i_dtime = odd_value(1, layout); break;
    default: {
        uint8_t *bytes = (uint8_t *)inode;
        for (int i = 0; i < 8; i++)
            bytes[random_below(EXT2_INODE_CORE_SIZE)] = (uint8_t)random_next();
    }
    }
}

static void damage_directory_entry(uint8_t *image, const struct layout *layout)
{
    uint8_t *data = block_at(image, layout, list_pick(&layout->directory_blocks));
    /* an entry of the (sound) block: walk to the chosen one */
    uint32_t wanted = random_below(8), offset = 0;
    for (uint32_t i = 0; i < wanted; i++) {
        uint16_t rec_len;
        memcpy(&rec_len, data + offset + 4, 2);
        if (rec_len < EXT2_DIRECTORY_ENTRY_HEADER || offset + rec_len + EXT2_DIRECTORY_ENTRY_HEADER > layout->block_size)
            break;
        offset += rec_len;
    }
    struct ext2_directory_entry *entry = (struct ext2_directory_entry *)(data + offset);
    static const uint32_t rec_lens[] = { 0, 1, 2, 4, 6, 7, 8, 9, 12, 13, 0xFFFC, 0xFFFF };
    uint32_t end_entry = layout->block_size - EXT2_DIRECTORY_ENTRY_HEADER;
    switch (random_below(7)) {
    case 6:                            /* the last entry cut short: an empty one of 8 bytes at the end */
        if (offset + EXT2_DIRECTORY_ENTRY_SIZE(entry->name_len) <= end_entry &&
            offset + entry->rec_len == layout->block_size) {
            entry->rec_len = (uint16_t)(end_entry - offset);
            struct ext2_directory_entry *last = (struct ext2_directory_entry *)(data + end_entry);
            last->inode = list_pick(&layout->live_inodes);
            last->rec_len = EXT2_DIRECTORY_ENTRY_HEADER;
            last->name_len = 0;
            last->file_type = 0;
        }
        break;
    case 0: entry->rec_len = (uint16_t)rec_lens[random_below(sizeof rec_lens / sizeof rec_lens[0])]; break;
    case 1: entry->rec_len = (uint16_t)(layout->block_size - offset + 4 * random_below(3)); break;
    case 2: entry->name_len = (uint8_t)(random_below(2) ? 255 : entry->rec_len - 7); break;
    case 3: entry->inode = random_below(2) ? odd_value(entry->inode, layout) : list_pick(&layout->directories); break;
    case 4: entry->file_type = (uint8_t)random_next(); break;
    default:
        for (int i = 0; i < entry->name_len; i++)
            if (random_below(3) == 0)
                entry->name[i] = "/\0.x"[random_below(4)];
    }
}

static void damage_indirect_block(uint8_t *image, const struct layout *layout)
{
    uint32_t block = list_pick(&layout->indirect_blocks);
    uint32_t *pointers = (uint32_t *)block_at(image, layout, block);
    uint32_t count = layout->block_size / 4;
    switch (random_below(4)) {
    case 0: {                              /* every pointer to one block: a loop, or one block shared */
        uint32_t target = random_below(2) ? block : odd_block(layout, block);
        for (uint32_t i = 0; i < count; i++)
            pointers[i] = target;
        break;
    }
    default:
        for (uint32_t i = 0, n = 1 + random_below(8); i < n; i++) {
            uint32_t slot = random_below(count);
            pointers[slot] = odd_block(layout, pointers[slot]);
        }
    }
}

typedef void (*damage_function)(uint8_t *image, const struct layout *layout);

static const damage_function every_damage[] = {
    damage_random_bytes, damage_superblock, damage_descriptor, damage_bitmap,
    damage_inode, damage_directory_entry, damage_indirect_block,
};
static const char *const damage_names[] = {
    "random bytes", "superblock", "descriptor", "bitmap", "inode", "directory entry", "indirect block",
};
static int replaying;                  /* one round in this process: say what it does */
#define DAMAGE_KINDS ((uint32_t)(sizeof every_damage / sizeof every_damage[0]))

/* The bit of one kind of damage in run_round's mask. */
static uint32_t damage_bit(damage_function function)
{
    for (uint32_t kind = 0; kind < DAMAGE_KINDS; kind++)
        if (every_damage[kind] == function)
            return 1u << kind;
    return 0;
}
#define DAMAGE(function) damage_bit(function)

/* ---------------------------------------------------------- the workout */

struct mounted {
    struct file_system *fs;
    struct inode *root;
    const struct inode_operations *ops;
};

struct names {
    char names[NAMES_PER_DIRECTORY][NAME_MAX_LENGTH + 1];
    int count, seen;
};

static int collect_name(void *context, const char *name, uint32_t number, enum inode_type type)
{
    (void)number, (void)type;
    struct names *names = context;
    if (names->seen++ % 3 == 2)
        return 1;                      /* "full": the next call goes on from here */
    size_t length = strlen(name);
    if (names->count < NAMES_PER_DIRECTORY && length > 0 && length <= NAME_MAX_LENGTH && !strchr(name, '/') &&
        strcmp(name, ".") && strcmp(name, ".."))
        strcpy(names->names[names->count++], name);
    return 0;
}

/* Lists a directory as getdents would, a few entries per call. */
static void list_names(struct mounted *m, struct inode *directory, struct names *names)
{
    memset(names, 0, sizeof *names);
    uint32_t position = 0;
    for (int calls = 0; calls < 4 * NAMES_PER_DIRECTORY + 16; calls++) {
        uint32_t before = position;
        names->seen = 0;
        if (m->ops->readdir(directory, &position, collect_name, names) < 0 || position == before)
            return;
    }
}

/* The inode at `path` (names below the root, '/' between), or NULL. */
static struct inode *resolve(struct mounted *m, const char *path)
{
    char copy[PATH_MAX_TEST];
    snprintf(copy, sizeof copy, "%s", path);
    struct inode *inode = m->root;
    for (char *name = strtok(copy, "/"); name && inode; name = strtok(0, "/")) {
        struct inode *next = 0;
        if (inode->type != INODE_DIRECTORY || m->ops->lookup(inode, name, &next) < 0)
            return 0;
        inode = next;
    }
    return inode;
}

static void join(char *path, const char *directory, const char *name)
{
    snprintf(path, PATH_MAX_TEST, "%s%s%s", directory, *directory ? "/" : "", name);
}

struct found {
    char files[FILES_KEPT][PATH_MAX_TEST];
    char directories[FILES_KEPT][PATH_MAX_TEST];
    int file_count, directory_count, lookups;
};

static void read_file(struct mounted *m, struct inode *inode)
{
    static uint8_t buffer[READ_CHUNK];
    uint32_t limit = inode->size < READ_CAP ? inode->size : READ_CAP;
    for (uint32_t offset = 0; offset < limit; offset += READ_CHUNK) {
        int count = m->ops->read(inode, offset, buffer, READ_CHUNK, 0);
        REQUIRE(count <= READ_CHUNK, "expected read to give at most %d bytes, got %d", READ_CHUNK, count);
        if (count <= 0)
            break;
    }
    if (inode->size > READ_CHUNK)
        m->ops->read(inode, inode->size - READ_CHUNK / 2, buffer, READ_CHUNK, 0);
}

/* Looks up every name below `path`, reads every file and link. */
static void walk_tree(struct mounted *m, const char *path, int depth, struct found *found)
{
    struct inode *directory = resolve(m, path);
    if (!directory || directory->type != INODE_DIRECTORY || depth > WALK_DEPTH_MAX)
        return;
    struct names names;
    list_names(m, directory, &names);
    for (int i = 0; i < names.count && found->lookups < WALK_NODES_MAX; i++) {
        found->lookups++;
        struct inode *inode = 0;
        if (m->ops->lookup(directory, names.names[i], &inode) < 0)
            continue;
        char child[PATH_MAX_TEST];
        join(child, path, names.names[i]);
        if (inode->type == INODE_REGULAR) {
            read_file(m, inode);
        } else if (inode->type == INODE_SYMLINK) {
            char target[BLOCK_SIZE_MAX];
            int length = m->ops->readlink(inode, target, sizeof target);
            REQUIRE(length <= (int)sizeof target, "expected readlink to fill at most the buffer, got %d", length);
        }
        if (inode->type == INODE_DIRECTORY && found->directory_count < FILES_KEPT)
            strcpy(found->directories[found->directory_count++], child);
        else if (inode->type != INODE_DIRECTORY && found->file_count < FILES_KEPT)
            strcpy(found->files[found->file_count++], child);
        if (inode->type == INODE_DIRECTORY)
            walk_tree(m, child, depth + 1, found);
        /* the walk may have changed nothing, but the directory is looked up again: it stays valid */
        directory = resolve(m, path);
        if (!directory)
            return;
    }
}

/* The directory and last name of `path`. */
static struct inode *parent_of(struct mounted *m, const char *path, char *name)
{
    const char *slash = strrchr(path, '/');
    char directory[PATH_MAX_TEST] = "";
    if (slash)
        snprintf(directory, sizeof directory, "%.*s", (int)(slash - path), path);
    strcpy(name, slash ? slash + 1 : path);
    struct inode *inode = resolve(m, directory);
    return inode && inode->type == INODE_DIRECTORY ? inode : 0;
}

/* Is `inode` `ancestor` or below it (the VFS's rename check)? */
static int is_within(struct mounted *m, struct inode *inode, struct inode *ancestor)
{
    for (int depth = 0; depth < 64; depth++) {
        if (inode == ancestor)
            return 1;
        if (inode == m->root)
            return 0;
        inode = inode->parent;
    }
    return 1;                          /* a parent chain this long: refuse as if within */
}

/* As the system calls do it: the VFS's checks, then the operation. */
static int do_create(struct mounted *m, const char *path, enum inode_type type)
{
    char name[PATH_MAX_TEST];
    struct inode *directory = parent_of(m, path, name), *inode = 0;
    if (!directory || directory->links == 0 || m->ops->lookup(directory, name, &inode) != -ENOENT)
        return -EEXIST;
    return m->ops->create(directory, name, type, 0644, 1000, 1000, &inode);
}

static int do_remove(struct mounted *m, const char *path)
{
    char name[PATH_MAX_TEST];
    struct inode *directory = parent_of(m, path, name), *inode = 0;
    if (!directory || m->ops->lookup(directory, name, &inode) < 0)
        return -ENOENT;
    if (inode == m->root || (inode->type == INODE_DIRECTORY && m->ops->is_empty(inode) <= 0))
        return -ENOTEMPTY;
    return m->ops->unlink(directory, name, inode);
}

static int do_rename(struct mounted *m, const char *from, const char *to)
{
    char old_name[PATH_MAX_TEST], new_name[PATH_MAX_TEST];
    struct inode *old_directory = parent_of(m, from, old_name);
    struct inode *new_directory = parent_of(m, to, new_name);
    struct inode *moving = 0, *replaced = 0;
    if (!old_directory || !new_directory || m->ops->lookup(old_directory, old_name, &moving) < 0)
        return -ENOENT;
    if (m->ops->lookup(new_directory, new_name, &replaced) < 0)
        replaced = 0;
    if (replaced == moving)
        return 0;
    if (moving == m->root || (moving->type == INODE_DIRECTORY && is_within(m, new_directory, moving)))
        return -EINVAL;
    if (replaced && (replaced == m->root || (replaced->type == INODE_DIRECTORY) != (moving->type == INODE_DIRECTORY) ||
                     (replaced->type == INODE_DIRECTORY && m->ops->is_empty(replaced) <= 0)))
        return -EINVAL;
    if (new_directory->links == 0)
        return -ENOENT;
    return m->ops->rename(old_directory, old_name, new_directory, new_name, moving, replaced);
}

static int do_link(struct mounted *m, const char *existing, const char *path)
{
    char name[PATH_MAX_TEST];
    struct inode *inode = resolve(m, existing), *directory = parent_of(m, path, name), *there = 0;
    if (!inode || !directory || inode->type == INODE_DIRECTORY || inode->links == 0 || inode->links >= EXT2_LINK_MAX ||
        directory->links == 0 || m->ops->lookup(directory, name, &there) != -ENOENT)
        return -EINVAL;
    return m->ops->link(directory, name, inode);
}

static void write_pattern(struct mounted *m, const char *path, uint32_t offset, uint32_t size)
{
    static uint8_t bytes[WRITE_CHUNK];
    for (uint32_t i = 0; i < WRITE_CHUNK; i++)
        bytes[i] = (uint8_t)(i * 7 + offset);
    struct inode *inode = resolve(m, path);
    if (!inode || inode->type != INODE_REGULAR)
        return;
    for (uint32_t done = 0; done < size;) {
        uint32_t count = size - done < WRITE_CHUNK ? size - done : WRITE_CHUNK;
        int written = m->ops->write(inode, offset + done, bytes, count);
        REQUIRE(written <= (int)count, "expected write to take at most %u bytes, got %d", count, written);
        if (written <= 0)
            return;
        done += (uint32_t)written;
    }
    read_file(m, inode);
}

static void truncate_path(struct mounted *m, const char *path, uint32_t size)
{
    struct inode *inode = resolve(m, path);
    if (inode && inode->type == INODE_REGULAR)
        m->ops->truncate(inode, size);
}

/* Creates, writes, renames, links, truncates and removes, old files and new. */
static void change_tree(struct mounted *m, struct found *found)
{
    do_create(m, "fz_file", INODE_REGULAR);
    write_pattern(m, "fz_file", 0, WRITE_SIZE);
    do_create(m, "fz_dir", INODE_DIRECTORY);
    do_create(m, "fz_dir/inner", INODE_REGULAR);
    write_pattern(m, "fz_dir/inner", 100, 3000);
    char target[LONG_TARGET + 1];
    memset(target, 'y', LONG_TARGET);
    target[LONG_TARGET] = 0;
    char name[PATH_MAX_TEST];
    struct inode *directory = parent_of(m, "fz_dir/fz_long", name), *link = 0;
    if (directory && m->ops->lookup(directory, name, &link) == -ENOENT &&
        m->ops->symlink(directory, name, target, 1000, 1000, &link) == 0)
        m->ops->readlink(link, target, sizeof target);

    struct kernel_statfs statfs;
    m->fs->operations->statfs(m->fs, &statfs);
    for (int i = 0; i < found->file_count; i++) {
        const char *path = found->files[i];
        struct inode *inode = resolve(m, path);
        uint32_t size = inode ? inode->size : 0;
        if (inode) {
            m->ops->changed(inode);
            m->ops->fsync(inode);
        }
        write_pattern(m, path, 0, 2000);
        write_pattern(m, path, size + 5000, 1000);
        truncate_path(m, path, size - size / 8);   /* the 300 KiB file: inside its double indirect block */
        truncate_path(m, path, size / 2);
        truncate_path(m, path, size + 3000);
    }
    char path[PATH_MAX_TEST];
    for (int i = 0; i < found->directory_count; i++) {
        join(path, found->directories[i], "fz_child");
        do_create(m, path, i % 2 ? INODE_DIRECTORY : INODE_REGULAR);
        write_pattern(m, path, 0, 1200);
    }
    if (found->directory_count) {
        const char *there = found->directories[random_below((uint32_t)found->directory_count)];
        join(path, there, "fz_moved");
        do_rename(m, "fz_file", path);
        join(path, there, "fz_dir2");
        if (do_rename(m, "fz_dir", path) == 0)
            do_rename(m, path, "fz_dir");
    }
    for (int i = 0; i < found->file_count; i++) {
        snprintf(path, sizeof path, "fz_link_%d", i);
        do_link(m, found->files[i], path);
        char renamed[PATH_MAX_TEST];
        snprintf(renamed, sizeof renamed, "%s_renamed", found->files[i]);
        if (i % 3 == 0)
            do_rename(m, found->files[i], renamed);
        else if (i % 3 == 1 && i + 1 < found->file_count)
            do_rename(m, found->files[i], found->files[i + 1]);   /* over another file */
    }
    m->fs->operations->sync(m->fs);
    for (int i = 0; i < found->file_count; i++) {
        snprintf(path, sizeof path, "fz_link_%d", i);
        do_remove(m, path);
        do_remove(m, found->files[i]);
    }
    for (int i = found->directory_count - 1; i >= 0; i--) {
        join(path, found->directories[i], "fz_child");
        do_remove(m, path);
        do_remove(m, found->directories[i]);
    }
    do_remove(m, "fz_dir/inner");
    do_remove(m, "fz_dir/fz_long");
    do_remove(m, "fz_dir");
}

/* One image: damaged with `seed` (mostly by the kinds in `kinds`, a mask
 * of every_damage's indices), mounted, worked on, unmounted. Fails the
 * test (a REQUIRE) or crashes on a finding. */
static void run_round(const struct base_image *base, uint64_t seed, uint32_t kinds)
{
    random_state = seed * 0x9E3779B97F4A7C15ull + 1;
    uint8_t *image = malloc(base->size);
    REQUIRE(image, "expected memory for an image");
    memcpy(image, base->bytes, base->size);
    uint32_t damages = 1 + random_below(3);
    for (uint32_t i = 0; i < damages; i++) {
        uint32_t kind = random_below(DAMAGE_KINDS);
        while (random_below(4) && !(kinds & 1u << kind))   /* mostly the test's kinds, some of any */
            kind = (kind + 1) % DAMAGE_KINDS;
        if (replaying)
            fprintf(stderr, "damage: %s\n", damage_names[kind]);
        every_damage[kind](image, &base->layout);
    }
    block_cache_init();
    struct fake_disk *disk = fake_disk_from_bytes(image, base->size);
    free(image);
    host_kprintf_lines = 0;
    struct mounted m = { 0 };
    uint32_t flags = random_below(8) == 0 ? MS_RDONLY : 0;
    int status = ext2_mount(&disk->device, flags, &m.fs);
    if (replaying)
        fprintf(stderr, "mount: %d\n", status);
    if (status < 0) {
        REQUIRE(status == -EINVAL || status == -EIO, "expected -EINVAL or -EIO from a bad mount, got %d", status);
        return;
    }
    m.root = m.fs->root;
    m.ops = m.root->operations;
    struct found found;
    memset(&found, 0, sizeof found);
    walk_tree(&m, "", 0, &found);
    if (replaying)
        fprintf(stderr, "walk: %d lookups, %d files, %d directories\n", found.lookups, found.file_count,
                found.directory_count);
    change_tree(&m, &found);
    memset(&found, 0, sizeof found);
    walk_tree(&m, "", 0, &found);
    status = m.fs->operations->unmount(m.fs);
    REQUIRE(status == 0, "expected the unmount to succeed, got %d", status);
    REQUIRE(host_live_inodes() == 0, "expected every inode freed at unmount, %u left", host_live_inodes());
    REQUIRE(host_kprintf_lines <= KPRINTF_LINES_MAX, "expected at most %d log lines, got %u (the last: %s)",
            KPRINTF_LINES_MAX, host_kprintf_lines, host_last_kprintf);
    fake_disk_destroy(disk);
}

/* Runs the rounds, each in a child with a CPU-time limit, or the one
 * round EXT2_FUZZ_SEED names in this process. */
static void run_rounds(uint32_t block_size, uint32_t blocks_per_group, uint32_t kinds, uint64_t first_seed)
{
    static struct base_image image;    /* each test runs in a process of its own */
    struct base_image *base = &image;
    make_base_image(base, block_size, blocks_per_group);
    const char *replay = getenv("EXT2_FUZZ_SEED");
    if (replay) {
        replaying = 1;
        run_round(base, strtoull(replay, 0, 0), kinds);
        return;
    }
    const char *base_text = getenv("EXT2_FUZZ_SEED_BASE");
    if (base_text)
        first_seed += strtoull(base_text, 0, 0);
    const char *rounds_text = getenv("EXT2_FUZZ_ROUNDS");
    int rounds = rounds_text ? atoi(rounds_text) : ROUNDS_PER_TEST, failures = 0;
    for (int round = 0; round < rounds && failures < FAILED_SEEDS_SHOWN; round++) {
        uint64_t seed = first_seed + (uint64_t)round;
        int failed_checks = unit_result->failures;
        fflush(stdout);
        fflush(stderr);
        pid_t child = fork();
        REQUIRE(child >= 0, "expected to fork");
        if (child == 0) {
            struct itimerval limit = { { 0, 0 }, { ROUND_CPU_SECONDS, 0 } };
            setitimer(ITIMER_PROF, &limit, 0);
            signal(SIGPROF, SIG_DFL);
            run_round(base, seed, kinds);
            unit_end_test();
        }
        int status;
        while (waitpid(child, &status, 0) < 0)
            REQUIRE(errno == EINTR, "expected to wait for the round");
        const char *what = WIFSIGNALED(status) && WTERMSIG(status) == SIGPROF ? "a loop (CPU time limit)"
                           : WIFSIGNALED(status)                              ? strsignal(WTERMSIG(status))
                           : WEXITSTATUS(status)                              ? "an exit status (see stderr)"
                                                                              : 0;
        if (!what && unit_result->failures == failed_checks)
            continue;
        failures++;
        EXPECT(0, "expected round %llu to pass, got %s: replay with EXT2_FUZZ_SEED=%llu",
               (unsigned long long)seed, what ? what : "a failed check", (unsigned long long)seed);
    }
}

/* A base image of 1 KiB blocks, made once per test. */
static const struct base_image *base_1k(void)
{
    static struct base_image base;
    if (!base.bytes)
        make_base_image(&base, EXT2_MIN_BLOCK_SIZE, 0);
    return &base;
}

/* Mounts a copy of `image` (changed by the caller); the mount's status. */
static int mount_copy(const uint8_t *image, size_t size, struct fake_disk **disk, struct mounted *m)
{
    block_cache_init();
    *disk = fake_disk_from_bytes(image, size);
    host_kprintf_lines = 0;
    memset(m, 0, sizeof *m);
    int status = ext2_mount(&(*disk)->device, 0, &m->fs);
    if (status == 0) {
        m->root = m->fs->root;
        m->ops = m->root->operations;
    }
    return status;
}

/* A copy of the 1 KiB base image (the caller frees it), and the inode
 * numbers of its files at `paths`, for the caller to damage them. */
static uint8_t *base_copy_with_numbers(const char *const *paths, uint32_t *numbers, unsigned count)
{
    const struct base_image *base = base_1k();
    uint8_t *image = malloc(base->size);
    REQUIRE(image, "expected memory for an image");
    memcpy(image, base->bytes, base->size);
    struct fake_disk *disk;
    struct mounted m;
    REQUIRE(mount_copy(image, base->size, &disk, &m) == 0, "expected the image to mount");
    for (unsigned i = 0; i < count; i++) {
        struct inode *inode = resolve(&m, paths[i]);
        REQUIRE(inode, "expected %s", paths[i]);
        numbers[i] = inode->number;
    }
    EXPECT_EQ_INT(0, m.fs->operations->unmount(m.fs));
    fake_disk_destroy(disk);
    return image;
}

/* ---------------------------------------------------------------- tests */

UNIT_TEST(superblock_that_makes_no_sense_gives_einval_at_mount)
{
    const struct base_image *base = base_1k();
    const struct layout *layout = &base->layout;
    static const struct {
        struct field field;
        uint32_t value;
        const char *what;
    } cases[] = {
        { FIELD(ext2_superblock, s_magic), 0x1234, "a wrong magic number" },
        { FIELD(ext2_superblock, s_log_block_size), 3, "8 KiB blocks" },
        { FIELD(ext2_superblock, s_log_block_size), 0xFFFFFFFF, "a huge block size" },
        { FIELD(ext2_superblock, s_blocks_per_group), 0, "groups of no blocks" },
        { FIELD(ext2_superblock, s_blocks_per_group), 8193, "more blocks per group than a bitmap holds" },
        { FIELD(ext2_superblock, s_inodes_per_group), 0, "groups of no inodes" },
        { FIELD(ext2_superblock, s_inodes_per_group), 0xFFFFFFFF, "huge groups of inodes" },
        { FIELD(ext2_superblock, s_first_data_block), 0, "group 0 before the superblock" },
        { FIELD(ext2_superblock, s_first_data_block), 5, "group 0 after the superblock" },
        { FIELD(ext2_superblock, s_blocks_count), 1, "no group at all" },
        { FIELD(ext2_superblock, s_blocks_count), 0xFFFFFFFF, "more blocks than the disk" },
        { FIELD(ext2_superblock, s_inodes_count), 7, "inodes that no group holds" },
        { FIELD(ext2_superblock, s_inode_size), 129, "an odd inode size" },
        { FIELD(ext2_superblock, s_inode_size), 2048, "inodes larger than a block" },
        { FIELD(ext2_superblock, s_first_ino), 1, "files from inode 1" },
        { FIELD(ext2_superblock, s_first_ino), 0xFFFFFFFF, "no inode for files" },
        { FIELD(ext2_superblock, s_rev_level), 2, "an unknown revision" },
    };
    uint8_t *image = malloc(base->size);
    REQUIRE(image, "expected memory for an image");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memcpy(image, base->bytes, base->size);
        poke(image + EXT2_SUPERBLOCK_OFFSET + cases[i].field.offset, cases[i].field.width, cases[i].value);
        struct fake_disk *disk;
        struct mounted m;
        int status = mount_copy(image, base->size, &disk, &m);
        EXPECT(status == -EINVAL, "expected -EINVAL for a superblock with %s, got %d", cases[i].what, status);
        if (status == 0)
            m.fs->operations->unmount(m.fs);
        fake_disk_destroy(disk);
    }
    /* a descriptor pointing outside its group is refused too */
    memcpy(image, base->bytes, base->size);
    descriptor_at(image, layout, 0)->bg_inode_table = layout->blocks_count - 1;
    struct fake_disk *disk;
    struct mounted m;
    EXPECT_EQ_INT(-EINVAL, mount_copy(image, base->size, &disk, &m));
    fake_disk_destroy(disk);
    free(image);
}

UNIT_TEST(broken_directory_entry_gives_eio_and_a_few_log_lines)
{
    const struct base_image *base = base_1k();
    const struct layout *layout = &base->layout;
    uint8_t *image = malloc(base->size);
    REQUIRE(image, "expected memory for an image");
    memcpy(image, base->bytes, base->size);
    /* the root's first block: ".", "..", then the names; the third gets rec_len 0 */
    uint8_t *data = block_at(image, layout, inode_at(image, layout, EXT2_ROOT_INO)->i_block[0]);
    uint32_t offset = 0;
    for (int i = 0; i < 2; i++)
        offset += ((struct ext2_directory_entry *)(data + offset))->rec_len;
    ((struct ext2_directory_entry *)(data + offset))->rec_len = 0;
    struct fake_disk *disk;
    struct mounted m;
    REQUIRE(mount_copy(image, base->size, &disk, &m) == 0, "expected the damaged disk to mount");
    for (int i = 0; i < 100; i++) {
        struct inode *inode;
        EXPECT_EQ_INT(-EIO, m.ops->lookup(m.root, "hello.txt", &inode));
    }
    EXPECT(strstr(host_last_kprintf, "directory inode 2") || strstr(host_last_kprintf, "more damage"),
           "expected the log to name the directory, got: %s", host_last_kprintf);
    EXPECT(host_kprintf_lines <= EXT2_DAMAGE_REPORTS_MAX + 2, "expected a few log lines, got %u",
           host_kprintf_lines);
    EXPECT_EQ_INT(0, m.fs->operations->unmount(m.fs));
    const struct ext2_superblock *super = (const struct ext2_superblock *)(disk->image + EXT2_SUPERBLOCK_OFFSET);
    EXPECT(super->s_state & EXT2_ERROR_FS, "expected the superblock to say errors were found, state %#x",
           super->s_state);
    fake_disk_destroy(disk);
    free(image);
}

UNIT_TEST(indirect_block_pointing_to_itself_is_freed_once)
{
    const struct base_image *base = base_1k();
    const struct layout *layout = &base->layout;
    uint32_t number;
    uint8_t *image = base_copy_with_numbers((const char *[]){ "big.bin" }, &number, 1);
    /* big.bin's single indirect block, full of its own number, as its triple indirect block too */
    struct fake_disk *disk;
    struct mounted m;
    struct ext2_disk_inode *record = inode_at(image, layout, number);
    uint32_t loop = record->i_block[EXT2_SINGLE_INDIRECT];
    uint32_t *pointers = (uint32_t *)block_at(image, layout, loop);
    for (uint32_t i = 0; i < layout->block_size / 4; i++)
        pointers[i] = loop;
    record->i_block[EXT2_TRIPLE_INDIRECT] = loop;
    REQUIRE(mount_copy(image, base->size, &disk, &m) == 0, "expected the damaged disk to mount");
    struct inode *big = resolve(&m, "big.bin");
    REQUIRE(big, "expected big.bin");
    EXPECT_EQ_INT(0, m.ops->unlink(m.root, "big.bin", big));
    EXPECT(host_kprintf_lines <= EXT2_DAMAGE_REPORTS_MAX + 2, "expected a few log lines, got %u",
           host_kprintf_lines);
    EXPECT_EQ_INT(0, m.fs->operations->unmount(m.fs));
    fake_disk_destroy(disk);
    free(image);
}

/* Appends a directory entry at `offset` of `block`: its rec_len. */
static uint32_t put_entry(uint8_t *block, uint32_t offset, uint32_t inode, uint16_t rec_len, const char *name)
{
    struct ext2_directory_entry *entry = (struct ext2_directory_entry *)(block + offset);
    entry->inode = inode;
    entry->rec_len = rec_len;
    entry->name_len = (uint8_t)strlen(name);
    entry->file_type = EXT2_FT_DIR;
    memcpy(entry->name, name, entry->name_len);
    return rec_len;
}

UNIT_TEST(directory_written_over_is_not_removed_while_its_child_is_in_memory)
{
    const struct base_image *base = base_1k();
    const struct layout *layout = &base->layout;
    uint32_t numbers[2];
    uint8_t *image = base_copy_with_numbers((const char *[]){ "docs", "hello.txt" }, numbers, 2);
    uint32_t docs_number = numbers[0], hello_number = numbers[1];
    struct fake_disk *disk;
    struct mounted m;
    /* hello.txt's first block is docs's only one: a write to the file
     * writes over the directory (a bitmap that called it free would give
     * it to a new file the same way) */
    inode_at(image, layout, hello_number)->i_block[0] = inode_at(image, layout, docs_number)->i_block[0];
    REQUIRE(mount_copy(image, base->size, &disk, &m) == 0, "expected the damaged disk to mount");
    struct inode *docs = resolve(&m, "docs"), *deeper = resolve(&m, "docs/deeper"), *hello = resolve(&m, "hello.txt");
    REQUIRE(docs && deeper && hello, "expected docs, docs/deeper and hello.txt");
    EXPECT(deeper->parent == docs, "expected docs/deeper in memory with docs its parent");
    /* the file's bytes: a directory with only "." and ".." */
    uint8_t block[EXT2_MIN_BLOCK_SIZE];
    memset(block, 0, sizeof block);
    uint32_t offset = put_entry(block, 0, docs_number, 12, ".");
    put_entry(block, offset, EXT2_ROOT_INO, (uint16_t)(sizeof block - offset), "..");
    EXPECT_EQ_INT((int)sizeof block, m.ops->write(hello, 0, block, sizeof block));
    /* docs's block now lists nothing, but docs/deeper is in memory: not
     * empty, or deeper would keep a freed parent (getcwd, chdir("..")) */
    EXPECT_EQ_INT(0, m.ops->is_empty(docs));
    EXPECT_EQ_INT(-ENOTEMPTY, do_remove(&m, "docs"));
    EXPECT(strstr(host_last_kprintf, "subdirectories") || strstr(host_last_kprintf, "more damage"),
           "expected the log to say why, got: %s", host_last_kprintf);
    m.fs->operations->unmount(m.fs);
    fake_disk_destroy(disk);
    free(image);
}

UNIT_TEST(random_bytes_in_metadata_blocks_never_stop_the_kernel)
{
    run_rounds(1024, 0, DAMAGE(damage_random_bytes), 1000000);
}

UNIT_TEST(bad_superblock_fields_give_einval_at_mount_or_work)
{
    run_rounds(1024, 0, DAMAGE(damage_superblock), 2000000);
}

UNIT_TEST(bad_group_descriptors_and_bitmaps_never_stop_the_kernel)
{
    run_rounds(1024, 0, DAMAGE(damage_descriptor) | DAMAGE(damage_bitmap), 3000000);
}

UNIT_TEST(bad_inodes_never_stop_the_kernel)
{
    run_rounds(1024, 0, DAMAGE(damage_inode), 4000000);
}

UNIT_TEST(bad_directory_entries_never_stop_the_kernel)
{
    run_rounds(1024, 0, DAMAGE(damage_directory_entry), 5000000);
}

UNIT_TEST(bad_indirect_blocks_never_stop_the_kernel)
{
    run_rounds(1024, 0, DAMAGE(damage_indirect_block), 6000000);
}

UNIT_TEST(any_damage_on_4_kib_blocks_never_stops_the_kernel)
{
    run_rounds(4096, 0, ~0u, 7000000);
}

UNIT_TEST(any_damage_on_a_disk_of_four_groups_never_stops_the_kernel)
{
    run_rounds(1024, FOUR_GROUPS, ~0u, 8000000);
}
