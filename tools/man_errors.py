#!/usr/bin/env python3
"""tools/man_errors.py - which errno values can each system call return?

Reads the kernel's C (kernel/, arch/x86/) and answers, for every entry of
the system call table (the rows SYSCALL_ROW(name) of each subsystem,
kernel/subsystems/*.c: handler sys_name), the set of -E... values its
handler can hand back to the program. The man pages' ERRORS sections are
checked against it (tests/man/test_man_pages.py); run it alone to see the
sets:

    tools/man_errors.py              every system call and its errors
    tools/man_errors.py msg_call     one call, and for each error the functions
                                     the call reaches that write it (a guide
                                     for reading the code, wider than the flow)

How it works (a small data-flow analysis, no compiler needed):

  - every function of the kernel (in .c and .h files) is cut out of its file,
    comments and strings removed; a call reaches the function of that name
    in the caller's own file if there is one (static functions may share a
    name), else the public one;
  - a value is a set of "atoms": an errno name (EINVAL), or "parameter i".
    `return EXPR` adds to the function's result; `name = EXPR` (also
    `name[i] = EXPR`) to a local variable at that place in the function;
    `x->field = EXPR` to the field, known by its structure's name when the
    declarations tell it (`struct msg_port *own`), else by the field's
    name alone; `*param = EXPR` to what the function writes through a
    pointer parameter, which `f(..., &status)` gives to the caller's
    `status`;
  - an expression's set: `-EINVAL` (also `(uint32_t)-EINVAL`) is {EINVAL};
    a positive `ECONNRESET` kept in a field counts once negated
    (`-socket->pending_error`); a variable read somewhere holds what the
    assignments before that place (or anywhere in a loop around it) gave
    it; a field is its set; `f(args)` is f's result, its parameters
    replaced by the arguments' sets; `x->op(args)` is the result of every
    function put into a structure of x's type as `.op = function`
    (inode->operations->read reaches the `struct inode_operations` tables'
    read, not a `struct file_operations` one), of any type when x's is
    unknown; `a ? b : c` and
    `a ?: b` are b's and c's; anything else (a comparison, arithmetic,
    `-E...` after `==` or `!=`) gives nothing;
  - `v == -EEXIST ? -EISDIR : v` takes EEXIST out of the second v: the
    translation idiom of kernel/fs/fs_syscalls.c;
  - everything is repeated until no set grows;
  - -ERESTARTSYS and -ERESTARTNOHAND never reach a program: signal.c turns
    them into a restart or into EINTR (finish_interrupted_call), so they count
    as EINTR.

The analysis does not follow conditions, so where the code makes an error
impossible in a way it cannot see, IMPOSSIBLE below says so: the function,
the errors it cannot return (nor write through a pointer parameter), and the
line of code that makes it so; if that line changes, the check fails and
someone must look again.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE_DIRS = ["kernel", "arch/x86"]
RESTART_CODES = {"ERESTARTSYS": "EINTR", "ERESTARTNOHAND": "EINTR"}

# (function, errors, file, text that must be in it): the analysis finds
# these errors in the function's result, but the code shown rules them out.
IMPOSSIBLE = [
    # autobind takes any free port on INADDR_ANY: never a port below 1024
    # (EACCES) nor an address that is not ours (EADDRNOTAVAIL)
    ("autobind", {"EACCES", "EADDRNOTAVAIL"}, "kernel/net/inet_socket_calls.c",
     "return socket->bound ? 0 : inet_port_bind(socket, INADDR_ANY, 0);"),
    # every Internet protocol has a port table and a connect call
    ("inet_port_bind", {"EOPNOTSUPP"}, "kernel/net/inet_port.c", "if (!table)"),
    ("inet_connect", {"EOPNOTSUPP"}, "kernel/net/inet_socket_calls.c", "if (!socket->protocol->connect)"),
    # walk() gives EEXIST and EINVAL only when it stops before the last name
    # (WALK_TO_PARENT)
    ("vfs_lookup", {"EEXIST", "EINVAL"}, "kernel/fs/path.c", "return walk(0, path, WALK_FOLLOW_LAST, result, 0);"),
    ("vfs_lookup_from", {"EEXIST", "EINVAL"}, "kernel/fs/path.c",
     "return walk(directory, path, follow_last ? WALK_FOLLOW_LAST : 0, result, 0);"),
    # a mailbox's waiters share the message port's `result` with msg_*; a peer's
    # exit writes -ESRCH only into ports that wait in msg_recv or msg_call for it
    ("sys_mbox_send", {"ESRCH"}, "kernel/ipc/msg.c",
     "if ((their->waiting & (MESSAGE_RECEIVING | MESSAGE_AWAITING_REPLY)) && their->peer == thread->tid) {"),
    ("sys_mbox_recv", {"ESRCH"}, "kernel/ipc/msg.c",
     "if ((their->waiting & (MESSAGE_RECEIVING | MESSAGE_AWAITING_REPLY)) && their->peer == thread->tid) {"),
    # sigreturn hands back the interrupted code's eax as it was: an EINTR
    # there is the interrupted call's result, not sigreturn's (and the
    # -ERESTARTNOHAND a sigsuspend without the big lock puts there is EINTR
    # before the handler's frame saves it); it comes back through
    # signal_return_from_handler's *eax
    ("signal_return_from_handler", {"EINTR", "ERESTARTNOHAND"}, "kernel/ipc/signal_syscalls.c",
     "*eax = (int)frame->eax;"),
    # exec's new address space: the segments end at or below USER_MMAP_TOP
    # (checked first, ENOEXEC), so the empty heap after them and the stack
    # above never overlap anything or leave user memory
    ("exec_into", {"EINVAL"}, "kernel/proc/exec.c", "end < start || end > USER_MMAP_TOP)"),
    # write() on a datagram (or seqpacket) socket sends to its peer, with
    # no path: the lookup of a path (EACCES, ELOOP, EIO, ENOENT, ENOTDIR,
    # ENAMETOOLONG, EPROTOTYPE) never runs
    ("socket_file_write", {"EACCES", "ELOOP", "EIO", "ENOENT", "ENOTDIR", "ENAMETOOLONG", "EPROTOTYPE"},
     "kernel/ipc/socket.c", "status = socket->type == SOCK_DGRAM ? socket_datagram_send(socket, &data, 0, nonblocking, 0)"),
    # writev on a socket is sendmsg with no address and no control buffer:
    # no name is looked up (ELOOP, ENOENT, ...), none is given to a
    # connected socket (EISCONN) or of another family (EAFNOSUPPORT), no
    # credentials are claimed (ESRCH)
    ("socket_write_vector", {"EAFNOSUPPORT", "EISCONN", "ELOOP", "ENAMETOOLONG", "ENOENT", "ENOTDIR", "EPROTOTYPE",
                             "ESRCH"},
     "kernel/ipc/socket_message.c", "*status = family->sendmsg(file, data, 0, 0, 0, 0, 0);"),
    # vfs_create's EISDIR is for a non-directory named "x/": never for mkdir
    ("sys_mkdir", {"EISDIR"}, "kernel/fs/fs_syscalls.c", "return create_at(AT_FDCWD, user_path, INODE_DIRECTORY, mode);"),
    ("sys_mkdirat", {"EISDIR"}, "kernel/fs/fs_syscalls.c", "return create_at(dirfd, user_path, INODE_DIRECTORY, mode);"),
    # ext2's EPERM is for a device file, which only the kernel makes, at
    # boot in /dev (kernel/fs/devices.c): no system call asks for one
    ("vfs_create_from", {"EPERM"}, "kernel/fs/ext2/ext2_namei.c", "if (type == INODE_DEVICE)"),
    # ext2's EMLINK is for a new directory (its parent's links): open, bind
    # and mknod make other types (mknod: FIFOs, sockets, regular files)
    ("vfs_open", {"EMLINK"}, "kernel/fs/vfs.c", "status = vfs_create_from(from, path, INODE_REGULAR, mode, &inode);"),
    ("sys_bind", {"EMLINK"}, "kernel/ipc/socket_naming.c",
     "status = vfs_create(name->bytes, INODE_SOCKET, SOCKET_NODE_PERMISSIONS, &node);"),
    ("sys_mknodat", {"EMLINK"}, "kernel/fs/fs_syscalls.c", "return create_at(dirfd, user_path, INODE_REGULAR, mode);"),
    # unlink and rmdir share remove_locked: "/" (EEXIST) becomes EISDIR or
    # EBUSY; a directory is EISDIR for unlink before its emptiness or a
    # mount on it (EBUSY, ENOTEMPTY) is looked at; rmdir starts from
    # AT_FDCWD, never a descriptor (EBADF: unlinkat's, on unlink(2)'s page)
    ("sys_unlink", {"EEXIST", "EBUSY", "ENOTEMPTY"}, "kernel/fs/name_syscalls.c",
     "return sys_unlinkat(AT_FDCWD, user_path, 0);"),
    ("sys_rmdir", {"EEXIST", "EISDIR", "EBADF"}, "kernel/fs/name_syscalls.c",
     "return sys_unlinkat(AT_FDCWD, user_path, AT_REMOVEDIR);"),
    ("sys_unlinkat", {"EEXIST"}, "kernel/fs/name_syscalls.c", "return directory ? -EBUSY : -EISDIR;"),
    # rename: the lookups' EEXIST ("/") becomes EBUSY; later statuses are
    # from checks and the file system's rename, which never say EEXIST
    ("rename_locked", {"EEXIST"}, "kernel/fs/name_syscalls.c", "return status == -EEXIST ? -EBUSY : status;"),
    # a regular file is open for writing only if its file system is not
    # read-only (open checks it, the line below; mount flags never change):
    # ext2's write and truncate never say EROFS to write() and ftruncate()
    ("regular_write", {"EROFS"}, "kernel/fs/vfs.c", "int status = vfs_may_write(inode);   /* EROFS */"),
    ("sys_ftruncate", {"EROFS"}, "kernel/fs/vfs.c", "int status = vfs_may_write(inode);   /* EROFS */"),
    # ext2's block map: every caller asks for the block holding a byte at a
    # 32-bit offset, so n < 2^32 / 1024 = 2^22, and blocks of 1024 bytes or
    # more (the line below) give 256 or more pointers a block, whose triple
    # indirect block reaches past 2^24 blocks: never beyond
    ("path_of", {"EFBIG"}, "kernel/fs/ext2/ext2_super.c",
     "fs->block_size = EXT2_MIN_BLOCK_SIZE << super->s_log_block_size;"),
    # msg_call sends without MSG_NONBLOCK: msg_send_sync's EAGAIN cannot come
    ("msg_call", {"EAGAIN"}, "kernel/ipc/msg_call.c",
     "status = msg_send_sync(target, user_message, &sent, 0, &hand_to);"),
]

TYPE_WORDS = {"int", "unsigned", "signed", "long", "short", "char", "void", "const", "volatile",
              "struct", "union", "enum", "size_t", "ssize_t", "off_t", "pid_t", "bool"}
KEYWORDS = {"if", "while", "for", "switch", "return", "sizeof", "case", "do", "else", "goto",
            "break", "continue", "default", "typedef", "static", "inline", "extern",
            "__asm__", "asm", "__attribute__", "__builtin_offsetof", "offsetof"} | TYPE_WORDS

TOKEN = re.compile(r"\s*(?:(0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*)|([A-Za-z_]\w*)|"
                   r"(->|\+\+|--|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|\.\.\.|[^\s]))")


def strip_source(text):
    """The C text without comments, strings, characters and # lines."""
    text = re.sub(r"\\\n", " ", text)
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(" " * 1 + "\n" * text.count("\n", i, j))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append('0')
            i = j + 1
        else:
            out.append(c)
            i += 1
    lines = ["" if line.lstrip().startswith("#") else line for line in "".join(out).split("\n")]
    return "\n".join(lines)


