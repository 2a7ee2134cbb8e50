; arch/x86/trap_entry.asm - every way into the kernel and the way back out.
;
; Each of the 256 vectors used gets a tiny stub that makes the stack look the
; same (an error code, the vector number) and jumps to trap_common, which
; saves the rest of struct trap_frame (arch/x86/trap_frame.h) and calls
; trap_dispatch(frame) in C. System calls (int 0x80, or sysenter) have
; their own short path: they call the handler straight from the table in
; kernel/syscall.c, with copies of the user's ebx..ebp as the C arguments.

%define KERNEL_DATA_SELECTOR 0x10
%define PER_CPU_SELECTOR 0x830     ; this CPU's struct cpu (per_cpu.h, gdt.h)
%define CPU_CURRENT 4              ; offsetof(struct cpu, current)
%define CPU_TSS_ESP0 12            ; offsetof(struct cpu, tss.esp0)
%define FRAME_ECX 24               ; offsetof(struct trap_frame, ecx)
%define FRAME_EDX 20
%define SYSCALL_COUNT 224
%define SYSCALL_CANCEL_POINT 0x100 ; past the table: a marked cancellation point, else -ENOSYS
%define FRAME_EAX 28               ; offsetof(struct trap_frame, eax)
%define FRAME_EIP 56               ; offsetof(struct trap_frame, eip)
%define FRAME_EBP 8                ; offsetof(struct trap_frame, ebp)
%define FRAME_USER_ESP 68          ; offsetof(struct trap_frame, user_esp)
%define USER_CODE_SELECTOR 0x1B    ; gdt.h
%define USER_DATA_SELECTOR 0x23
%define USER_END 0xC0000000        ; kernel/mm/memory_layout.h
%define EFLAGS_INTERRUPT_ENABLE 0x200

section .rodata
kernel_data_selector: dw KERNEL_DATA_SELECTOR   ; loaded by SAVE_REGISTERS
per_cpu_selector: dw PER_CPU_SELECTOR

section .text

; void gdt_load(const struct gdt_pointer *pointer): the table and the
; kernel's segments, %fs its per-CPU segment. gdt.c loads the task
; register apart.
global gdt_load
gdt_load:
    mov eax, [esp + 4]
    lgdt [eax]
    mov ax, KERNEL_DATA_SELECTOR
    mov ds, ax
    mov es, ax
    mov gs, ax
    mov ss, ax
    mov ax, PER_CPU_SELECTOR
    mov fs, ax
    jmp 0x08:.reload_cs            ; a far jump reloads cs
.reload_cs:
    ret

; void idt_load(const struct idt_pointer *pointer)
global idt_load
idt_load:
    mov eax, [esp + 4]
    lidt [eax]
    ret

; Saves the registers in struct trap_frame order (see trap_frame.h): the
; segment registers, then the eight general registers with one `pusha`.
%macro SAVE_REGISTERS 0
    push gs
    push fs
    push es
    push ds
    pusha                          ; eax ecx edx ebx esp ebp esi edi
    mov ds, [ss:kernel_data_selector] ; ring 3 may have loaded anything in ds
    mov es, [ss:kernel_data_selector] ; and es; ss is the kernel's already
    mov fs, [ss:per_cpu_selector]  ; and fs: the kernel's is this CPU's (per_cpu.h)
    cld                            ; C code expects the direction flag clear
%endmacro

; Undoes SAVE_REGISTERS and the stub's two pushes, and returns to where
; the trap was taken.
%macro RESTORE_REGISTERS_AND_RETURN 0
    popa                           ; all but esp, which pusha saved only as a copy
    pop ds
    pop es
    pop fs
    pop gs
    add esp, 8                     ; trap number and error code
    iret
%endmacro

