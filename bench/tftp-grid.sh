# Loopback grid (sourced by bench/tftp-bench.sh with GRID=1; uses its start_uplift, free_port, atftpd_bin):
# Uplift and atftpd (Debian's windowsize-capable server) serve the same image on 127.0.0.1; the same
# client, atftp, fetches it at every blksize x windowsize of BLKSIZES x WINDOWS. Prints the best MB/s of
# RUNS downloads per case (MB = 10^6 bytes), failed or stalled downloads (a download not done within
# GRID_TIMEOUT_S, or different from the image), and Uplift / atftpd. Both servers retransmit after 1 s.
BLKSIZES=${BLKSIZES:-"512 1428 8192"}
WINDOWS=${WINDOWS:-"1 4 16 64"}
GRID_TIMEOUT_S=${GRID_TIMEOUT_S:-60}

atftpd=$(atftpd_bin)
serve="$work"

# Best MB/s of RUNS downloads and how many failed: prints "<best> <failed>" (best 0 when all failed).
grid_download() { # $1 port, $2 remote name, $3 blksize, $4 windowsize
  local best=0 failed=0 out="$work/grid.bin" t0 t1 options
  for _ in $(seq "$RUNS"); do
    rm -f "$out"
    options=(--option "blksize $3")
    [ "$4" -gt 1 ] && options+=(--option "windowsize $4")
    t0=$(date +%s.%N)
    if timeout "$GRID_TIMEOUT_S" atftp "${options[@]}" -g -r "$2" -l "$out" 127.0.0.1 "$1" >/dev/null 2>&1 \
        && cmp -s "$image" "$out"; then
      t1=$(date +%s.%N)
      best=$(python3 -c "print(max($best, $SIZE_MIB*1048576/1e6/($t1-$t0)))")
    else
      failed=$((failed + 1))
    fi
  done
  printf '%.1f %d' "$best" "$failed"
}

start_uplift "-Xmx256m"
atftpd_port=$(free_port)
"$atftpd" --daemon --no-fork --port "$atftpd_port" --bind-address 127.0.0.1 --user "$(id -un)" \
  --group "$(id -gn)" --retry-timeout 1 --logfile /dev/null "$serve" &
pids+=("$!")
sleep 0.5
# Uplift runs on a JVM: its code is compiled during the first downloads, which are not measured
for w in 1 16; do grid_download "$UPLIFT_PORT" "$UPLIFT_NAME" 1428 "$w" >/dev/null; done

echo
echo "== Loopback grid: ${SIZE_MIB} MiB, client atftp, best of $RUNS; a case failed when not done in ${GRID_TIMEOUT_S} s =="
uptime
printf '%7s %6s %12s %7s %12s %7s %9s\n' blksize window "Uplift MB/s" failed "atftpd MB/s" failed "Up/atftpd"
for b in $BLKSIZES; do
  for w in $WINDOWS; do
    read -r up up_failed <<< "$(grid_download "$UPLIFT_PORT" "$UPLIFT_NAME" "$b" "$w")"
    read -r at at_failed <<< "$(grid_download "$atftpd_port" image.bin "$b" "$w")"
    ratio=$(python3 -c "print(f'{$up/$at:.2f}' if $at > 0 else '-')")
    printf '%7s %6s %12s %7s %12s %7s %9s\n' "$b" "$w" "$up" "$up_failed/$RUNS" "$at" "$at_failed/$RUNS" "$ratio"
  done
done
uptime
stop_uplift