def tokenize(text):
    tokens = []
    for m in TOKEN.finditer(text):
        tok = m.group(1) or m.group(2) or m.group(3)
        if tok:
            tokens.append(tok)
    return tokens


def matching(tokens, i):
    """Index of the bracket that closes tokens[i]."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    opening, closing, depth = tokens[i], pairs[tokens[i]], 0
    for j in range(i, len(tokens)):
        if tokens[j] == opening:
            depth += 1
        elif tokens[j] == closing:
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1



def matching_open(tokens):
    """The index of the "(" that the final ")" of `tokens` closes, or None."""
    depth = 0
    for j in range(len(tokens) - 1, -1, -1):
        if tokens[j] == ")":
            depth += 1
        elif tokens[j] == "(":
            depth -= 1
            if depth == 0:
                return j
    return None

class Function:
    def __init__(self, name, params, body, path, returns=None, types=None):
        self.name, self.params, self.body, self.path = name, params, body, path
        self.returns = returns       # the struct it returns a pointer to, or None
        self.types = types or {}     # variable -> struct name
        self.result = set()          # atoms: "EINVAL", ("param", i)
        self.out = {}                # i -> errno names written through parameter i (`*error = -EBADF`)
        self.variables = {}          # name -> {position of the assignment: set of atoms}
        self.loops = []              # (first, last) token of each loop's statement


class Program:
    """Every function of the kernel, the fields, and the operation tables."""

    def __init__(self, root=ROOT):
        self.functions = {}          # name -> its (non-static) definition
        self.definitions = {}        # name -> every definition (static ones may share a name)
        self.fields = {}             # (struct or None, field name) -> set of errno names
        self.members = {}            # (struct, member) -> struct of the member
        self.operations = {}         # (struct or None, field name) -> functions put there
        self.param_values = {}       # (function, i) -> errno names its callers pass
        self.texts = {}
        self.position = 0            # where the expression being valued is, in its function
        self.impossible = {}
        for function, errors, _, _ in IMPOSSIBLE:
            self.impossible.setdefault(function, set()).update(errors)
        for directory in SOURCE_DIRS:
            for base, _, files in os.walk(os.path.join(root, directory)):
                for name in sorted(files):
                    if name.endswith((".c", ".h")):
                        path = os.path.join(base, name)
                        with open(path) as f:
                            text = f.read()
                        self.texts[os.path.relpath(path, root)] = text
                        self.parse(tokenize(strip_source(text)), os.path.relpath(path, root))
        self.solve()

    def parse(self, tokens, path):
        depth, i = 0, 0
        while i < len(tokens):
            tok = tokens[i]
            if tok == "{":
                # a function body: `name ( params ) {` at the top level
                if depth == 0 and i > 0 and tokens[i - 1] == ")":
                    start = i - 1
                    d = 0
                    while start >= 0:
                        if tokens[start] == ")":
                            d += 1
                        elif tokens[start] == "(":
                            d -= 1
                            if d == 0:
                                break
                        start -= 1
                    name = tokens[start - 1] if start > 0 else ""
                    end = matching(tokens, i)
                    if re.match(r"[A-Za-z_]\w*$", name) and name not in KEYWORDS:
                        params = self.parameter_names(tokens[start + 1:i - 1])
                        returns = tokens[start - 3] if start >= 3 and tokens[start - 4:start - 3] == ["struct"] \
                            else None
                        types = self.declarations(tokens[start + 1:i - 1] + [","] + tokens[i + 1:end])
                        function = Function(name, params, tokens[i + 1:end], path, returns, types)
                        function.static = "static" in tokens[max(0, start - 7):start - 1]
                        self.definitions.setdefault(name, []).append(function)
                        if not function.static or name not in self.functions:
                            self.functions[name] = function
                    i = end + 1
                    continue
                # a structure's definition: the structs of its members
                if i >= 2 and tokens[i - 2] == "struct":
                    end = matching(tokens, i)
                    for member, struct in self.declarations(tokens[i + 1:end]).items():
                        self.members[(tokens[i - 1], member)] = struct
                    i = end + 1
                    continue
                # an initializer: `.op = function` pairs, of `struct S name = {` if it says
                end = matching(tokens, i)
                body = tokens[i + 1:end]
                struct = self.initialized_struct(tokens, i)
                for j in range(len(body) - 3):
                    if body[j] == "." and body[j + 2] == "=" and re.match(r"[A-Za-z_]\w*$", body[j + 3]) \
                            and (j + 4 >= len(body) or body[j + 4] in ",}"):
                        self.operations.setdefault((None, body[j + 1]), set()).add(body[j + 3])
                        if struct:
                            self.operations.setdefault((struct, body[j + 1]), set()).add(body[j + 3])
                i = end + 1
                continue
            i += 1

    @staticmethod
    def initialized_struct(tokens, i):
        """S for an initializer `struct S name = {` (or `name[N] = {`) whose
        "{" is tokens[i], else None."""
        if i < 1 or tokens[i - 1] != "=":
            return None
        for j in range(i - 2, max(0, i - 12), -1):
            if tokens[j] in (";", "{", "}", "="):
                return None
            if tokens[j] == "struct":
                return tokens[j + 1]
        return None

    def operation_functions(self, function, callee):
        """The functions a call `x->op(...)` may reach: those put into
        `.op` of x's struct when x's type is known (inode->operations is
        a struct inode_operations), else into any `.op`."""
        struct = self.chain_type(function, callee[:-2])
        if struct and (struct, callee[-1]) in self.operations:
            return self.operations[(struct, callee[-1])]
        return self.operations.get((None, callee[-1]), set())

    @staticmethod
    def declarations(tokens):
        """{name: struct} for every `struct S *a, b` among the tokens."""
        found = {}
        for j in range(len(tokens) - 2):
            if tokens[j] == "struct" and re.match(r"[A-Za-z_]\w*$", tokens[j + 1]):
                k = j + 2
                while k < len(tokens):
                    while k < len(tokens) and tokens[k] in ("*", "const"):
                        k += 1
                    if k < len(tokens) and re.match(r"[A-Za-z_]\w*$", tokens[k]) and \
                            (k + 1 >= len(tokens) or tokens[k + 1] in (",", ";", "=", ")", "[")):
                        found[tokens[k]] = tokens[j + 1]
                        if k + 1 < len(tokens) and tokens[k + 1] == ",":
                            k += 2
                            continue
                    break
        return found

    def chain_type(self, function, tokens):
        """The struct an access chain (or a call) gives, if known."""
        tokens = self.strip(tokens)
        if not tokens:
            return None
        if len(tokens) == 1:
            return function.types.get(tokens[0])
        if tokens[-1] == ")":
            j = matching_open(tokens)
            if j is None:
                return None
            callees = self.resolve(function, tokens[j - 1]) if j == 1 else []
            return callees[0].returns if callees else None
        if len(tokens) >= 3 and tokens[-2] in ("->", "."):
            base = self.chain_type(function, tokens[:-2])
            return self.members.get((base, tokens[-1])) if base else None
        return None

    def field_key(self, function, tokens):
        """(struct or None, field) for the access chain `tokens`."""
        return (self.chain_type(function, tokens[:-2]), tokens[-1])

    def field_value(self, key):
        struct, field = key
        if struct is None:
            return set().union(*[v for (s, f), v in self.fields.items() if f == field])
        return self.fields.get(key, set()) | self.fields.get((None, field), set())

    @staticmethod
    def parameter_names(tokens):
        names, current = [], []
        for tok in tokens + [","]:
            if tok == ",":
                idents = [t for t in current if re.match(r"[A-Za-z_]\w*$", t) and t not in TYPE_WORDS]
                names.append(idents[-1] if idents and len(current) > 1 else None)
                current = []
            else:
                current.append(tok)
        return names

    # ------------------------------------------------------------ expressions
    def value(self, function, tokens):
        """The atoms an expression can have."""
        tokens = self.strip(tokens)
        if not tokens:
            return set()
        # a ternary (or a ?:) at the top level
        depth, question = 0, None
        for j, tok in enumerate(tokens):
            if tok in "([{":
                depth += 1
            elif tok in ")]}":
                depth -= 1
            elif tok == "?" and depth == 0 and question is None:
                question = j
        if question is not None:
            depth, colon, nested = 0, None, 0
            for j in range(question + 1, len(tokens)):
                tok = tokens[j]
                if tok in "([{":
                    depth += 1
                elif tok in ")]}":
                    depth -= 1
                elif tok == "?" and depth == 0:
                    nested += 1
                elif tok == ":" and depth == 0:
                    if nested == 0:
                        colon = j
                        break
                    nested -= 1
            if colon is None:
                return set()
            condition, yes, no = tokens[:question], tokens[question + 1:colon], tokens[colon + 1:]
            if not yes:                                   # a ?: b
                return self.value(function, condition) | self.value(function, no)
            result = self.value(function, yes)
            no_value = self.value(function, no)
            m = self.equality(condition)
            if m and self.strip(no) == [m[0]]:            # v == -EX ? ... : v
                no_value = no_value - {m[1]}
            return result | no_value
        if len(tokens) == 2 and tokens[0] == "-" and re.match(r"E[A-Z0-9]+$", tokens[1]):
            return {tokens[1]}
        if len(tokens) == 1 and re.match(r"E[A-Z0-9]+$", tokens[0]):
            return {"+" + tokens[0]}                      # a positive errno, kept to be negated later
        if len(tokens) > 1 and tokens[0] == "-":          # -socket->pending_error
            return {atom[1:] for atom in self.value(function, tokens[1:])
                    if isinstance(atom, str) and atom.startswith("+")}
        if len(tokens) == 1 and re.match(r"[A-Za-z_]\w*$", tokens[0]):
            return self.variable(function, tokens[0])
        if len(tokens) >= 4 and re.match(r"[A-Za-z_]\w*$", tokens[0]) and tokens[1] == "[" and \
                matching(tokens, 1) == len(tokens) - 1:         # an array's element: the array
            return self.variable(function, tokens[0])
        # a field: a->b.c
        if len(tokens) >= 3 and tokens[-2] in ("->", ".") and self.is_field(tokens):
            return set(self.field_value(self.field_key(function, tokens)))
        # a call: f(args) or x->op(args)
        if tokens[-1] == ")":
            open_index = matching_open(tokens)
            if open_index and self.is_access_chain(tokens[:open_index]):
                callee = tokens[:open_index]
                args = self.split_arguments(tokens[open_index + 1:-1])
                if len(callee) == 1:
                    return self.call_value(function, [callee[0]], args)
                if callee[-2] in ("->", "."):
                    return self.call_value(function, sorted(self.operation_functions(function, callee)), args)
        return set()

    @staticmethod
    def is_access_chain(tokens):
        if not tokens or not re.match(r"[A-Za-z_]\w*$", tokens[0]):
            return False
        for j, tok in enumerate(tokens[1:], 1):
            if j % 2 == 1 and tok not in ("->", "."):
                return False
            if j % 2 == 0 and not re.match(r"[A-Za-z_]\w*$", tok):
                return False
        return len(tokens) % 2 == 1

    def is_field(self, tokens):
        """An access chain whose base may be a call: port_of(p)->result."""
        if self.is_access_chain(tokens):
            return True
        if tokens[0] != "(" and len(tokens) > 3 and re.match(r"[A-Za-z_]\w*$", tokens[0]) and tokens[1] == "(":
            end = matching(tokens, 1)
            rest = tokens[end + 1:]
            return len(rest) >= 2 and self.is_access_chain(["x"] + rest)
        return False

    @staticmethod
    def equality(condition):
        """(v, E) for a condition `v == -E` or `-E == v`."""
        c = Program.strip(condition)
        if len(c) == 4 and c[1] == "==" and c[2] == "-" and re.match(r"E[A-Z0-9]+$", c[3]):
            return c[0], c[3]
        if len(c) == 4 and c[2] == "==" and c[0] == "-" and re.match(r"E[A-Z0-9]+$", c[1]):
            return c[3], c[1]
        return None

    def call_value(self, function, callees, args):
        result = set()
        arg_values = None
        for callee in [c for name in callees for c in self.resolve(function, name)]:
            for atom in callee.result:
                if isinstance(atom, tuple):
                    if arg_values is None:
                        arg_values = [self.value(function, a) for a in args]
                    if atom[1] < len(arg_values):
                        result |= arg_values[atom[1]]
                else:
                    result.add(atom)
        return result

    def resolve(self, caller, name):
        """The definitions a call of `name` from `caller` may reach: the
        caller's own file's, else the non-static ones, else all."""
        definitions = self.definitions.get(name, [])
        if len(definitions) <= 1:
            return definitions
        own = [f for f in definitions if f.path == caller.path]
        if own:
            return own
        public = [f for f in definitions if not f.static]
        return public or definitions

    def variable(self, function, name):
        """What `name` may hold where it is read (self.position): every
        assignment before that place, and every one in a loop around it."""
        if name in function.variables:
            result = set()
            for assigned_at, values in function.variables[name].items():
                if assigned_at < self.position or any(first <= assigned_at <= last and first <= self.position <= last
                                                      for first, last in function.loops):
                    result |= values
            if name not in function.params:
                return result
            return result | {("param", function.params.index(name))}
        if name in function.params:
            return {("param", function.params.index(name))}
        return set()

    @staticmethod
    def strip(tokens):
        """Without outer parentheses and casts."""
        while tokens:
            if tokens[0] == "(" and matching(tokens, 0) == len(tokens) - 1:
                tokens = tokens[1:-1]
                continue
            if tokens[0] == "(":
                end = matching(tokens, 0)
                inside = tokens[1:end]
                if inside and all(t == "*" or re.match(r"[A-Za-z_]\w*$", t) for t in inside) and \
                        (inside[0] in TYPE_WORDS or inside[0].endswith("_t")) and end + 1 < len(tokens):
                    tokens = tokens[end + 1:]
                    continue
            break
        return tokens

    @staticmethod
    def split_arguments(tokens):
        args, depth, current = [], 0, []
        for tok in tokens:
            if tok in "([{":
                depth += 1
            elif tok in ")]}":
                depth -= 1
            if tok == "," and depth == 0:
                args.append(current)
                current = []
            else:
                current.append(tok)
        if current:
            args.append(current)
        return args

    # ---------------------------------------------------------- statements
    def statements(self, function):
        """(kind, target, expression tokens): returns, assignments, calls."""
        body = function.body
        found = []
        for i, tok in enumerate(body):
            if tok == "return":
                end = self.expression_end(body, i + 1)
                found.append(("return", None, body[i + 1:end], i))
            elif tok == "=" and i > 0:
                end = self.expression_end(body, i + 1)
                j = i - 1
                if body[j] == "]":                          # descriptors[0] = ...: the array as one variable
                    depth = 0
                    while j > 0:
                        depth += body[j] == "]"
                        depth -= body[j] == "["
                        if depth == 0:
                            break
                        j -= 1
                    j -= 1
                if re.match(r"[A-Za-z_]\w*$", body[j]) and j > 0 and body[j - 1] == "*" and \
                        (j < 2 or body[j - 2] in (";", "{", "}", ")", "else")) and body[j] in function.params:
                    found.append(("out", function.params.index(body[j]), body[i + 1:end], i))
                elif re.match(r"[A-Za-z_]\w*$", body[j]):
                    if j > 0 and body[j - 1] in ("->", "."):
                        k = j
                        while k >= 2 and body[k - 1] in ("->", ".") and re.match(r"[A-Za-z_]\w*$", body[k - 2]):
                            k -= 2
                        if k >= 2 and body[k - 1] in ("->", ".") and body[k - 2] == ")":   # port_of(p)->result
                            depth, m = 0, k - 2
                            while m >= 0:
                                depth += body[m] == ")"
                                depth -= body[m] == "("
                                if depth == 0:
                                    break
                                m -= 1
                            k = m - 1
                        found.append(("field", self.field_key(function, body[k:j + 1]), body[i + 1:end], i))
                    else:
                        found.append(("variable", body[j], body[i + 1:end], i))
            if re.match(r"[A-Za-z_]\w*$", tok) and i + 1 < len(body) and body[i + 1] == "(" \
                    and tok in self.definitions:
                end = matching(body, i + 1)
                found.append(("call", tok, self.split_arguments(body[i + 2:end]), i))
            if tok in ("for", "while") and i + 1 < len(body) and body[i + 1] == "(":
                close = matching(body, i + 1)
                if close + 1 < len(body) and body[close + 1] == "{":
                    function.loops.append((i, matching(body, close + 1)))
                else:
                    function.loops.append((i, self.expression_end(body, close + 1)))
            elif tok == "do" and i + 1 < len(body) and body[i + 1] == "{":
                function.loops.append((i, matching(body, i + 1)))
        return found

    @staticmethod
    def expression_end(tokens, start):
        depth = 0
        for j in range(start, len(tokens)):
            tok = tokens[j]
            if tok in "([{":
                depth += 1
            elif tok in ")]}":
                if depth == 0:
                    return j
                depth -= 1
            elif tok in (";", ",") and depth == 0:
                return j
        return len(tokens)

    def solve(self):
        every = [f for definitions in self.definitions.values() for f in definitions]
        parsed = {f: self.statements(f) for f in every}
        changed = True
        while changed:
            changed = False
            for function in every:
                name = function.name
                for kind, target, expression, position in parsed[function]:
                    self.position = position
                    if kind == "out":
                        values = self.concrete(function, self.value(function, expression))
                        values -= self.impossible.get(name, set())
                        if values - function.out.get(target, set()):
                            function.out.setdefault(target, set()).update(values)
                            changed = True
                        continue
                    if kind == "call":
                        for callee in self.resolve(function, target):
                            for index, arg in enumerate(expression):
                                if len(arg) == 2 and arg[0] == "&" and index in callee.out:
                                    values = callee.out[index]
                                    assigned = function.variables.setdefault(arg[1], {}).setdefault(position, set())
                                    if values - assigned:
                                        assigned.update(values)
                                        changed = True
                                values = self.concrete(function, self.value(function, arg))
                                key = (callee, index)
                                if values - self.param_values.get(key, set()):
                                    self.param_values.setdefault(key, set()).update(values)
                                    changed = True
                        continue
                    values = self.value(function, expression)
                    if kind == "return":
                        values -= self.impossible.get(name, set())
                        if values - function.result:
                            function.result |= values
                            changed = True
                    elif kind == "variable":
                        assigned = function.variables.setdefault(target, {}).setdefault(position, set())
                        if values - assigned:
                            assigned.update(values)
                            changed = True
                    else:
                        values = self.concrete(function, values)
                        if values - self.fields.get(target, set()):
                            self.fields.setdefault(target, set()).update(values)
                            changed = True

    def concrete(self, function, values):
        """Parameter atoms replaced by what the function's callers pass."""
        result = set()
        for atom in values:
            if isinstance(atom, tuple):
                result |= self.param_values.get((function, atom[1]), set())
            else:
                result.add(atom)
        return result

    # ------------------------------------------------------------- answers
    def syscall_table(self):
        """{call name: [handler, ...]} from the subsystems' rows
        (kernel/subsystems/*.c), with the handlers a boot option may put in
        instead (syscall_replace). Made once: every answer asks for it."""
        if getattr(self, "_syscall_table", None) is not None:
            return self._syscall_table
        table = {}
        for path, text in sorted(self.texts.items()):
            if path.startswith("kernel/subsystems/"):
                for number in re.findall(r"SYSCALL_ROW\((\w+)\)", strip_source(text)):
                    table.setdefault(number, []).append("sys_" + number)
        for path, text in self.texts.items():
            for number, handler in re.findall(r"syscall_replace\(SYS_(\w+),\s*(\w+)\)", strip_source(text)):
                table.setdefault(number, []).append(handler)
        self._syscall_table = table
        return table

    def errors_of(self, call):
        """The errno names system call `call` can return."""
        result = set()
        for handler in self.syscall_table()[call]:
            function = self.functions[handler]
            for atom in self.concrete(function, function.result):
                if not atom.startswith("+"):
                    result.add(RESTART_CODES.get(atom, atom))
        return result

    def check_impossible(self):
        """Problems with IMPOSSIBLE: a line of code it relies on is gone."""
        problems = []
        for name, errors, path, text in IMPOSSIBLE:
            if text not in self.texts.get(path, ""):
                problems.append("%s: %s no longer contains %r: can it return %s now?" %
                                (name, path, text, " or ".join(sorted(errors))))
        return problems

    def explain(self, call, errno):
        """Functions reachable from the call's handlers that write `-errno`
        (for a person checking the answer; the fields too)."""
        seen, todo = set(), list(self.syscall_table()[call])
        while todo:
            name = todo.pop()
            if name in seen or name not in self.functions:
                continue
            seen.add(name)
            function = self.functions[name]
            body = function.body
            for i, tok in enumerate(body[:-1]):
                if body[i + 1] == "(":
                    if i > 0 and body[i - 1] in ("->", "."):
                        k = i
                        while k >= 2 and body[k - 1] in ("->", ".") and re.match(r"[A-Za-z_]\w*$", body[k - 2]):
                            k -= 2
                        todo.extend(self.operation_functions(function, body[k:i + 1]))
                    else:
                        todo.append(tok)
        codes = {errno} | {code for code, meaning in RESTART_CODES.items() if meaning == errno}
        lines = []
        for name in sorted(seen):
            body = self.functions[name].body
            for i in range(1, len(body)):
                if body[i] in codes and body[i - 1] == "-" and (i < 2 or body[i - 2] not in ("==", "!=")):
                    lines.append("%s (%s)" % (name, self.functions[name].path))
                    break
        return lines


def main(argv):
    if argv[1:2] in (["-h"], ["--help"]):
        print(__doc__)
        return
    program = Program()
    table = program.syscall_table()
    names = argv[1:] or sorted(table)
    unknown = [name for name in names if name not in table]
    if unknown:
        sys.exit("man_errors.py: no system call %s (tools/man_errors.py --help)" % ", ".join(unknown))
    for name in names:
        errors = sorted(program.errors_of(name))
        print("%-16s %s" % (name, " ".join(errors)))
        if len(argv) > 1:
            for errno in errors:
                print("    %s: %s" % (errno, ", ".join(program.explain(name, errno))))
    for problem in program.check_impossible():
        print("IMPOSSIBLE:", problem)


if __name__ == "__main__":
    main(sys.argv)
