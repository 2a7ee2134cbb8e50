"""tests/net/pair_test.py - two guests on one virtual cable, through
tools/run-pair as its user meets it: a TCP exchange (tests/net/net_client.c
sends 256 KiB to tests/net/net_echo_server.c and checks the echo) and a UDP
one (40 datagrams), each a server on 10.0.3.1 and a client on 10.0.3.2.

A datagram without an answer within a second is sent again, so the UDP
server may see one twice: it answers up to 8 copies of each (as many as the
client sends), and run-pair stops it once the client has checked all 40.

    run_all(build) -> [(name, passed, detail)]"""
import os
import subprocess

from net_guest import HERE, ROOT, tail

RUN_PAIR = os.path.join(ROOT, "tools", "run-pair")
TIMEOUT = 120
EXCHANGES = [
    ("net.pair.tcp_exchange_between_two_machines", "tcp 7 1", "tcp 10.0.3.1 7 262144 11", "PASS tcp"),
    ("net.pair.udp_exchange_between_two_machines", "udp 9 320", "udp 10.0.3.1 9 40 13", "PASS udp"),
]


def run_all(build):
    results = []
    for name, server_args, client_args, passed_line in EXCHANGES:
        command = [RUN_PAIR, "--build", build, "-t", str(TIMEOUT), "--server-args", server_args,
                   "--client-args", client_args, os.path.join(HERE, "net_echo_server.c"),
                   os.path.join(HERE, "net_client.c")]
        try:
            proc = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT + 60)
            out = proc.stdout + proc.stderr
            ok = proc.returncode == 0 and ("client | " + passed_line) in proc.stdout
            detail = "run-pair exited %d\n    %s" % (proc.returncode, tail(out, 20))
        except subprocess.TimeoutExpired:
            ok, detail = False, "run-pair did not end within %d s" % (TIMEOUT + 60)
        results.append((name, ok, "" if ok else detail))
    return results
