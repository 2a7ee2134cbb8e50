"""tests/shell/shell_session.py - the shell and the utilities, tested the
way a person uses them: command lines typed on the terminal.

    run_all(boot) -> [(test_name, passed, detail), ...]

`boot(append, stdin_bytes, timeout)` is the caller's: it boots the kernel
with the serial line as the console and returns (status, timed_out,
output_text). Each session below is one boot of
`serial=raw quiet panic=poweroff -- --run /bin/sh` with its command lines
sent all at once; the terminal queues what the shell has not read yet (1 KiB
at most, so a session stays under INPUT_LIMIT bytes).

How a check finds its output. The terminal echoes every input byte as it
arrives, so the output starts with the echo of all the lines (each session
first sleeps a second so that this echo is over before commands write),
and the "$ " prompts are mixed into what follows. Each test therefore begins with
`echo tN:`; the lines after the line "tN:" up to the next such marker are
that test's block, and its expected lines must appear there one after the
other (a string matches a whole line; a compiled regex must match all of
it). Prompts are removed before matching. The echo of the input never
equals a marker line, since it reads "echo tN: ...".

Run alone (after `make build/kernel.elf build/initrd-tests.tar`):
    python3 tests/shell/shell_session.py
"""
import os
import re
import sys

APPEND = "serial=raw quiet panic=poweroff -- --run /bin/sh"
TIMEOUT = 90          # seconds per session (boot included)
INPUT_LIMIT = 900     # bytes per session: the terminal queues 1024
PROMPT = "$ "
# Every session starts with these lines. The kernel sets up the UART after
# QEMU may already have handed it the first input byte, which is then lost:
# the empty line is lost instead of a command's first letter. The sleep
# lets the terminal finish echoing the input before any command writes, so
# that the echo and the output do not mix within a line.
SESSION_START = "\nsleep 1\n"

MARKER = re.compile(r"^t\d+:$")


def test(name, lines, expected, absent=(), anywhere=False, skip_blank=False):
    """One check: `lines` (a string, maybe several lines) run after the
    marker; `expected` lines must come in its block in that order, with
    nothing between them (with `anywhere`, the one expected line may be
    anywhere in the block; with `skip_blank`, empty lines do not count);
    no line of the block may equal one in `absent`."""
    return {"name": "shell." + name, "lines": lines, "expected": expected, "absent": absent,
            "anywhere": anywhere, "skip_blank": skip_blank}


