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
; On several CPUs (the subsystem "smp") the switch is
; switch_to_task_on_several_cpus instead (kernel/sched/switch.h calls
; whichever switch_to_task_now names): the same, and then, on the
; stack of the task switched to, scheduler_finish_switch
; (kernel/sched/smp_wait.c): it gives this CPU's run-queue lock back
; (held across the switch, kernel/sched/run_queue_lock.h), notes whether
; the task it came from held the big kernel lock, and takes or gives
; that lock to be as the task switched to had it. A new task comes
; through it too, before its first `ret`. (The code after the stack
; changes is the switcher's, not the code that saved the task: so
; either switch may resume a task the other put aside.) One CPU pays
; nothing for it.
;
; struct task begins with (kernel/sched/task.h):
%define TASK_SAVED_ESP         0
%define TASK_PAGE_DIRECTORY    4       ; physical address, for CR3
%define TASK_KERNEL_STACK_TOP  8       ; for the TSS's esp0

; and the running CPU's struct cpu, at %fs (arch/x86/per_cpu.h):
%define CPU_CURRENT            4       ; current_task
%define CPU_TSS_ESP0           12

section .text

; Saves the running task's registers and stack (esi = next, edi = the
; running task), and takes up next's: its stack, its TSS entry, its page
; directory.
%macro SWITCH_STACKS 0
    push ebx
    push esi
    push edi
    push ebp

    mov edi, [fs:CPU_CURRENT]
    mov esi, [esp + (4 + 1) * 4]          ; next: above 4 pushes and the return address
    mov [edi + TASK_SAVED_ESP], esp       ; the current task's stack, as it is now

    mov [fs:CPU_CURRENT], esi
    mov esp, [esi + TASK_SAVED_ESP]       ; from here on, next's stack
    mov ebx, [esi + TASK_KERNEL_STACK_TOP]
    mov [fs:CPU_TSS_ESP0], ebx            ; interrupts from its user mode land here
    mov eax, [esi + TASK_PAGE_DIRECTORY]
    mov ecx, cr3
    cmp eax, ecx
    je %%same_address_space               ; reloading CR3 would flush the TLB for nothing
    mov cr3, eax
%%same_address_space:
%endmacro

%macro RESUME 0
    pop ebp
    pop edi
    pop esi
    pop ebx
    ret                                   ; into next's caller of switch_to_task
%endmacro

global switch_to_task
switch_to_task:
    SWITCH_STACKS
    RESUME

%ifdef SUBSYSTEM_SMP
extern scheduler_finish_switch
global switch_to_task_on_several_cpus
switch_to_task_on_several_cpus:
    SWITCH_STACKS
    push edi                              ; scheduler_finish_switch(previous), in next
    call scheduler_finish_switch
    add esp, 4
    RESUME
%endif
