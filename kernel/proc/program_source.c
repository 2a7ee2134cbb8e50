/* kernel/proc/program_source.c - where exec finds programs: the file system. */
#include "fs/vfs.h"
#include "process.h"
#include "uapi/errno.h"

int process_read_program(const char *path, struct inode **program)
{
    struct inode *inode;
    int result = vfs_lookup(path, &inode);
    if (result < 0)
        return result;
    if (inode->type != INODE_REGULAR)
        return -EACCES;
    *program = inode;
    return 0;
}
