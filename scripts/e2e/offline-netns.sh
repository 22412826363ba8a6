#!/usr/bin/env bash
# Runs a command in a fresh network namespace that cannot reach anything but itself, and
# that counts every attempt to reach anything else.
#
#   scripts/e2e/offline-netns.sh COMMAND [ARG...]
#
# The namespace has loopback (127.0.0.1, ::1) and one "trap" interface, el-trap: one end
# of a veth pair whose other end is also inside the namespace and has no address. Default
# routes (IPv4 and IPv6) point at a gateway on el-trap that does not exist, using
# documentation-only addresses (192.0.2.0/24, 2001:db8::/64), so:
#   - nothing can leave the machine (the namespace has no link to the host's network);
#   - any connection to a non-loopback address, and any DNS lookup (the resolver is not on
#     loopback), makes the kernel send an ARP or neighbour request out of el-trap, which
#     increments el-trap's transmit counter, visible to the caller in
#     /proc/<pid of any process inside>/net/dev, and leaves a socket in SYN_SENT in
#     /proc/<pid>/net/tcp for a few seconds.
# The interface is quiet on its own (no router solicitation, no DAD, no link-local
# address); the two multicast reports the kernel sends when the IPv6 address is added are
# waited out here, before COMMAND starts.
#
# Needs root (CI) or unprivileged user namespaces (`unshare --map-root-user`).
set -euo pipefail

if [ "${EMOTION_LENS_NETNS_INSIDE:-}" != 1 ]; then
  [ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARG...]" >&2; exit 2; }
  command -v unshare >/dev/null || { echo "offline-netns: unshare (util-linux) is missing" >&2; exit 1; }
  command -v ip >/dev/null || { echo "offline-netns: ip (iproute2) is missing" >&2; exit 1; }
  flags=(--net)
  [ "$(id -u)" -eq 0 ] || flags+=(--map-root-user)
  EMOTION_LENS_NETNS_INSIDE=1 exec unshare "${flags[@]}" -- "$0" "$@"
fi
unset EMOTION_LENS_NETNS_INSIDE

conf=/proc/sys/net/ipv6/conf
ip link set lo up
ip link add el-trap type veth peer name el-trap-peer
echo 1 >"$conf/el-trap-peer/disable_ipv6"
for setting in accept_ra=0 router_solicitations=0 addr_gen_mode=1 dad_transmits=0 mldv1_unsolicited_report_interval=1 mldv2_unsolicited_report_interval=1; do
  echo "${setting#*=}" >"$conf/el-trap/${setting%=*}"
done
ip link set el-trap-peer up
ip link set el-trap up
ip addr add 192.0.2.1/24 dev el-trap
ip route add default via 192.0.2.2 dev el-trap
ip -6 addr add 2001:db8::1/64 dev el-trap nodad
ip -6 route add default via 2001:db8::2 dev el-trap

# Wait (at most 3 s) until the kernel's own reports are sent and the counter stops moving;
# the caller still reads its baseline when its command is up, and compares at the end.
tx_packets() { sed -n 's/^ *el-trap: *//p' /proc/self/net/dev | awk '{print $9}'; }
last=$(tx_packets)
for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do
  sleep 0.25
  now=$(tx_packets)
  [ "$now" = "$last" ] && [ "$now" != 0 ] && break
  last=$now
done
exec "$@"
