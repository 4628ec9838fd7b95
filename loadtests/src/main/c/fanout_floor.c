/*
 * The floor under the chat fan-out: what loopback TCP alone costs per frame on this machine.
 * One writer sends a frame of BYTES to each of SOCKETS connections in turn, paced at RATE
 * frames a second in 10 ms ticks (0: as fast as it can), and a forked reader reads them all with
 * epoll, as a viewer swarm does. No protocol and no allocation: whatever a Blossom node and its
 * swarm spend per frame beyond this is their own.
 *
 * Usage: fanout_floor SOCKETS BYTES SECONDS RATE
 * Prints: WRITER frames=N skipped=N cpu_s=X seconds=X, then READER frames=N cpu_s=X seconds=X
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double wall(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static double cpu(void) {
    struct rusage r;
    getrusage(RUSAGE_SELF, &r);
    return r.ru_utime.tv_sec + r.ru_utime.tv_usec / 1e6 + r.ru_stime.tv_sec + r.ru_stime.tv_usec / 1e6;
}

static void die(const char *what) {
    perror(what);
    exit(1);
}

/* Connects every socket, then reads for SECONDS from the writer's go. */
static void reader(struct sockaddr_in *to, int sockets, int bytes, double seconds, int ready, int go) {
    int ep = epoll_create1(0);
    int one = 1;
    for (int i = 0; i < sockets; i++) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        if (s < 0) die("socket");
        /* Many source addresses, each port picked at connect time: no ephemeral-port limit. */
        struct sockaddr_in from = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(0x7f000002 + i % 200)};
        setsockopt(s, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
        if (bind(s, (struct sockaddr *) &from, sizeof from) < 0) die("bind");
        if (connect(s, (struct sockaddr *) to, sizeof *to) < 0) die("connect");
        fcntl(s, F_SETFL, O_NONBLOCK);
        struct epoll_event e = {.events = EPOLLIN | EPOLLET, .data.fd = s};
        epoll_ctl(ep, EPOLL_CTL_ADD, s, &e);
    }
    if (write(ready, "r", 1) != 1) die("ready");
    char c;
    if (read(go, &c, 1) != 1) die("go");
    double t0 = wall(), c0 = cpu(), end = t0 + seconds;
    static char buf[65536];
    struct epoll_event ev[1024];
    long received = 0;
    while (wall() < end) {
        int k = epoll_wait(ep, ev, 1024, 100);
        for (int j = 0; j < k; j++) {
            ssize_t r;
            while ((r = read(ev[j].data.fd, buf, sizeof buf)) > 0) {
                received += r;
            }
        }
    }
    printf("READER frames=%ld cpu_s=%.3f seconds=%.3f\n", received / bytes, cpu() - c0, wall() - t0);
    fflush(stdout);
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: fanout_floor SOCKETS BYTES SECONDS RATE\n");
        return 2;
    }
    int sockets = atoi(argv[1]), bytes = atoi(argv[2]), rate = atoi(argv[4]);
    double seconds = atof(argv[3]);
    int one = 1;
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in at = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(0x7f000001)};
    socklen_t len = sizeof at;
    if (bind(listener, (struct sockaddr *) &at, sizeof at) < 0 || listen(listener, 4096) < 0) die("listen");
    getsockname(listener, (struct sockaddr *) &at, &len);
    int ready[2], go[2];
    if (pipe(ready) < 0 || pipe(go) < 0) die("pipe");
    pid_t pid = fork();
    if (pid == 0) {
        close(listener);
        reader(&at, sockets, bytes, seconds, ready[1], go[0]);
        return 0;
    }
    int *fds = malloc(sizeof(int) * sockets);
    for (int i = 0; i < sockets; i++) {
        fds[i] = accept(listener, NULL, NULL);
        if (fds[i] < 0) die("accept");
        setsockopt(fds[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fcntl(fds[i], F_SETFL, O_NONBLOCK);
    }
    char c;
    if (read(ready[0], &c, 1) != 1) die("ready");
    char *frame = malloc(bytes);
    memset(frame, 'a', bytes);
    if (write(go[1], "g", 1) != 1) die("go");
    double t0 = wall(), c0 = cpu(), end = t0 + seconds, tick = t0;
    int perTick = rate > 0 ? rate / 100 : sockets;
    long frames = 0, skipped = 0;
    int next = 0;
    while (wall() < end) {
        for (int k = 0; k < perTick; k++) {
            /* A socket whose buffer is full misses the frame, as a slow viewer misses a batch. */
            if (write(fds[next], frame, bytes) == bytes) frames++; else skipped++;
            next = (next + 1) % sockets;
        }
        if (rate > 0) {
            tick += 0.01;
            double wait = tick - wall();
            if (wait > 0) {
                struct timespec ts = {0, (long) (wait * 1e9)};
                nanosleep(&ts, NULL);
            }
        }
    }
    printf("WRITER frames=%ld skipped=%ld cpu_s=%.3f seconds=%.3f\n", frames, skipped, cpu() - c0, wall() - t0);
    fflush(stdout);
    waitpid(pid, NULL, 0);
    return 0;
}
