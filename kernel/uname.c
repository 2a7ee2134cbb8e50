/* kernel/uname.c - uname(2): the kernel's names. They are fixed when the
 * kernel is built: there is no sethostname. */
#include "lib/string.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"
#include "uapi/utsname.h"

#define KERNEL_SYSNAME  "IPC-kernel"
#define KERNEL_NODENAME "ipc"
#define KERNEL_RELEASE  "0.24"                       /* the issue the identity work came with */
#define KERNEL_VERSION  "#1"                         /* the first build of the release */
#define KERNEL_MACHINE  "i686"                       /* as Linux names a 32-bit x86 */

int sys_uname(struct utsname *user_names)
{
    struct utsname names;
    memset(&names, 0, sizeof names);
    strlcpy(names.sysname, KERNEL_SYSNAME, sizeof names.sysname);
    strlcpy(names.nodename, KERNEL_NODENAME, sizeof names.nodename);
    strlcpy(names.release, KERNEL_RELEASE, sizeof names.release);
    strlcpy(names.version, KERNEL_VERSION, sizeof names.version);
    strlcpy(names.machine, KERNEL_MACHINE, sizeof names.machine);
    strlcpy(names.domainname, "(none)", sizeof names.domainname);
    return copy_to_user(user_names, &names, sizeof names) < 0 ? -EFAULT : 0;
}