; With several CPUs running tasks, "interrupts off" is not a lock by
; itself: whoever runs in the kernel with interrupts off also holds the
; big kernel lock (arch/x86/big_kernel_lock.c). A way in from code that
; ran with interrupts on (ring 3, a kernel task, the idle task) takes it;
; the way out to such code gives it back (trap_return). From code that
; had them off already (a page fault in a system call's copy_from_user),
; this CPU holds it already. One CPU: big_kernel_lock_in_use is 0, and
; this costs a compare and a jump not taken on each way. (The ways with
; the lock are stubs of their own, below each usual one: a label before
; a call would rename the stub in GDB's backtraces.) A kernel without the
; subsystem "smp" (kernel/subsystems/smp.c) has none of it.
%ifdef SUBSYSTEM_SMP
extern big_kernel_lock_in_use
extern big_kernel_lock_take, big_kernel_lock_enter, big_kernel_lock_leave
%endif

; A vector for which the CPU pushes no error code: push a zero instead.
%macro TRAP_WITHOUT_ERROR_CODE 1
trap_stub_%1:
    push 0
    push %1
    jmp trap_common
%endmacro

; A vector for which the CPU has pushed an error code already.
%macro TRAP_WITH_ERROR_CODE 1
trap_stub_%1:
    push %1
    jmp trap_common
%endmacro

; exceptions 0-31: 8, 10-14, 17, 21, 29 and 30 come with an error code
%assign vector 0
%rep 32
  %if vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || vector == 21 || vector == 29 || vector == 30
    TRAP_WITH_ERROR_CODE vector
  %else
    TRAP_WITHOUT_ERROR_CODE vector
  %endif
  %assign vector vector + 1
%endrep
; the PIC's 16 interrupt requests, remapped to vectors 32-47, then the
; local APIC's: its timer (48) and the reschedule message (49)
%rep 18
    TRAP_WITHOUT_ERROR_CODE vector
  %assign vector vector + 1
%endrep

; The stubs' addresses, read by idt_init (arch/x86/idt.c).
section .rodata
global trap_stub_table
trap_stub_table:
%assign vector 0
%rep 50
    dd trap_stub_ %+ vector
  %assign vector vector + 1
%endrep

section .text
extern trap_dispatch
trap_common:
    SAVE_REGISTERS
%ifdef SUBSYSTEM_SMP
    cmp dword [big_kernel_lock_in_use], 0
    jne trap_common_locking
%endif
    push esp                       ; struct trap_frame *
    call trap_dispatch
    add esp, 4
    jmp trap_return

%ifdef SUBSYSTEM_SMP
trap_common_locking:               ; several CPUs: the lock first
    push esp                       ; struct trap_frame *
    call big_kernel_lock_enter     ; takes it if the frame had interrupts on
    call trap_dispatch             ; (the same argument)
    add esp, 4
    jmp trap_return

; The messages a CPU must answer even while another holds the big kernel
; lock (and may be waiting for the answer): the TLB shootdown (vector 50)
; and the stop of a panic (NMI, vector 2). They take no lock, touch no
; task, and go straight back (smp_ipi.c).
extern trap_dispatch_without_lock
%macro TRAP_WITHOUT_LOCK 1
global trap_stub_without_lock_%1
trap_stub_without_lock_%1:
    push 0
    push %1
    SAVE_REGISTERS
    push esp
    call trap_dispatch_without_lock
    add esp, 4
    RESTORE_REGISTERS_AND_RETURN
%endmacro
TRAP_WITHOUT_LOCK 2
TRAP_WITHOUT_LOCK 50
%endif

; Device not available (vector 7): the running task's first x87
; instruction since it came on this CPU, CR0.TS set. Its registers are
; loaded (kernel/sched/x87_lazy.c) and the instruction runs again. No
; lock on any profile: an interrupt gate keeps interrupts off, and the
; trap touches only this CPU's FPU and the running task's own state; no
; work for the way back either (it made none).
extern x87_device_not_available
global trap_stub_device_not_available
trap_stub_device_not_available:
    push 0
    push 7
    SAVE_REGISTERS
    call x87_device_not_available
    RESTORE_REGISTERS_AND_RETURN

; The local APIC's spurious interrupt: nothing to acknowledge.
global trap_stub_spurious
trap_stub_spurious:
    iret

; int 0x80: eax = number, ebx ecx edx esi edi ebp = arguments.
; The handler in the table is called as handler(ebx, ecx, edx, esi, edi, ebp)
; from a copy of the six registers: a C function may overwrite its argument
; slots, and the saved ones must come back unchanged (only eax changes).
; Every slot of the table holds a handler (no_such_system_call where the
; number means nothing), so only the range is checked. The usual way runs
; straight down, without a jump, to the iret.
extern syscall_table
%macro CALL_THE_HANDLER 0
    cmp eax, SYSCALL_COUNT
    jae syscall_entry.unknown
    push ebp                       ; the arguments, copied (see above)
    push edi
    push esi
    push edx
    push ecx
    push ebx
    call [syscall_table + eax * 4]
    add esp, 24
    mov [esp + FRAME_EAX], eax     ; the result goes back in eax
%endmacro

global syscall_entry
syscall_entry:
    push eax                       ; "error code": the call's number, kept for a restart
    push 0x80                      ; trap number
    SAVE_REGISTERS                 ; (eax still holds the number)
    CALL_THE_HANDLER
    ; fall through

; Before user mode: a signal to deliver? (kernel/ipc/signal.c) Then
; back, with no lock to give: syscall_entry is the way in of one CPU.
extern return_to_user_work
%define TASK_USER_WORK_PENDING 12    ; offsetof(struct task, user_work_pending)
return_to_user:
    mov eax, [fs:CPU_CURRENT]      ; current_task
    cmp dword [eax + TASK_USER_WORK_PENDING], 0
    jne return_to_user_with_work
    RESTORE_REGISTERS_AND_RETURN

; The same after syscall_entry_locking (and a call outside the table):
; trap_return gives the lock back if it is used.
return_to_user_unlocking:
    mov eax, [fs:CPU_CURRENT]
    cmp dword [eax + TASK_USER_WORK_PENDING], 0
    jne return_to_user_with_work
    ; fall through

; Restores a struct trap_frame from the stack and returns to where it was
; taken. New user processes start here too (kernel/proc/process.c builds a
; frame for them), and so does a fork's child.
global trap_return
trap_return:
%ifdef SUBSYSTEM_SMP
    cmp dword [big_kernel_lock_in_use], 0
    jne trap_return_unlocking
%endif
    RESTORE_REGISTERS_AND_RETURN

%ifdef SUBSYSTEM_SMP
trap_return_unlocking:             ; several CPUs: the lock back, if it was taken
    push esp                       ; struct trap_frame *
    call big_kernel_lock_leave     ; gives it if the frame has interrupts on
    add esp, 4
    RESTORE_REGISTERS_AND_RETURN

; int 0x80 with several CPUs (smp_run_other_cpus points the IDT's gate
; here, so that one CPU pays nothing for the lock on the way in): ring 3
; always has interrupts on, so the lock is taken; then syscall_entry's way.
; A call marked in syscall_without_big_lock (kernel/fs/
; file_without_big_lock.c: read and write) starts without it, and takes
; it itself if it needs it; made as a cancellation point, only if marked
; AS_CANCEL_POINT too (sigtimedwait).
extern syscall_without_big_lock
%macro TAKE_THE_LOCK_UNLESS_MARKED 0
    cmp eax, SYSCALL_COUNT
    jae %%cancel_point
    cmp byte [syscall_without_big_lock + eax], 0
    jne %%call
    jmp %%take_the_lock
%%cancel_point:
    mov ecx, eax
    and ecx, ~SYSCALL_CANCEL_POINT
    cmp ecx, SYSCALL_COUNT
    jae %%take_the_lock
    test byte [syscall_without_big_lock + ecx], 2   ; AS_CANCEL_POINT (file_without_big_lock.h)
    mov ecx, [esp + FRAME_ECX]     ; the argument back (flags kept)
    jnz %%call
%%take_the_lock:
    call big_kernel_lock_take
    mov eax, [esp + FRAME_EAX]     ; the number and arguments again (C kept
    mov ecx, [esp + FRAME_ECX]     ; ebx esi edi ebp)
    mov edx, [esp + FRAME_EDX]
%%call:
%endmacro
global syscall_entry_locking
syscall_entry_locking:
    push eax
    push 0x80
    SAVE_REGISTERS
    TAKE_THE_LOCK_UNLESS_MARKED
    CALL_THE_HANDLER
    jmp return_to_user_unlocking
%endif

extern syscall_outside_table

syscall_entry.unknown:                 ; a cancellation point, or -ENOSYS (kernel/syscall.c)
    push esp                           ; struct trap_frame *
    call syscall_outside_table
    add esp, 4
    mov [esp + FRAME_EAX], eax
    jmp return_to_user_unlocking     ; (rare: the lock's check is paid)

return_to_user_with_work:
    push esp                       ; struct trap_frame *
    call return_to_user_work
    add esp, 4
    jmp trap_return

; sysenter: the fast way in (arch/x86/sysenter.c sets it up). The CPU
; loads cs and ss from SYSENTER_CS, esp from SYSENTER_ESP (the top of this
; CPU's sysenter_stack, whose word there is its struct cpu: per_cpu.h) and
; eip from SYSENTER_EIP, turns interrupts off and saves nothing of ring
; 3's: no return address, no stack, no flags. The library's stub
; (libc/syscall.h) leaves them where this finds them:
;
;     push ebp ; push 1f ; mov ebp, esp ; sysenter ; int 0x80 ; 1:
;
; so ebp is the user's stack, with the address to return to on top and
; the caller's ebp under it. Here the frame `int 0x80` would have made at
; 1 is built from that (esp and ebp as before the stub), and the call is
; made as syscall_entry (one CPU) or syscall_entry_locking (several)
; makes it: nothing after (a signal, fork) can tell the two ways apart. A
; restart steps back two bytes, as for int 0x80: onto the stub's int 0x80,
; which makes the call again the other way. Arguments: ebx ecx edx esi
; edi (five). No label between here and the call: GDB names the caller of
; the system call's C function by the symbol before it.
global sysenter_entry, sysenter_entry_end
sysenter_entry:
    mov esp, [esp]                 ; this CPU's struct cpu
    mov esp, [esp + CPU_TSS_ESP0]  ; the running task's kernel stack top
    push USER_DATA_SELECTOR        ; user_ss
    push ebp                       ; user_esp: set below
    pushfd                         ; eflags: ring 3's, but for the interrupt flag,
    or dword [esp], EFLAGS_INTERRUPT_ENABLE   ; which ring 3 always has on
    push 2                         ; no NT, AC, TF from ring 3 (sysenter keeps
    popfd                          ; them, and iret acts on NT); a single step
    push USER_CODE_SELECTOR        ; traps before all this (sysenter.c)
    push 0                         ; eip: set below
    push eax                       ; as syscall_entry
    push 0x80
    SAVE_REGISTERS
    cmp ebp, USER_END - 8          ; the stub's two words: user memory?
    ja sysenter_no_return_address
    mov eax, [ebp]                 ; the address to return to (the two reads
    cmp eax, USER_END              ; may fault: kernel/mm/page_fault.c)
    jae sysenter_no_return_address
    mov [esp + FRAME_EIP], eax
    mov eax, [ebp + 4]             ; the caller's ebp
    mov [esp + FRAME_EBP], eax
    add ebp, 8                     ; and its esp, above the stub's two words
    mov [esp + FRAME_USER_ESP], ebp
    mov eax, [esp + FRAME_EAX]     ; the call's number again
%ifdef SUBSYSTEM_SMP
    cmp dword [big_kernel_lock_in_use], 0
    jne .several_cpus
%endif
    CALL_THE_HANDLER               ; one CPU: as syscall_entry
    jmp return_to_user
%ifdef SUBSYSTEM_SMP
.several_cpus:                     ; as syscall_entry_locking
    TAKE_THE_LOCK_UNLESS_MARKED
    CALL_THE_HANDLER
    jmp return_to_user_unlocking
%endif
; No address to return to: the call is not made, and the process faults
; at eip 0xFFFFFFFF (SIGSEGV).
global sysenter_no_return_address
sysenter_no_return_address:
    mov dword [esp + FRAME_EIP], -1
    jmp return_to_user_unlocking   ; (no lock was taken: none is given)
sysenter_entry_end:
