/*
 * The stream benchmark's receiving side: one UDP socket on 0.0.0.0:PORT stands in for every receiver
 * 127.x.y.z:PORT. For each RTP packet it appends one 20-byte record to OUT_FILE (little-endian, packed):
 *   int64 arrival (CLOCK_REALTIME ns, stamped by the kernel when the packet was queued: SO_TIMESTAMPNS)
 *   uint32 RTP timestamp, uint16 RTP sequence, uint16 zero,
 *   uint32 destination IPv4 address of the packet (host order, from IP_PKTINFO: which receiver it was sent to).
 * Everything else (RTCP, non-RTP) is skipped. Judging is done afterwards by the Java harness.
 *
 * Written in C rather than Java because the kernel's arrival stamp and recvmmsg batching are what keep the
 * measurement independent of when this process gets a core: on two shared cores a Java receiver's own
 * scheduling delays would show up as the sender's lateness.
 *
 * Usage: rtp_arrivals PORT OUT_FILE (PORT 0: any free port). Prints {"ready":true,"port":P} once bound. On SIGTERM
 * or SIGINT it reads what is still queued on the socket, then flushes and exits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 512
#define MAX_DATAGRAM 2048
#define SOCKET_BUFFER_BYTES (256 * 1024 * 1024)
#define RTP_HEADER_BYTES 12

static volatile sig_atomic_t stopping = 0;

static void on_signal(int signal_number) {
    (void) signal_number;
    stopping = 1;
}

struct __attribute__((packed)) record {
    int64_t arrival_ns;
    uint32_t rtp_timestamp;
    uint16_t sequence;
    uint16_t zero;
    uint32_t destination;
};

static int is_rtp(const unsigned char *p, size_t length) {
    if (length < RTP_HEADER_BYTES || (p[0] >> 6) != 2) {
        return 0;
    }
    return p[1] < 200 || p[1] > 204; /* RTCP packet types 200..204 share the port (rtcp-mux) */
}

/* Fills the record's arrival stamp and destination from the ancillary data the kernel attached. */
static void read_ancillary(struct msghdr *header, struct record *r) {
    int stamped = 0;
    r->destination = 0; /* none attached: no receiver is known */
    for (struct cmsghdr *c = CMSG_FIRSTHDR(header); c != NULL; c = CMSG_NXTHDR(header, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
            struct timespec ts;
            memcpy(&ts, CMSG_DATA(c), sizeof ts);
            r->arrival_ns = (int64_t) ts.tv_sec * 1000000000LL + ts.tv_nsec;
            stamped = 1;
        } else if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
            struct in_pktinfo info;
            memcpy(&info, CMSG_DATA(c), sizeof info);
            r->destination = ntohl(info.ipi_addr.s_addr);
        }
    }
    if (!stamped) { /* no stamp attached: fall back to the read instant */
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        r->arrival_ns = (int64_t) now.tv_sec * 1000000000LL + now.tv_nsec;
    }
}

static int open_socket(int port) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) {
        perror("socket");
        exit(1);
    }
    int size = SOCKET_BUFFER_BYTES;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0) {
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size); /* not root: capped by net.core.rmem_max */
    }
    int on = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) != 0) {
        perror("SO_TIMESTAMPNS");
        exit(1);
    }
    if (setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof on) != 0) {
        perror("IP_PKTINFO");
        exit(1);
    }
    struct timeval wake = {.tv_sec = 0, .tv_usec = 200000}; /* to notice a stop request while idle */
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wake, sizeof wake);
    struct sockaddr_in any = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_ANY)};
    if (bind(fd, (struct sockaddr *) &any, sizeof any) != 0) {
        perror("bind");
        exit(1);
    }
    return fd;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s PORT OUT_FILE\n", argv[0]);
        return 2;
    }
    int fd = open_socket(atoi(argv[1]));
    FILE *out = fopen(argv[2], "wb");
    if (out == NULL) {
        perror(argv[2]);
        return 1;
    }
    setvbuf(out, NULL, _IOFBF, 1 << 20);
    struct sigaction action = {.sa_handler = on_signal};
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);

    static unsigned char payloads[BATCH][MAX_DATAGRAM];
    static char controls[BATCH][CMSG_SPACE(sizeof(struct timespec)) + CMSG_SPACE(sizeof(struct in_pktinfo))];
    static struct iovec vectors[BATCH];
    static struct mmsghdr messages[BATCH];
    for (int i = 0; i < BATCH; i++) {
        vectors[i] = (struct iovec) {.iov_base = payloads[i], .iov_len = MAX_DATAGRAM};
    }
    struct sockaddr_in bound;
    socklen_t bound_length = sizeof bound;
    getsockname(fd, (struct sockaddr *) &bound, &bound_length);
    printf("{\"ready\":true,\"port\":%d}\n", ntohs(bound.sin_port));
    fflush(stdout);

    unsigned long long packets = 0;
    for (;;) {
        for (int i = 0; i < BATCH; i++) {
            messages[i].msg_hdr = (struct msghdr) {.msg_iov = &vectors[i], .msg_iovlen = 1,
                    .msg_control = controls[i], .msg_controllen = sizeof controls[i]};
        }
        int draining = stopping;
        int received = recvmmsg(fd, messages, BATCH, draining ? MSG_DONTWAIT : MSG_WAITFORONE, NULL);
        if (received < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                if (draining) {
                    break;
                }
                continue;
            }
            perror("recvmmsg");
            return 1;
        }
        for (int i = 0; i < received; i++) {
            const unsigned char *p = payloads[i];
            if (!is_rtp(p, messages[i].msg_len)) {
                continue;
            }
            struct record r = {
                    .rtp_timestamp = (uint32_t) p[4] << 24 | (uint32_t) p[5] << 16 | (uint32_t) p[6] << 8 | p[7],
                    .sequence = (uint16_t) (p[2] << 8 | p[3]),
                    .zero = 0};
            read_ancillary(&messages[i].msg_hdr, &r);
            fwrite(&r, sizeof r, 1, out);
            packets++;
        }
    }
    if (fclose(out) != 0) {
        perror(argv[2]);
        return 1;
    }
    fprintf(stderr, "rtp_arrivals: %llu RTP packets recorded\n", packets);
    return 0;
}
