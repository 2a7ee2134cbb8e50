/* tests/boot/socket_names_live_in_the_file_system.c - socket() and bind()
 * as Linux gives them for AF_UNIX: the kinds accepted and the errors for
 * the others; bind() makes a socket node at the path (S_ISSOCK, DT_SOCK in
 * its directory, open() of it is ENXIO) and fails with EADDRINUSE when the
 * path exists; finding a peer by path: no node is ENOENT, a node that is
 * no socket or whose socket is closed or not listening is ECONNREFUSED, a
 * socket of the other type EPROTOTYPE; socket calls on other descriptors
 * are ENOTSOCK. The node outlives its socket until unlinked. */
#include <dirent.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "boot_test.h"
#include "boot_socket.h"

static void only_local_stream_and_datagram_sockets_exist(void)
{
    CHECK_ERROR(socket(AF_INET6, SOCK_STREAM, 0), EAFNOSUPPORT);   /* no IPv6 here */
    CHECK_ERROR(socket(AF_UNIX, 3 /* SOCK_RAW */ + 8, 0), EINVAL);
    CHECK_ERROR(socket(AF_UNIX, SOCK_STREAM, 6 /* IPPROTO_TCP */), EPROTONOSUPPORT);
    CHECK_ERROR(socket(AF_UNIX, SOCK_STREAM | 0x100000, 0), EINVAL);
    int stream = socket(AF_UNIX, SOCK_STREAM, 0);
    int datagram = socket(AF_LOCAL, SOCK_DGRAM, PF_UNIX);
    CHECK(stream >= 0 && datagram >= 0, "socket(): %d and %d, errno %d", stream, datagram, errno);
    struct stat st;
    CHECK_EQ(0, fstat(stream, &st), "fstat of a socket");
    CHECK(S_ISSOCK(st.st_mode), "fstat of a socket: mode 0%o is not S_IFSOCK", st.st_mode);
    CHECK_ERROR(lseek(stream, 0, SEEK_SET), ESPIPE);
    int flags = fcntl(stream, F_GETFL);
    CHECK_EQ(O_RDWR, flags & O_ACCMODE, "a socket is open for reading and writing");
    close(stream);
    close(datagram);

    int nonblocking = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    CHECK(fcntl(nonblocking, F_GETFL) & O_NONBLOCK, "SOCK_NONBLOCK sets O_NONBLOCK");
    CHECK_EQ(FD_CLOEXEC, fcntl(nonblocking, F_GETFD), "SOCK_CLOEXEC sets FD_CLOEXEC");
    close(nonblocking);
}

