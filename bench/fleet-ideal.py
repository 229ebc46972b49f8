"""A campaign against its ideal schedule: bench/fleet-common.sh's ideal_schedule.

Usage: fleet-ideal.py STEPS_FILE SINCE_EPOCH_SECONDS CONCURRENCY WALL_SECONDS [SETTLE_MS]
STEPS_FILE is the simulator's answer to its control command "steps": one line per step a device took of
its own ("INDEX KIND START_MS END_MS": backup, download, reboot, restore, as the device measured them).
Steps that started before SINCE (an earlier warm-up campaign) are left out. Each device's steps, in
order, make one job of known length (the sum of its steps); the ideal schedule packs those jobs
longest-first onto CONCURRENCY slots (list scheduling, within 4/3 of the optimum and in practice at it
for many short jobs); its lower bound is max(total / CONCURRENCY, longest job). Prints both and the
campaign's wall time over each; the last line is "ideal_s=.. bound_s=.. ratio=.. devices=.." for scripts.
SETTLE_MS, the workflow's wait for a restarted device to answer steadily (not the device's own time), is
not in the ideal; the share of the campaign it accounts for, SETTLE x devices / CONCURRENCY, is printed.
"""
import collections, heapq, statistics, sys

path, since, slots, wall = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
settle = float(sys.argv[5]) / 1000 if len(sys.argv) > 5 else 0.0
jobs = collections.defaultdict(float)
kinds = collections.defaultdict(list)
for line in open(path):
    parts = line.split()
    if len(parts) != 4 or not parts[0].isdigit():
        continue  # the "ok N step(s)" line
    index, kind, start, end = int(parts[0]), parts[1], int(parts[2]) / 1000, int(parts[3]) / 1000
    if start < since:
        continue
    jobs[index] += end - start
    kinds[kind].append(end - start)
if not jobs:
    print("  (no ideal schedule: the simulator reported no steps since the campaign started)")
    print("ideal_s=nan bound_s=nan ratio=nan devices=0")
    sys.exit()
lengths = sorted(jobs.values(), reverse=True)
finish = [0.0] * min(slots, len(lengths))
for length in lengths:  # longest first, each onto the slot that frees first
    heapq.heapreplace(finish, finish[0] + length)
ideal = max(finish)
bound = max(sum(lengths) / slots, lengths[0])
order = [k for k in ("backup", "download", "reboot", "restore") if k in kinds] + sorted(set(kinds) - {"backup", "download", "reboot", "restore"})
print(f"  the devices' own steps (median): " + ", ".join(f"{k} {statistics.median(kinds[k]):.2f}s ({len(kinds[k])})" for k in order)
      + f"; per device {statistics.median(lengths):.2f}s, longest {lengths[0]:.2f}s, together {sum(lengths):.1f}s")
print(f"  ideal schedule of {len(lengths)} devices on {slots} slots (longest first): {ideal:.1f}s, lower bound {bound:.1f}s;"
      f" campaign {wall:.1f}s = {wall / ideal:.3f}x the ideal ({wall / bound:.3f}x the bound)")
if settle > 0:
    waits = settle * len(lengths) / slots
    print(f"  the workflow's settle period ({settle:.1f}s after each reboot) takes {waits:.1f}s of slot time per slot;"
          f" with it the ideal would be about {ideal + waits:.1f}s and the campaign {wall / (ideal + waits):.3f}x that")
print(f"ideal_s={ideal:.1f} bound_s={bound:.1f} ratio={wall / ideal:.3f} devices={len(lengths)}")
