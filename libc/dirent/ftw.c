/* libc/dirent/ftw.c - walking a file tree: ftw and nftw (ftw(3)), as
 * glibc walks it.
 *
 * The walk visits the path it is given, then, if that is a directory,
 * each entry in readdir's order ("." and ".." left out), going down into
 * each directory it meets. The callback gets the path (the one given,
 * less its trailing slashes, and each name below it joined by '/'), the
 * file's stat, its type (<ftw.h>) and, from nftw, where the name starts
 * in the path and how deep it lies. A callback that returns non-zero
 * ends the walk at once with that value.
 *
 * Descriptors. At most `nopenfd` directories are open at once. The open
 * ones sit in a ring of that many slots, each deeper one in the next
 * slot; opening one more than the ring holds takes the slot of the
 * shallowest open directory, whose remaining names are first read into
 * memory (the walk goes on through them) and whose stream is closed:
 *
 *     nopenfd 2, walking /a/b/c:   [ /a  /a/b ]  ->  [ /a/b/c  /a/b ]
 *                                                    /a: names in memory
 *
 * Symbolic links. Without FTW_PHYS they are followed (stat), and a
 * directory reached a second time is not walked again, so a link to an
 * ancestor makes no loop: the walk keeps the device and inode of each
 * directory it entered. With FTW_PHYS links are reported (lstat) and
 * never followed.
 *
 * FTW_CHDIR. The walk changes into the start's parent, then into each
 * directory by its name after reporting it (FTW_D), and back by "..", as
 * glibc's goes back when the parent's directory is no longer open (the
 * ring of nopenfd may have closed it; fchdir(2) would need it open).
 * When ".." is not the directory it came from
 * (it came through a symbolic link), it goes back by the parent's path
 * from the working directory the walk started in, which it finds again
 * at the end. */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <search.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SAVED_NAMES_CHUNK 1024   /* bytes a closed directory's list of names grows by */

/* A directory being read: through its stream, or, once the stream is
 * closed to give its descriptor to a deeper directory, from the names it
 * had left. */
struct open_directory {
    DIR *stream;          /* NULL once closed */
    char *saved_names;    /* then: the names left, each ending in NUL, an empty one last */
    char *next_name;      /* the next of them */
};

/* A directory entered, by device and inode (the walk without FTW_PHYS). */
struct directory_identity {
    dev_t device;
    ino_t inode;
};

struct walk {
    __ftw_func_t ftw_visit;     /* the callback: ftw's, or else nftw's */
    __nftw_func_t nftw_visit;
    int flags;                  /* nftw's FTW_PHYS, FTW_MOUNT, FTW_CHDIR, FTW_DEPTH */
    char *path;                 /* the path of the file visited now */
    size_t path_size;           /* bytes allocated for it */
    struct FTW where;
    dev_t start_device;         /* FTW_MOUNT: the file system of the start */
    void *entered;              /* tsearch tree of struct directory_identity */
    char *start_directory;      /* FTW_CHDIR: the working directory to go back to */
    struct open_directory **ring;   /* the open directories */
    int ring_size, ring_next;       /* its slots, and the one the next directory takes */
};

/* The type ftw's callback gets for each of nftw's: it knows no links and
 * no "after". */
static const int ftw_type[] = {
    [FTW_F] = FTW_F, [FTW_D] = FTW_D, [FTW_DNR] = FTW_DNR, [FTW_NS] = FTW_NS,
    [FTW_SL] = FTW_F, [FTW_DP] = FTW_D, [FTW_SLN] = FTW_NS,
};

static int report(struct walk *walk, const struct stat *status, int type)
{
    if (walk->ftw_visit)
        return walk->ftw_visit(walk->path, status, ftw_type[type]);
    return walk->nftw_visit(walk->path, status, type, &walk->where);
}

/* The name to give stat and opendir for the file visited now: its path,
 * or with FTW_CHDIR its name in the working directory, its parent. */
static const char *name_here(const struct walk *walk)
{
    if (!(walk->flags & FTW_CHDIR))
        return walk->path;
    const char *name = walk->path + walk->where.base;
    return *name ? name : ".";
}

/* stat, or lstat with FTW_PHYS. */
static int stat_here(const struct walk *walk, struct stat *status)
{
    return walk->flags & FTW_PHYS ? lstat(name_here(walk), status) : stat(name_here(walk), status);
}

/* Makes room for `length` bytes and a NUL in the path; 0, or -1 (ENOMEM). */
static int path_room(struct walk *walk, size_t length)
{
    if (length < walk->path_size)
        return 0;
    size_t size = walk->path_size * 2 > length ? walk->path_size * 2 : length + 1;
    char *grown = realloc(walk->path, size);
    if (!grown)
        return -1;
    walk->path = grown;
    walk->path_size = size;
    return 0;
}

/* ---- the ring of open directories ---------------------------------------- */

/* Reads the names `directory` has left into memory and closes its
 * stream; 0, or -1 (ENOMEM). */