static void bind_makes_a_socket_node(void)
{
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, "/tmp/named.sock");
    int server = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(0, bind(server, (struct sockaddr *)&address, length), "bind");
    struct stat st;
    CHECK_EQ(0, stat("/tmp/named.sock", &st), "stat of the bound path");
    CHECK(S_ISSOCK(st.st_mode), "the node's mode 0%o is not S_IFSOCK", st.st_mode);
    int found = 0;
    DIR *directory = opendir("/tmp");
    struct dirent *entry;
    while (directory && (entry = readdir(directory)))
        if (!strcmp(entry->d_name, "named.sock"))
            found = entry->d_type == DT_SOCK ? 1 : -1;
    closedir(directory);
    CHECK_EQ(1, found, "readdir shows the node as DT_SOCK (1), not another type (-1) or nothing (0)");
    CHECK_ERROR(open("/tmp/named.sock", O_RDWR), ENXIO);

    int other = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_ERROR(bind(other, (struct sockaddr *)&address, length), EADDRINUSE);
    int file = open("/tmp/plain_file", O_CREAT | O_WRONLY, 0644);
    close(file);
    struct sockaddr_un file_address;
    socklen_t file_length = unix_socket_address(&file_address, "/tmp/plain_file");
    CHECK_ERROR(bind(other, (struct sockaddr *)&file_address, file_length), EADDRINUSE);
    struct sockaddr_un second;
    socklen_t second_length = unix_socket_address(&second, "/tmp/second.sock");
    CHECK_ERROR(bind(server, (struct sockaddr *)&second, second_length), EINVAL);   /* named already */
    struct sockaddr_un nowhere;
    socklen_t nowhere_length = unix_socket_address(&nowhere, "/no/such/dir/s");
    CHECK_ERROR(bind(other, (struct sockaddr *)&nowhere, nowhere_length), ENOENT);

    /* addresses that are not well formed */
    int fresh = socket(AF_UNIX, SOCK_STREAM, 0);     /* only the family: an abstract name (Linux's autobind) */
    CHECK_EQ(0, bind(fresh, (struct sockaddr *)&second, 2), "bind with only the family autobinds");
    close(fresh);
    CHECK_ERROR(bind(other, (struct sockaddr *)&second, 1), EINVAL);
    CHECK_ERROR(bind(other, (struct sockaddr *)&second, sizeof second + 1), EINVAL);
    second.sun_family = 2;
    CHECK_ERROR(bind(other, (struct sockaddr *)&second, second_length), EINVAL);
    CHECK_ERROR(bind(other, (struct sockaddr *)16, second_length), EFAULT);

    /* a path filling all of sun_path, with no NUL: the length ends it */
    struct sockaddr_un full;
    memset(&full, 0, sizeof full);
    full.sun_family = AF_UNIX;
    memcpy(full.sun_path, "/tmp/", 5);
    memset(full.sun_path + 5, 'f', sizeof full.sun_path - 5);
    /* each component must fit the file system: split it into directories */
    for (unsigned i = 5 + 50; i < sizeof full.sun_path; i += 51)
        full.sun_path[i] = '/';
    full.sun_path[5 + 50] = 0;
    mkdir(full.sun_path, 0755);
    full.sun_path[5 + 50] = '/';
    full.sun_path[5 + 50 + 51] = 0;
    mkdir(full.sun_path, 0755);
    full.sun_path[5 + 50 + 51] = '/';
    CHECK_EQ(0, bind(other, (struct sockaddr *)&full, sizeof full), "bind of a 108-byte path without NUL");
    struct sockaddr_storage name;     /* room for the NUL after 108 bytes, as on Linux */
    socklen_t name_length = sizeof name;
    CHECK_EQ(0, getsockname(other, (struct sockaddr *)&name, &name_length), "getsockname");
    CHECK_EQ(sizeof full + 1, name_length, "its length: family, 108 bytes and a NUL");
    CHECK(!memcmp(((struct sockaddr_un *)&name)->sun_path, full.sun_path, sizeof full.sun_path),
          "getsockname gives the path back");
    close(other);
    char path[sizeof full.sun_path + 1];
    memcpy(path, full.sun_path, sizeof full.sun_path);
    path[sizeof full.sun_path] = 0;
    CHECK_EQ(0, unlink(path), "unlinking the long node");
    path[5 + 50 + 51] = 0;
    rmdir(path);
    path[5 + 50] = 0;
    rmdir(path);

    /* the node outlives the socket, until someone unlinks it */
    close(server);
    CHECK_EQ(0, stat("/tmp/named.sock", &st), "the node after its socket closed");
    CHECK_EQ(0, unlink("/tmp/named.sock"), "unlink of a socket node");
    unlink("/tmp/plain_file");
}

