; arch/x86/switch_to_task.asm - step 1 of Brendan's multi-tasking tutorial.
;
; void switch_to_task(struct task *next)
;
; Called from C (kernel/sched/scheduler.c) with the kernel locked. Saves
; the callee-saved registers of the current task on its own kernel stack,
; records where that stack ended, and resumes `next` from the point where it
; last called switch_to_task: the other registers (eax, ecx, edx) are
; caller-saved in cdecl, so the C compiler has already put aside whatever it
; still needs. A new task's stack is built to look as if it had called
; switch_to_task itself (kernel/sched/task.c), so the final `ret` sends it
; to its start-up function.
;
; struct task begins with (kernel/sched/task.h):
%define TASK_SAVED_ESP         0
%define TASK_PAGE_DIRECTORY    4       ; physical address, for CR3
%define TASK_KERNEL_STACK_TOP  8       ; for the TSS's esp0

; and the running CPU's struct cpu, at %fs (arch/x86/per_cpu.h):
%define CPU_CURRENT            4       ; current_task
%define CPU_TSS_ESP0           12

section .text
global switch_to_task
switch_to_task:
    push ebx
    push esi
    push edi
    push ebp

    mov edi, [fs:CPU_CURRENT]
    mov [edi + TASK_SAVED_ESP], esp       ; the current task's stack, as it is now

    mov esi, [esp + (4 + 1) * 4]          ; next: above 4 pushes and the return address
    mov [fs:CPU_CURRENT], esi
    mov esp, [esi + TASK_SAVED_ESP]       ; from here on, next's stack
    mov ebx, [esi + TASK_KERNEL_STACK_TOP]
    mov [fs:CPU_TSS_ESP0], ebx            ; interrupts from its user mode land here
    mov eax, [esi + TASK_PAGE_DIRECTORY]
    mov ecx, cr3
    cmp eax, ecx
    je .same_address_space                ; reloading CR3 would flush the TLB for nothing
    mov cr3, eax
.same_address_space:

    pop ebp
    pop edi
    pop esi
    pop ebx
    ret                                   ; into next's caller of switch_to_task
