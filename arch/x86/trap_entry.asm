; arch/x86/trap_entry.asm - every way into the kernel and the way back out.
;
; Each of the 256 vectors used gets a tiny stub that makes the stack look the
; same (an error code, the vector number) and jumps to trap_common, which
; saves the rest of struct trap_frame (arch/x86/trap_frame.h) and calls
; trap_dispatch(frame) in C. System calls (int 0x80) have their own short
; path: they call the handler straight from the table in kernel/syscall.c,
; with copies of the user's ebx..ebp as the C arguments.

%define KERNEL_DATA_SELECTOR 0x10
%define SYSCALL_COUNT 224
; (a number from SYSCALL_COUNT on is a marked cancellation point or -ENOSYS)
%define FRAME_EAX 28               ; offsetof(struct trap_frame, eax)

section .rodata
kernel_data_selector: dw KERNEL_DATA_SELECTOR   ; loaded by SAVE_REGISTERS

section .text

; void gdt_load(const struct gdt_pointer *pointer): the table and the
; kernel's segments. gdt.c loads the task register apart: every CPU loads
; this GDT (smp_boot.c), only the first loads its TSS, which a load marks
; busy.
global gdt_load
gdt_load:
    mov eax, [esp + 4]
    lgdt [eax]
    mov ax, KERNEL_DATA_SELECTOR
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    mov ss, ax
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
    cld                            ; C code expects the direction flag clear
%endmacro

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
; the PIC's 16 interrupt requests, remapped to vectors 32-47
%rep 16
    TRAP_WITHOUT_ERROR_CODE vector
  %assign vector vector + 1
%endrep

; The stubs' addresses, read by idt_init (arch/x86/idt.c).
section .rodata
global trap_stub_table
trap_stub_table:
%assign vector 0
%rep 48
    dd trap_stub_ %+ vector
  %assign vector vector + 1
%endrep

section .text
extern trap_dispatch
trap_common:
    SAVE_REGISTERS
    push esp                       ; struct trap_frame *
    call trap_dispatch
    add esp, 4
    jmp trap_return

; int 0x80: eax = number, ebx ecx edx esi edi ebp = arguments.
; The handler in the table is called as handler(ebx, ecx, edx, esi, edi, ebp)
; from a copy of the six registers: a C function may overwrite its argument
; slots, and the saved ones must come back unchanged (only eax changes).
; Every slot of the table holds a handler (no_such_system_call where the
; number means nothing), so only the range is checked. The usual way runs
; straight down, without a jump, to the iret.
extern syscall_table
global syscall_entry
syscall_entry:
    push eax                       ; "error code": the call's number, kept for a restart
    push 0x80                      ; trap number
    SAVE_REGISTERS                 ; (eax still holds the number)
    cmp eax, SYSCALL_COUNT
    jae .unknown
    push ebp                       ; the arguments, copied (see above)
    push edi
    push esi
    push edx
    push ecx
    push ebx
    call [syscall_table + eax * 4]
    add esp, 24
    mov [esp + FRAME_EAX], eax     ; the result goes back in eax
    ; fall through

; Before user mode: a signal to deliver? (kernel/ipc/signal.c)
extern current_task
extern return_to_user_work
%define TASK_USER_WORK_PENDING 12    ; offsetof(struct task, user_work_pending)
return_to_user:
    mov eax, [current_task]
    cmp dword [eax + TASK_USER_WORK_PENDING], 0
    jne return_to_user_with_work
    ; fall through

; Restores a struct trap_frame from the stack and returns to where it was
; taken. New user processes start here too (kernel/proc/process.c builds a
; frame for them), and so does a fork's child.
global trap_return
trap_return:
    popa                           ; all but esp, which pusha saved only as a copy
    pop ds
    pop es
    pop fs
    pop gs
    add esp, 8                     ; trap number and error code
    iret

extern syscall_outside_table
syscall_entry.unknown:                 ; a cancellation point, or -ENOSYS (kernel/syscall.c)
    push esp                           ; struct trap_frame *
    call syscall_outside_table
    add esp, 4
    mov [esp + FRAME_EAX], eax
    jmp return_to_user

return_to_user_with_work:
    push esp                       ; struct trap_frame *
    call return_to_user_work
    add esp, 4
    jmp trap_return