static void finding_a_peer_by_path_follows_linux(void)
{
    struct sockaddr_un address;
    int client = socket(AF_UNIX, SOCK_STREAM, 0);
    socklen_t length = unix_socket_address(&address, "/tmp/nothing_here.sock");
    CHECK_ERROR(connect(client, (struct sockaddr *)&address, length), ENOENT);
    int file = open("/tmp/not_a_socket", O_CREAT | O_WRONLY, 0644);
    close(file);
    length = unix_socket_address(&address, "/tmp/not_a_socket");
    CHECK_ERROR(connect(client, (struct sockaddr *)&address, length), ECONNREFUSED);
    unlink("/tmp/not_a_socket");

    int bound = socket(AF_UNIX, SOCK_STREAM, 0);
    length = unix_socket_address(&address, "/tmp/not_listening.sock");
    bind(bound, (struct sockaddr *)&address, length);
    CHECK_ERROR(connect(client, (struct sockaddr *)&address, length), ECONNREFUSED);
    int datagram = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK_ERROR(connect(datagram, (struct sockaddr *)&address, length), EPROTOTYPE);
    CHECK_ERROR(sendto(datagram, "x", 1, 0, (struct sockaddr *)&address, length), EPROTOTYPE);
    listen(bound, 1);
    close(bound);                     /* the node stays, refusing */
    CHECK_ERROR(connect(client, (struct sockaddr *)&address, length), ECONNREFUSED);
    unlink("/tmp/not_listening.sock");

    CHECK_EQ(0, mknod("/tmp/made_by_mknod", S_IFSOCK | 0644, 0), "mknod of a socket node");
    length = unix_socket_address(&address, "/tmp/made_by_mknod");
    CHECK_ERROR(connect(client, (struct sockaddr *)&address, length), ECONNREFUSED);
    unlink("/tmp/made_by_mknod");
    close(client);
    close(datagram);
}

static void socket_calls_want_sockets(void)
{
    int pipe_ends[2];
    pipe(pipe_ends);
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, "/tmp/x.sock");
    CHECK_ERROR(bind(pipe_ends[0], (struct sockaddr *)&address, length), ENOTSOCK);
    CHECK_ERROR(listen(pipe_ends[0], 1), ENOTSOCK);
    CHECK_ERROR(accept(pipe_ends[0], NULL, NULL), ENOTSOCK);
    CHECK_ERROR(connect(pipe_ends[1], (struct sockaddr *)&address, length), ENOTSOCK);
    CHECK_ERROR(send(pipe_ends[1], "x", 1, 0), ENOTSOCK);
    CHECK_ERROR(recv(pipe_ends[0], &address, 1, 0), ENOTSOCK);
    CHECK_ERROR(shutdown(pipe_ends[0], SHUT_RD), ENOTSOCK);
    CHECK_ERROR(getsockname(pipe_ends[0], (struct sockaddr *)&address, &length), ENOTSOCK);
    CHECK_ERROR(send(40, "x", 1, 0), EBADF);
    CHECK_ERROR(listen(-1, 1), EBADF);
    close(pipe_ends[0]);
    close(pipe_ends[1]);

    int stream = socket(AF_UNIX, SOCK_STREAM, 0);
    int datagram = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK_ERROR(listen(stream, 1), EINVAL);           /* not bound */
    CHECK_ERROR(listen(datagram, 1), EOPNOTSUPP);
    CHECK_ERROR(accept(stream, NULL, NULL), EINVAL);  /* not listening */
    CHECK_ERROR(accept(datagram, NULL, NULL), EOPNOTSUPP);
    CHECK_ERROR(shutdown(stream, 3), EINVAL);
    CHECK_EQ(0, shutdown(stream, SHUT_RDWR), "shutdown of an unconnected socket (Linux: 0)");
    CHECK_ERROR(getpeername(stream, (struct sockaddr *)&address, &length), ENOTCONN);
    length = sizeof address;
    CHECK_EQ(0, getsockname(datagram, (struct sockaddr *)&address, &length), "getsockname unbound");
    CHECK_EQ(2, length, "an unbound socket's name is just the family");
    CHECK_EQ(AF_UNIX, address.sun_family, "its family");
    close(stream);
    close(datagram);
}

static void cases(void)
{
    only_local_stream_and_datagram_sockets_exist();
    bind_makes_a_socket_node();
    finding_a_peer_by_path_follows_linux();
    socket_calls_want_sockets();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("socket_names_live_in_the_file_system");
}