static int save_names_and_close(struct open_directory *directory)
{
    size_t size = SAVED_NAMES_CHUNK, used = 0;
    char *names = malloc(size);
    if (!names)
        return -1;
    struct dirent *entry;
    while ((entry = readdir(directory->stream)) != NULL) {
        size_t length = strlen(entry->d_name) + 1;
        if (used + length + 1 > size) {
            size = used + length + 1 + SAVED_NAMES_CHUNK;
            char *grown = realloc(names, size);
            if (!grown) {
                free(names);
                return -1;
            }
            names = grown;
        }
        memcpy(names + used, entry->d_name, length);
        used += length;
    }
    names[used] = '\0';
    closedir(directory->stream);
    directory->stream = NULL;
    directory->saved_names = directory->next_name = names;
    return 0;
}

/* Opens the directory visited now into the ring, closing the shallowest
 * open one first if the ring is full; 0, or -1 with errno. */
static int open_in_ring(struct walk *walk, struct open_directory *directory)
{
    struct open_directory **slot = &walk->ring[walk->ring_next];
    if (*slot) {
        if (save_names_and_close(*slot) < 0)
            return -1;
        *slot = NULL;
    }
    directory->saved_names = NULL;
    directory->stream = opendir(name_here(walk));
    if (!directory->stream)
        return -1;
    *slot = directory;
    walk->ring_next = (walk->ring_next + 1) % walk->ring_size;
    return 0;
}

/* Closes `directory`: its slot is the last one taken (those of the
 * directories below it were given back), unless its stream was closed
 * already. errno is kept. */
static void close_in_ring(struct walk *walk, struct open_directory *directory)
{
    int saved_errno = errno;
    if (directory->stream) {
        closedir(directory->stream);
        walk->ring_next = (walk->ring_next + walk->ring_size - 1) % walk->ring_size;
        walk->ring[walk->ring_next] = NULL;
    }
    free(directory->saved_names);
    errno = saved_errno;
}

/* The next name of `directory`, or NULL after the last. */
static const char *next_name(struct open_directory *directory)
{
    if (directory->stream) {
        struct dirent *entry = readdir(directory->stream);
        return entry ? entry->d_name : NULL;
    }
    if (!*directory->next_name)
        return NULL;
    const char *name = directory->next_name;
    directory->next_name += strlen(name) + 1;
    return name;
}

/* ---- directories entered, and the way back up ---------------------------- */

static int compare_identities(const void *a, const void *b)
{
    const struct directory_identity *x = a, *y = b;
    if (x->device != y->device)
        return x->device < y->device ? -1 : 1;
    return x->inode < y->inode ? -1 : x->inode > y->inode;
}

/* Notes that the walk enters the directory of `status`: 1 the first
 * time, 0 if it was entered before, -1 (ENOMEM). */
static int first_entry(struct walk *walk, const struct stat *status)
{
    struct directory_identity key = { status->st_dev, status->st_ino };
    if (tfind(&key, &walk->entered, compare_identities))
        return 0;
    struct directory_identity *kept = malloc(sizeof *kept);
    if (!kept)
        return -1;
    *kept = key;
    if (!tsearch(kept, &walk->entered, compare_identities)) {
        free(kept);
        return -1;
    }
    return 1;
}

/* Whether the working directory is the directory of `status`. */
static int working_directory_is(const struct stat *status)
{
    struct stat here;
    return stat(".", &here) == 0 && here.st_dev == status->st_dev && here.st_ino == status->st_ino;
}

/* FTW_CHDIR: back from the directory visited now (its path in walk->path)
 * to its parent, whose stat is `parent`; 0, or -1 with errno. */
static int back_to_parent(struct walk *walk, const struct stat *parent)
{
    if (chdir("..") == 0 && working_directory_is(parent))
        return 0;
    /* reached through a link: by the parent's path, from where the walk began */
    int slash = walk->where.base - 1;
    if (slash == 0)
        return chdir("/");
    if (walk->path[0] != '/' && chdir(walk->start_directory) < 0)
        return -1;
    walk->path[slash] = '\0';
    int status = chdir(walk->path);
    walk->path[slash] = '/';
    return status;
}

/* ---- the walk ------------------------------------------------------------ */

static int visit_entry(struct walk *walk, const char *name, const struct stat *parent);

/* Walks the directory visited now, of stat `status`, whose parent has
 * stat `parent` (NULL for the start): reports it, then its entries. */
static int walk_directory(struct walk *walk, const struct stat *status, const struct stat *parent)
{
    if (!(walk->flags & FTW_PHYS)) {
        int first = first_entry(walk, status);
        if (first <= 0)
            return first;   /* walked already (or no memory) */
    }
    struct open_directory directory;
    if (open_in_ring(walk, &directory) < 0)
        return errno == EACCES ? report(walk, status, FTW_DNR) : -1;
    int result = 0;
    if (!(walk->flags & FTW_DEPTH))
        result = report(walk, status, FTW_D);
    if (result == 0 && (walk->flags & FTW_CHDIR) && chdir(name_here(walk)) < 0)
        result = -1;
    if (result == 0) {
        size_t length = strlen(walk->path);
        struct FTW own = walk->where;
        if (walk->path[length - 1] != '/')
            strcpy(walk->path + length, "/");   /* path_room left room for it */
        walk->where.base = (int)strlen(walk->path);
        walk->where.level++;
        const char *name;
        while (result == 0 && (name = next_name(&directory)) != NULL)
            result = visit_entry(walk, name, status);
        walk->path[length] = '\0';
        walk->where = own;
    }
    close_in_ring(walk, &directory);
    if (result == 0 && (walk->flags & FTW_DEPTH))
        result = report(walk, status, FTW_DP);
    if (result == 0 && parent && (walk->flags & FTW_CHDIR) && back_to_parent(walk, parent) < 0)
        result = -1;
    return result;
}

