# WAN mode of bench/tftp-bench.sh (sourced by it with WAN=1; uses its $work, $cp, $image, start_uplift,
# free_port, atftpd_bin, hpa_tftpd). Every server answers through its own bench/WanRelay.java, started
# afresh for each case so that the n-th download of a case meets the same losses whatever the server.

LOCKSTEP_KIB=${LOCKSTEP_KIB:-512}
DELAY_MS=${DELAY_MS:-10}
LOSSES=${LOSSES:-"0 0.5 2"}
CLIENTS=${CLIENTS:-"w1 w4 w16 w64 curl"}
SERVERS=${SERVERS:-"uplift atftpd hpa"}
SEED=${SEED:-1}
# every server retransmits after 1 s (Uplift's bench server: timeoutMillis 1000, its adaptive time-out's
# ceiling; tftpd-hpa's default; atftpd's default is 5 s)
RETRY_S=${RETRY_S:-1}
ATFTPD_RETRY_S=${ATFTPD_RETRY_S:-$RETRY_S} # 5 for atftpd's own default
LIMIT_S=${LIMIT_S:-300}

command -v curl >/dev/null || { echo "missing curl (Debian: curl)" >&2; exit 2; }
small="$work/small.bin"
head -c $((LOCKSTEP_KIB * 1024)) "$image" > "$small"
chmod 644 "$small"
serve="$work/serve"
mkdir -p "$serve" && chmod 755 "$serve"
ln "$image" "$serve/image.bin"
ln "$small" "$serve/small.bin"

echo "Compiling the relay..."
javac -d "$work/relay" bench/WanRelay.java

start_server() { # $1 server; sets SERVER_PORT, BIG_NAME, SMALL_NAME
  case "$1" in
    uplift)
      start_uplift "-Xmx256m" "$small"
      SERVER_PORT=$UPLIFT_PORT; BIG_NAME=$UPLIFT_NAME
      SMALL_NAME=$(awk -v f="$small" '$1 == "FILE" && $2 == f {print $3}' "$UPLIFT_OUT");;
    atftpd)
      SERVER_PORT=$(free_port); BIG_NAME=image.bin; SMALL_NAME=small.bin
      "$atftpd" --daemon --no-fork --port "$SERVER_PORT" --bind-address 127.0.0.1 --user "$(id -un)" \
        --group "$(id -gn)" --retry-timeout "$ATFTPD_RETRY_S" --logfile /dev/null "$serve" &
      SERVER_PID=$!; pids+=("$SERVER_PID"); sleep 0.5;;
    hpa)
      SERVER_PORT=$(free_port); BIG_NAME=image.bin; SMALL_NAME=small.bin
      "$hpa" --foreground --address "127.0.0.1:$SERVER_PORT" --secure "$serve" --user "$(id -un)" \
        --retransmit $((RETRY_S * 1000000)) &
      SERVER_PID=$!; pids+=("$SERVER_PID"); sleep 0.5;;
  esac
}

start_relay() { # $1 server port, $2 loss %; sets RELAY_PORT, RELAY_PID
  local out="$work/relay-$RANDOM.out"
  java -cp "$work/relay" WanRelay --server "127.0.0.1:$1" --delay-ms "$DELAY_MS" --loss "$2" --seed "$SEED" \
    > "$out" 2>"$out.err" &
  RELAY_PID=$!
  pids+=("$RELAY_PID")
  for _ in $(seq 100); do grep -q '^PORT ' "$out" && break; sleep 0.1; done
  RELAY_PORT=$(awk '/^PORT /{print $2}' "$out")
}

# One download through the relay; prints MB/s, or "fail" if it failed, timed out or differs.
fetch() { # $1 client, $2 relay port
  local out="$work/down.bin" name=$BIG_NAME expected=$image t0 t1 ok=1
  case "$1" in w1|curl) name=$SMALL_NAME; expected=$small;; esac
  rm -f "$out"
  t0=$(date +%s.%N)
  case "$1" in
    curl) timeout "$LIMIT_S" curl -s --tftp-blksize "$BLKSIZE" -o "$out" "tftp://127.0.0.1:$2/$name" || ok=0;;
    w1) timeout "$LIMIT_S" atftp --option "blksize $BLKSIZE" -g -r "$name" -l "$out" 127.0.0.1 "$2" \
          >"$work/client.log" 2>&1 || ok=0;;
    w*) timeout "$LIMIT_S" atftp --option "blksize $BLKSIZE" --option "windowsize ${1#w}" -g -r "$name" -l "$out" \
          127.0.0.1 "$2" >"$work/client.log" 2>&1 || ok=0;;
  esac
  t1=$(date +%s.%N)
  if [ "$ok" = 1 ] && cmp -s "$expected" "$out"; then
    python3 -c "print(f'{$(stat -c %s "$expected")/1e6/($t1-$t0):.3f}')"
  else
    echo fail
  fi
}

atftpd=$(atftpd_bin)
hpa=$(hpa_tftpd)
results="$work/wan.tsv"
: > "$results"
echo
echo "== WAN: one-way delay ${DELAY_MS} ms each way, loss per packet and direction, blksize $BLKSIZE, $RUNS runs per case =="
echo "   (${SIZE_MIB} MiB windowed, ${LOCKSTEP_KIB} KiB lock-step; relay seed $SEED; servers retransmit after ${RETRY_S} s,"
echo "    atftpd after ${ATFTPD_RETRY_S} s; a machine shared with other work: see the load average below)"
uptime
for server in $SERVERS; do
  start_server "$server"
  # one download straight on loopback first, so no case pays for a cold JVM's compiler
  fetch w16 "$SERVER_PORT" >/dev/null
  for client in $CLIENTS; do
    # tftpd-hpa has no RFC 7440: a windowsize would be left out of its OACK, the same as w1
    if [ "$server" = hpa ] && [ "$client" != w1 ] && [ "$client" != curl ]; then continue; fi
    for loss in $LOSSES; do
      start_relay "$SERVER_PORT" "$loss"
      runs=()
      for _ in $(seq "$RUNS"); do runs+=("$(fetch "$client" "$RELAY_PORT")"); done
      kill "$RELAY_PID" 2>/dev/null; wait "$RELAY_PID" 2>/dev/null || true
      printf '%s\t%s\t%s\t%s\n' "$server" "$client" "$loss" "${runs[*]}" >> "$results"
      printf '  %-7s %-5s loss %-4s %s\n' "$server" "$client" "$loss%" "${runs[*]}"
    done
  done
  if [ "$server" = uplift ]; then stop_uplift; else kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; fi
done
python3 bench/tftp-wan-table.py "$results" "$DELAY_MS"