# Each session is one boot; tests in a session may rely on earlier ones
# (files they wrote, jobs they started). The last element is the status
# the session's final `exit` gives, checked as a test of its own.
SESSIONS = [
    ("pipes_and_redirections", [
        test("pipe_echo_to_wc_counts_bytes", "echo hello | wc -c", ["6"]),
        test("pipeline_of_four_stages_passes_data_through", "echo abc | cat | cat | wc -c", ["4"]),
        test("pipe_ls_bin_to_grep_finds_sh", "ls /bin | grep sh", ["sh"], anywhere=True),
        test("redirect_output_then_append_keeps_both_lines",
             "echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f", ["one", "two"]),
        test("redirect_input_feeds_a_pipeline", "cat < /tmp/f | wc -l", ["2"]),
        # GNU cat's rule: `cat f >> f` would read what it writes and grow f without end
        test("cat_refuses_an_input_that_is_its_output_file",
             "cat /tmp/f >> /tmp/f; echo $?; echo x > /tmp/x; cat - /tmp/x < /tmp/f >> /tmp/f; echo $?; wc -l < /tmp/f",
             ["cat: /tmp/f: input file is output file", "1", "cat: -: input file is output file", "1", "3"]),
        test("redirect_stderr_goes_to_the_file_not_the_terminal",
             "ls /nonexistent 2> /tmp/err; wc -l < /tmp/err", ["1"],
             absent=["ls: /nonexistent: No such file or directory"]),
        test("redirect_stderr_to_stdout_with_2_and_1",
             "ls /nonexistent > /tmp/both 2>&1; grep -c nonexistent /tmp/both", ["1"]),
        test("false_sets_status_1", "false; echo $?", ["1"]),
        test("unknown_command_is_not_found_with_status_127", "nosuchcmd; echo $?",
             ["sh: nosuchcmd: command not found", "127"]),
        test("quotes_keep_blanks_and_join_words", "echo \"a  b\" 'c d'", ["a  b c d"]),
        test("backslash_and_quote_escapes", "echo a\\ b \"c\\\"d\" 'e\\f' \\$HOME",
             ['a b c"d e\\f $HOME']),
        test("builtin_with_redirection_gives_the_terminal_back",
             "cd /tmp; pwd > /tmp/p; echo after; cat /tmp/p", ["after", "/tmp"]),
    ], 3),
    ("builtins_and_scripts", [
        test("cd_changes_directory_for_later_commands",
             "cd /tmp; pwd; touch rel; ls /tmp | grep rel", ["/tmp", "rel"]),
        test("cd_without_argument_goes_home", "export HOME=/bin; cd; pwd; cd /", ["/bin"]),
        test("cd_to_missing_directory_fails_with_status_1", "cd /nonexistent; echo $?",
             ["sh: cd: /nonexistent: No such file or directory", "1"]),
        test("script_file_runs_line_by_line_with_arguments",
             "echo 'echo script $1' > /tmp/s.sh; echo '# comment' >> /tmp/s.sh\n"
             "echo 'false; echo status $?' >> /tmp/s.sh; sh /tmp/s.sh arg",
             ["script arg", "status 1"]),
        test("sh_dash_c_runs_a_line_and_exits_with_its_status",
             "sh -c 'echo inner; exit 7'; echo $?", ["inner", "7"]),
        test("and_or_lists_run_by_status",
             "true && echo and-ran; false && echo never; false || echo or-ran",
             ["and-ran", "or-ran"]),
        test("environment_variables_expand",
             "export GREETING=hi; echo \"$GREETING there\" ${GREETING}x", ["hi there hix"]),
        test("syntax_error_is_reported_runs_nothing_and_sets_status_2",
             "true\necho a | | echo never\necho $?", ["sh: syntax error near '|'", "2"]),
        test("help_lists_builtins_and_programs_by_topic",
             "help | grep -c Built-in; help demos | grep -c pipe_demo; help tools | grep -c fuzz; help x; echo $?",
             ["1", "1", "1", "sh: help: x: no such topic (topics: builtins utilities demos tools)", "1"]),
        test("comment_after_command_is_ignored", "echo visible # not this", ["visible"]),
    ], 0),
    ("jobs", [
        test("background_job_is_listed_as_running", "sleep 2 &\njobs",
             [re.compile(r"\[\d+\] Running  sleep 2 &")]),
        test("finished_background_job_is_reported_done", "sleep 3\ntrue",
             [re.compile(r"\[\d+\] Done  sleep 2")]),
        test("kill_ends_a_background_job_and_it_is_reported",
             "sleep 30 &\nkill $!; wait; echo waited",
             ["waited", re.compile(r"\[\d+\] Terminated  sleep 30")]),
        test("stopped_background_job_is_listed_as_stopped",
             "sleep 30 &\nkill -STOP $!; sleep 1; jobs",
             [re.compile(r"\[\d+\] Stopped  sleep 30")]),
        test("bg_and_kill_end_the_stopped_job",
             "bg; kill $!; wait; echo gone",
             [re.compile(r"\[\d+\] sleep 30 &"), "gone"]),
        test("fg_continues_a_stopped_job_and_waits_for_it",
             "sleep 2 &\nkill -STOP $!; sleep 1\nfg; echo fg-status $?",
             ["sleep 2", "fg-status 0"]),
        test("and_or_list_runs_in_the_background_as_one_job",
             "true && sleep 1 && echo bg-list &\necho fg-first; wait",
             ["fg-first", "bg-list"]),
        # a background job that reads the terminal is stopped by SIGTTIN
        # (kernel/drivers/tty_job_control.c) until fg gives it the terminal
        test("background_read_of_the_terminal_stops_the_job",
             "head -n 1 > /tmp/line &\nsleep 1; jobs",
             [re.compile(r"\[\d+\] Stopped  head -n 1 > /tmp/line")], anywhere=True),
        test("fg_lets_the_stopped_reader_read_its_line", "fg\nabc\nwc -c < /tmp/line", ["4"], anywhere=True),
        # the same words for a signal in the foreground and in a report (strsignal's, as
        # bash); the sleep 1 lets the job's child give SIGQUIT its default action first
        test("a_job_killed_by_a_signal_is_named_alike_in_front_and_behind",
             "sleep 30 &\nsleep 1; kill -QUIT $!; wait; sh -c 'kill -QUIT $$'; sh -c 'kill -USR1 $$'",
             ["Quit", "User defined signal 1", re.compile(r"\[\d+\] Quit  sleep 30")]),
    ], 0),
    # Jobs named by their [N] as bash names them: %N, %TEXT (the command's start).
    ("job_specs", [
        test("kill_percent_n_signals_job_n_and_wait_percent_n_gives_its_status",
             "sleep 30 &\nsleep 31 &\nkill %1; wait %1; echo status $?; jobs",
             ["status 143", re.compile(r"\[1\] Terminated  sleep 30"), re.compile(r"\[2\] Running  sleep 31 &")]),
        test("fg_percent_n_continues_job_n_not_the_latest",
             "sleep 1 &\nfg %1; echo fg-status $?", ["sleep 1", "fg-status 0"]),
        test("kill_stop_and_bg_percent_n_stop_and_continue_job_n",
             "kill -STOP %2; sleep 1; jobs; bg %2; jobs",
             [re.compile(r"\[2\] Stopped  sleep 31"), "[2] sleep 31 &", "[2] Running  sleep 31 &"]),
        test("kill_percent_text_names_the_job_by_its_command",
             "kill -STOP %sleep; sleep 1; kill %sleep; wait %sleep; echo status $?",
             ["status 143"]),
        test("wait_pid_gives_the_status_of_that_process",
             "sh -c 'exit 7' &\nwait $!; echo status $?", ["status 7"]),
        test("an_unknown_job_is_no_such_job",
             "kill %9; echo $?; wait %9; echo $?; fg %9",
             ["sh: kill: %9: no such job", "1", "sh: wait: %9: no such job", "127",
              "sh: fg: %9: no such job"]),
    ], 0),
    ("utilities", [
        test("mkdir_p_and_rm_r_make_and_remove_a_tree",
             "mkdir -p /tmp/a/b/c; touch /tmp/a/b/c/x; ls /tmp/a/b/c; rm -r /tmp/a; ls /tmp/a; echo $?",
             ["x", "ls: /tmp/a: No such file or directory", "1"]),
        test("rm_without_r_refuses_a_directory", "mkdir /tmp/d; rm /tmp/d; echo $?",
             ["rm: /tmp/d: Is a directory", "1"]),
        test("cp_into_a_directory_and_mv_rename",
             "echo data > /tmp/src; cp /tmp/src /tmp/d; mv /tmp/d/src /tmp/d/moved; ls /tmp/d; cat /tmp/d/moved",
             ["moved", "data"]),
        test("wc_counts_aligned_like_gnu",
             "echo one two > /tmp/w; wc /tmp/w; wc -l /tmp/w /tmp/w; echo a b | wc",
             ["1 2 8 /tmp/w", " 1 /tmp/w", " 1 /tmp/w", " 2 total", "      1       2       4"]),
        test("grep_options_i_n_v_c_and_no_match_status",
             "echo Hello > /tmp/g; echo world >> /tmp/g\n"
             "grep -i hello /tmp/g; grep -n world /tmp/g; grep -vc world /tmp/g; grep zzz /tmp/g; echo $?",
             ["Hello", "2:world", "1", "1"]),
        test("head_n_prints_the_first_lines", "head -n 1 /tmp/g", ["Hello"]),
        test("head_takes_the_old_dash_count_and_c_as_gnu_head", "head -1 /tmp/g; head -c3 /tmp/g; echo",
             ["Hello", "Hel"]),
        test("cat_of_missing_file_fails_with_status_1", "cat /nonexistent; echo $?",
             ["cat: /nonexistent: No such file or directory", "1"]),
        test("ls_l_shows_mode_owner_size_and_name", "touch /tmp/new; ls -l /tmp/g /tmp/new",
             [re.compile(r"-rw-r--r-- root +root +12 /tmp/g"), re.compile(r"-rw-r--r-- root +root +0 /tmp/new")]),
        test("kill_l_lists_signal_names", "kill -l | head -n 2", [" 1 HUP", " 2 INT"]),
        test("ps_prints_a_header_and_itself", "ps | head -n 1; ps | grep -c ' ps'",
             [re.compile(r" *PID +PPID +PGID +NLWP +S +LVL +NI +TIME\(ms\) +WAIT +ON +NAME"), "1"]),
        test("sleep_takes_fractions_and_rejects_words", "sleep 0.2; echo $?; sleep x 2>/dev/null; echo $?",
             ["0", "2"]),
        test("echo_n_leaves_out_the_newline", "echo -n no-newline; echo", ["no-newline"]),
        test("clear_writes_the_escape_sequence", "clear | wc -c", ["7"]),
        test("true_and_false_exit_0_and_1", "true; echo $?; false; echo $?", ["0", "1"]),
    ], 0),
    # /bin/man formats the pages of docs/man, installed in /usr/share/man.
    # Body lines are indented (two spaces or more), headings are not.
    ("manual", [
        test("man_section_and_name_shows_the_page_with_its_sections",
             "man 2 msg_call | grep -v '  '",
             ["NAME", "SYNOPSIS", "DESCRIPTION", "RETURN VALUE", "ERRORS", "NOTES", "EXAMPLES", "SEE ALSO"],
             skip_blank=True),
        test("man_header_names_the_page_and_its_section", "man msg_call | head -n 1",
             [re.compile(r"msg_call\(2\) +System Calls Manual +msg_call\(2\)")]),
        test("man_page_text_is_filled_and_indented", "man msg_call | grep 'half of a request'",
             [re.compile(r"       \S.{40,71}")]),
        test("man_errors_are_tagged_paragraphs", "man msg_call | grep -n EDEADLK",
             [re.compile(r"\d+:       EDEADLK")]),
        test("man_finds_an_overview_in_section_7", "man ipc | head -n 1",
             [re.compile(r"ipc\(7\) +Overviews +ipc\(7\)")]),
        test("man_follows_a_so_link_page", "man 3 sprintf | head -n 1",
             [re.compile(r"printf\(3\) +Library Functions Manual +printf\(3\)")]),
        test("man_prefers_section_1_to_2", "man kill | head -n 1",
             [re.compile(r"kill\(1\) +User Commands +kill\(1\)")]),
        test("man_of_a_missing_page_fails_with_status_1", "man nosuchpage; echo $?",
             ["man: no manual entry for nosuchpage", "1"]),
    ], 0),
    # `sh -c 'echo $#' x WORDS` prints how many arguments WORDS became.
    ("field_splitting", [
        test("unquoted_variable_is_split_at_blanks",
             "export V='a  b	c'; sh -c 'echo $#' x $V; echo $V", ["3", "a b c"]),
        test("double_quoted_variable_stays_one_argument",
             "sh -c 'echo $#' x \"$V\"; echo \"$V\"", ["1", "a  b\tc"]),
        test("split_words_join_the_text_around_them",
             "echo x$V\"y\"; sh -c 'echo $#' x x$V\"y\"", ["xa b cy", "3"]),
        test("unquoted_empty_expansion_gives_no_argument",
             "export E=; sh -c 'echo $#' x $E; sh -c 'echo $#' x a $E $NOSUCH b; echo a $E b",
             ["0", "2", "a b"]),
        test("quoted_empty_expansion_gives_an_empty_argument",
             "sh -c 'echo $#' x \"$E\" ''", ["2"]),
        # W: 128 words. The kernel takes 511 arguments (E2BIG beyond), the shell builds 1024.
        test("more_than_1024_words_is_an_error_and_runs_nothing",
             "export W='a b c d e f g h'; export W=\"$W $W $W $W\"; export W=\"$W $W $W $W\"\n"
             "sh -c 'echo $#' x $W $W $W; echo $W $W $W $W; echo $?\n"
             "echo $W $W $W $W $W $W $W $W $W; echo $?; echo $W $W $W $W $W $W $W $W $W | wc -c",
             ["384", "sh: echo: Argument list too long", "126",
              "sh: more than 1024 arguments", "1", "sh: more than 1024 arguments", "0"]),
    ], 0),
    ("globbing", [
        test("star_gives_the_matches_sorted",
             "mkdir /tmp/g; cd /tmp/g; touch zb za b2 b1 a; echo *", ["a b1 b2 za zb"]),
        # a directory of our own, so that the checks do not depend on what /bin holds
        test("star_in_a_path_matches_in_that_directory",
             "mkdir /tmp/x; touch /tmp/x/mv /tmp/x/cp /tmp/x/ls /tmp/x/chat /tmp/x/cat; echo /tmp/x/c*",
             ["/tmp/x/cat /tmp/x/chat /tmp/x/cp"]),
        test("question_mark_matches_one_character", "echo /tmp/x/?? b?",
             ["/tmp/x/cp /tmp/x/ls /tmp/x/mv b1 b2"]),
        test("bracket_ranges_and_negation",
             "echo /tmp/x/[a-c]?? [!ab]? [^z]? b[12]", ["/tmp/x/cat za zb b1 b2 b1 b2"]),
        test("pattern_in_several_components", "echo /tmp/*/b? /*/?at",
             ["/tmp/g/b1 /tmp/g/b2 /bin/cat"]),
        test("no_match_leaves_the_word_as_it_is", "echo /bin/zz* /nodir/* q?", ["/bin/zz* /nodir/* q?"]),
        test("quoted_wildcards_are_literal",
             "echo '*' \\* \"b?\" 'z'* /tmp/x/\"c\"?", ["* * b? za zb /tmp/x/cp"]),
        test("star_leaves_out_hidden_files_a_dot_matches_them",
             "echo > .hidden; echo * | grep -c hidden; echo .h* ?hidden", ["0", ".hidden ?hidden"]),
        test("variable_holding_a_pattern_is_globbed_unless_quoted",
             "export P='/tmp/x/c?'; echo $P \"$P\"", ["/tmp/x/cp /tmp/x/c?"]),
    ], 0),
]


