/* kernel/uname.c - uname(2): the kernel's names, fixed when the kernel is
 * built, but for the machine's name (nodename), which root may set
 * (sethostname(2)) and gethostname(3) reads. */
#include "lib/string.h"
#include "mm/uaccess.h"
#include "proc/users_for_core.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/utsname.h"

#define KERNEL_SYSNAME  "IPC-kernel"
#define KERNEL_NODENAME "ipc"
#define KERNEL_RELEASE  "0.24"                       /* the issue the identity work came with */
#define KERNEL_VERSION  "#1"                         /* the first build of the release */
#define KERNEL_MACHINE  "i686"                       /* as Linux names a 32-bit x86 */
#define NODENAME_MAX    64                           /* bytes of a name, as Linux's __NEW_UTS_LEN */

static char nodename[NODENAME_MAX + 1] = KERNEL_NODENAME;

int sys_uname(struct utsname *user_names)
{
    struct utsname names;
    memset(&names, 0, sizeof names);
    strlcpy(names.sysname, KERNEL_SYSNAME, sizeof names.sysname);
    strlcpy(names.nodename, nodename, sizeof names.nodename);
    strlcpy(names.release, KERNEL_RELEASE, sizeof names.release);
    strlcpy(names.version, KERNEL_VERSION, sizeof names.version);
    strlcpy(names.machine, KERNEL_MACHINE, sizeof names.machine);
    strlcpy(names.domainname, "(none)", sizeof names.domainname);
    return copy_to_user(user_names, &names, sizeof names) < 0 ? -EFAULT : 0;
}

/* The name is `length` bytes, as Linux takes them (a NUL among them ends
 * it early; nothing is checked). Context: system call; does not sleep. */
int sys_sethostname(const char *user_name, int length)
{
    if (!credentials_is_root(current_task->process))
        return -EPERM;
    if (length < 0 || length > NODENAME_MAX)
        return -EINVAL;
    char name[NODENAME_MAX + 1];
    if (copy_from_user(name, user_name, (uint32_t)length) < 0)
        return -EFAULT;
    name[length] = 0;
    memcpy(nodename, name, sizeof name);
    return 0;
}
