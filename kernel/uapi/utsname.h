/* kernel/uapi/utsname.h - what uname(2) fills: the system's names, as
 * Linux's struct new_utsname lays them out (six fields of 65 bytes, each
 * NUL-terminated). Shared by the kernel (kernel/uname.c) and <sys/utsname.h>. */
#ifndef KERNEL_UAPI_UTSNAME_H
#define KERNEL_UAPI_UTSNAME_H

#define UTSNAME_LENGTH 65

struct utsname {
    char sysname[UTSNAME_LENGTH];     /* the kernel's name */
    char nodename[UTSNAME_LENGTH];    /* the machine's name on a network */
    char release[UTSNAME_LENGTH];     /* the kernel's release */
    char version[UTSNAME_LENGTH];     /* what build of that release */
    char machine[UTSNAME_LENGTH];     /* the hardware it runs on */
    char domainname[UTSNAME_LENGTH];  /* (a GNU extension: "(none)") */
};

#endif