def session_input(tests):
    """The bytes typed in a session: each test's marker and lines, then exit."""
    text = SESSION_START
    for number, t in enumerate(tests):
        t["marker"] = "t%d:" % number
        text += "echo %s\n%s\n" % (t["marker"], t["lines"])
    return text


def output_lines(text):
    """The output as lines, without carriage returns and prompts."""
    return text.replace("\r", "").replace(PROMPT, "").split("\n")


def line_matches(pattern, line):
    if isinstance(pattern, str):
        return line == pattern
    return pattern.fullmatch(line) is not None


def find_block(lines, marker):
    """The lines after the line `marker` up to the next marker line, or None."""
    for index, line in enumerate(lines):
        if line == marker:
            block = []
            for following in lines[index + 1:]:
                if MARKER.match(following):
                    break
                block.append(following)
            return block
    return None


def check(t, lines):
    """(passed, detail) for test `t` against the session's output lines."""
    block = find_block(lines, t["marker"])
    if block is None:
        return False, "its marker line %r never came out" % t["marker"]
    expected = t["expected"]
    if t["skip_blank"]:
        block = [line for line in block if line.strip()]
    if t["anywhere"]:
        found = any(line_matches(expected[0], line) for line in block)
    else:
        found = any(all(line_matches(p, block[start + i]) for i, p in enumerate(expected))
                    for start in range(len(block) - len(expected) + 1))
    shown = [p if isinstance(p, str) else "/%s/" % p.pattern for p in expected]
    if not found:
        return False, "ran %r: expected the lines %r, got %r" % (t["lines"], shown, block)
    for line in block:
        if line in t["absent"]:
            return False, "ran %r: the line %r should not have appeared" % (t["lines"], line)
    return True, ""


