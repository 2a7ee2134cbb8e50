/* kernel/uapi/prctl.h - prctl(2)'s options this kernel answers, Linux's
 * values: a process's parent-death signal, a thread's name, and whether a
 * process adopts its descendants' orphans (docs/processes.md). */
#ifndef KERNEL_UAPI_PRCTL_H
#define KERNEL_UAPI_PRCTL_H

#define PR_SET_PDEATHSIG        1    /* arg2: the signal sent when the parent ends; 0: none */
#define PR_GET_PDEATHSIG        2    /* arg2: int * */
#define PR_SET_NAME            15    /* arg2: the thread's name, 16 bytes with its 0 (longer: cut) */
#define PR_GET_NAME            16    /* arg2: char[16] */
#define PR_SET_CHILD_SUBREAPER 36    /* arg2: 1 adopts its descendants' orphans, 0 no more */
#define PR_GET_CHILD_SUBREAPER 37    /* arg2: int * */

#endif
