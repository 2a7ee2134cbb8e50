/* kernel/proc/program_source.c - where exec finds programs: the file system. */
#include "users_for_core.h"
#include "fs/vfs.h"
#include "process.h"
#include "uapi/errno.h"

#define ANY_EXECUTE_BITS 0111

int process_read_program(const char *path, struct inode **program)
{
    struct inode *inode;
    int result = vfs_lookup(path, &inode);
    if (result < 0)
        return result;
    if (inode->type != INODE_REGULAR)
        return -EACCES;
    /* EACCES: no execute permission; root needs one x bit at least (execve(2)) */
    if (inode_permission(inode, MAY_EXECUTE) < 0 || !(inode->permissions & ANY_EXECUTE_BITS))
        return -EACCES;
    *program = inode;
    return 0;
}