def tail(text, count=12):
    return "\n    ".join(text.strip().splitlines()[-count:])


def run_session(boot, name, tests, exit_status):
    """Boots one session and returns the results of its tests."""
    typed = session_input(tests) + "exit %d\n" % exit_status
    results = []
    if len(typed.encode()) > INPUT_LIMIT:
        return [("shell.%s_input_fits_the_terminal_queue" % name, False,
                 "%d bytes of input, more than %d" % (len(typed.encode()), INPUT_LIMIT))]
    status, timed_out, text = boot(APPEND, typed.encode(), TIMEOUT)
    lines = output_lines(text)
    for t in tests:
        passed, detail = check(t, lines)
        if not passed and timed_out:
            detail += " (the session timed out)"
        results.append((t["name"], passed, detail))
    ended_well = not timed_out and status == exit_status
    results.append(("shell.%s_exit_gives_status_%d" % (name, exit_status), ended_well,
                    "" if ended_well else "status %s%s\n    %s" % (
                        status, " (timed out)" if timed_out else "", tail(text))))
    if name == SESSIONS[0][0]:
        seen = PROMPT in text
        results.append(("shell.prompt_is_printed_on_a_terminal", seen,
                        "" if seen else "no %r in the output" % PROMPT))
    return results


def run_all(boot):
    """Every session; returns [(test_name, passed, detail), ...]."""
    results = []
    for name, tests, exit_status in SESSIONS:
        results += run_session(boot, name, tests, exit_status)
    return results


if __name__ == "__main__":
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.path.insert(0, os.path.join(root, "tools"))
    import qemu_boot  # noqa: E402

    def boot_here(append, stdin_bytes, timeout):
        return qemu_boot.boot(os.path.join(root, "build", "kernel.elf"),
                              os.path.join(root, "build", "initrd-tests.tar"),
                              append, timeout, stdin_data=stdin_bytes)

    failures = 0
    for test_name, passed, detail in run_all(boot_here):
        failures += not passed
        print(("PASS " if passed else "FAIL ") + test_name + ("" if passed else ": " + detail))
    sys.exit(1 if failures else 0)
