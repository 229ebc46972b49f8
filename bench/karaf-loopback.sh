# Shared by demo.sh and bench/fleet-common.sh (sourced, not run): free loopback ports, a demo-assembly
# Karaf bound to loopback, and its client in batch mode.
# shellcheck shell=bash

say() { printf '\n== %s\n' "$*"; }

free_port() { # a free loopback port: tcp or udp
  python3 - "$1" <<'EOF'
import socket, sys
kind = socket.SOCK_DGRAM if sys.argv[1] == "udp" else socket.SOCK_STREAM
s = socket.socket(socket.AF_INET, kind); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
EOF
}

free_udp_range() { # N consecutive free UDP ports on loopback, below Linux's ephemeral range (32768-)
  python3 - "$1" <<'EOF'
import random, socket, sys
n = int(sys.argv[1])
for _ in range(500):
    base = random.randint(20000, 32000 - n)
    socks = []
    try:
        for p in range(base, base + n):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); socks.append(s); s.bind(("127.0.0.1", p))
        print(base); break
    except OSError:
        pass
    finally:
        for s in socks: s.close()
EOF
}

# Binds the unpacked Karaf $KARAF to loopback: SSH on a free port (sets SSH_PORT), JMX on free ports, boot
# features installed asynchronously (installed from the features service's own activator they can deadlock
# when they refresh core bundles, seen here now and then), and the operator account karaf/karaf enabled
# (loopback only; a real installation keeps its own users).
karaf_on_loopback() {
  SSH_PORT=$(free_port tcp)
  printf 'sshPort = %s\nsshHost = 127.0.0.1\n' "$SSH_PORT" >> "$KARAF/etc/org.apache.karaf.shell.cfg"
  sed -i 's/^rmiRegistryPort *=.*/rmiRegistryPort = '"$(free_port tcp)"'/; s/^rmiServerPort *=.*/rmiServerPort = '"$(free_port tcp)"'/' \
    "$KARAF/etc/org.apache.karaf.management.cfg" 2>/dev/null || true
  sed -i 's/^featuresBootAsynchronous *=.*/featuresBootAsynchronous=true/' "$KARAF/etc/org.apache.karaf.features.cfg"
  sed -i 's/^#karaf = /karaf = /; s/^#_g_\\:admingroup = /_g_\\:admingroup = /' "$KARAF/etc/users.properties"
}

# Karaf's client in batch mode: commands on stdin, one a line (a command given as an argument gets no
# output back when stdin is not a terminal). -r N: connection attempts (default 3).
client() {
  local retries=3
  if [ "$1" = "-r" ]; then retries=$2; shift 2; fi
  printf '%s\n' "$1" | JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")} \
    "$KARAF/bin/client" -h 127.0.0.1 -a "$SSH_PORT" -u karaf -p karaf -r "$retries" -b 2>&1 \
    | grep -v -e 'presented unverified' -e '^Closed$' || true
}
