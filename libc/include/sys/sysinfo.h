/* libc/include/sys/sysinfo.h - the system's overall figures (Linux's
 * sysinfo(2), here a library function on kinfo: libc/unistd/sysinfo.c)
 * and the number of processors. */
#ifndef LIBC_INCLUDE_SYS_SYSINFO_H
#define LIBC_INCLUDE_SYS_SYSINFO_H

/* Linux's layout on i386. Sizes are in units of mem_unit bytes. */
struct sysinfo {
    long uptime;                 /* seconds since boot */
    unsigned long loads[3];      /* 1, 5 and 15 minute load averages (x 65536): 0, none kept */
    unsigned long totalram;      /* memory the kernel manages */
    unsigned long freeram;       /* of which free now */
    unsigned long sharedram;     /* 0 */
    unsigned long bufferram;     /* 0 */
    unsigned long totalswap;     /* 0: no swap */
    unsigned long freeswap;      /* 0 */
    unsigned short procs;        /* processes (alive and zombie) */
    unsigned short pad;
    unsigned long totalhigh;     /* 0: no high memory */
    unsigned long freehigh;      /* 0 */
    unsigned int mem_unit;       /* 1: the sizes are in bytes */
    char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

/* Fills *info; 0, or -1 with errno (EFAULT for NULL). */
int sysinfo(struct sysinfo *info);
/* The processors configured and online: 1 here. */
int get_nprocs(void);
int get_nprocs_conf(void);

#endif