/* Visits the entry `name` of the directory walked now (stat `parent`). */
static int visit_entry(struct walk *walk, const char *name, const struct stat *parent)
{
    if (!strcmp(name, ".") || !strcmp(name, ".."))
        return 0;
    size_t length = (size_t)walk->where.base + strlen(name);
    if (path_room(walk, length + 1) < 0)   /* + 1: the '/' if it is a directory */
        return -1;
    strcpy(walk->path + walk->where.base, name);   /* `name` may go with its stream below */

    struct stat status;
    int type;
    if (stat_here(walk, &status) == 0)
        type = S_ISDIR(status.st_mode) ? FTW_D : S_ISLNK(status.st_mode) ? FTW_SL : FTW_F;
    else if (errno != EACCES && errno != ENOENT)
        return -1;
    else if (!(walk->flags & FTW_PHYS) && lstat(name_here(walk), &status) == 0 && S_ISLNK(status.st_mode))
        type = FTW_SLN;
    else
        type = FTW_NS;

    if (type != FTW_NS && (walk->flags & FTW_MOUNT) && status.st_dev != walk->start_device)
        return 0;   /* on another file system: not reported */
    if (type == FTW_D)
        return walk_directory(walk, &status, parent);
    return report(walk, &status, type);
}

/* Sets the walk up for `path`: the path, less its trailing slashes, and
 * where its last name starts; with FTW_CHDIR, the working directory
 * kept and changed to the path's parent. 0, or -1 with errno. */
static int start(struct walk *walk, const char *path)
{
    size_t length = strlen(path);
    walk->path_size = length * 2 > PATH_MAX ? length * 2 : PATH_MAX;
    if (!(walk->path = malloc(walk->path_size)))
        return -1;
    memcpy(walk->path, path, length + 1);
    while (length > 1 && walk->path[length - 1] == '/')
        walk->path[--length] = '\0';
    size_t base = length;
    while (base > 0 && walk->path[base - 1] != '/')
        base--;
    walk->where.base = (int)base;
    walk->where.level = 0;
    if (!(walk->flags & FTW_CHDIR))
        return 0;
    if (!(walk->start_directory = getcwd(NULL, 0)))
        return -1;
    if (base == 0)
        return 0;
    if (base == 1)
        return chdir("/");
    walk->path[base - 1] = '\0';
    int status = chdir(walk->path);
    walk->path[base - 1] = '/';
    return status;
}

/* Visits the start, the whole tree below it if it is a directory. */
static int walk_from_start(struct walk *walk)
{
    struct stat status;
    if (stat_here(walk, &status) < 0) {
        if (!(walk->flags & FTW_PHYS) && errno == ENOENT && lstat(name_here(walk), &status) == 0 &&
            S_ISLNK(status.st_mode))
            return report(walk, &status, FTW_SLN);
        return -1;   /* nothing to say about it */
    }
    if (!S_ISDIR(status.st_mode))
        return report(walk, &status, S_ISLNK(status.st_mode) ? FTW_SL : FTW_F);
    walk->start_device = status.st_dev;
    return walk_directory(walk, &status, NULL);
}

static int walk_tree(const char *path, struct walk *walk, int nopenfd)
{
    if (!*path) {
        errno = ENOENT;
        return -1;
    }
    walk->ring_size = nopenfd < 1 ? 1 : nopenfd;
    walk->ring_next = 0;
    walk->ring = calloc((size_t)walk->ring_size, sizeof *walk->ring);
    walk->path = NULL;
    walk->entered = NULL;
    walk->start_directory = NULL;
    int result = -1;
    if (walk->ring && start(walk, path) == 0)
        result = walk_from_start(walk);
    int saved_errno = errno;
    if (walk->start_directory)
        chdir(walk->start_directory);
    free(walk->start_directory);
    tdestroy(walk->entered, free);
    free(walk->path);
    free(walk->ring);
    errno = saved_errno;
    return result;
}

int ftw(const char *path, __ftw_func_t visit, int nopenfd)
{
    struct walk walk = { .ftw_visit = visit, .flags = 0 };
    return walk_tree(path, &walk, nopenfd);
}

int nftw(const char *path, __nftw_func_t visit, int nopenfd, int flags)
{
    if (flags & ~(FTW_PHYS | FTW_MOUNT | FTW_CHDIR | FTW_DEPTH)) {
        errno = EINVAL;
        return -1;
    }
    struct walk walk = { .nftw_visit = visit, .flags = flags };
    return walk_tree(path, &walk, nopenfd);
}
