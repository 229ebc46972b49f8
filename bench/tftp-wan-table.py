#!/usr/bin/env python3
"""Table of bench/tftp-bench.sh's WAN mode: median MB/s per case, failed runs, ratios and targets."""
import statistics
import sys

NAMES = {"uplift": "Uplift", "atftpd": "atftpd", "hpa": "tftpd-hpa"}
CLIENTS = {"w1": "atftp windowsize 1", "w4": "atftp windowsize 4", "w16": "atftp windowsize 16",
           "w64": "atftp windowsize 64", "curl": "curl (lock-step)"}

results, delay = sys.argv[1], float(sys.argv[2])
cases = {}
order = []
for line in open(results):
    server, client, loss, runs = line.rstrip("\n").split("\t")
    values = runs.split()
    ok = [float(v) for v in values if v != "fail"]
    cases[(server, client, loss)] = (statistics.median(ok) if ok else None, len(values) - len(ok), len(values))
    if (client, loss) not in order:
        order.append((client, loss))


def cell(key):
    if key not in cases:
        return "-"
    median, failed, total = cases[key]
    text = f"{median:.3f}" if median is not None else "none"
    return text + (f" ({failed}/{total} failed)" if failed else "")


def ratio(a, b):
    if a not in cases or b not in cases or cases[a][0] is None or not cases[b][0]:
        return "-"
    return f"{cases[a][0] / cases[b][0]:.2f}"


servers = [s for s in NAMES if any(k[0] == s for k in cases)]
print()
print(f"== median MB/s (MB = 10^6 bytes) at {2 * delay:g} ms RTT ==")
header = f"{'client':<22}{'loss':>6}" + "".join(f"{NAMES[s]:>24}" for s in servers)
header += f"{'Uplift/atftpd':>15}{'Uplift/hpa':>12}{'Uplift/own 0%':>15}"
print(header)
for client, loss in order:
    row = f"{CLIENTS.get(client, client):<22}{loss + '%':>6}" + "".join(f"{cell((s, client, loss)):>24}" for s in servers)
    # tftpd-hpa only does lock-step: windowed clients are compared with its lock-step figure
    hpa_client = client if client in ("w1", "curl") else "w1"
    row += f"{ratio(('uplift', client, loss), ('atftpd', client, loss)):>15}"
    row += f"{ratio(('uplift', client, loss), ('hpa', hpa_client, loss)):>12}"
    row += f"{ratio(('uplift', client, loss), ('uplift', client, '0')):>15}"
    print(row)

print()
print("targets (windowsize 16):")
checks = [("Uplift at 0.5% / its 0%", ratio(("uplift", "w16", "0.5"), ("uplift", "w16", "0")), 0.8),
          ("Uplift at 2% / its 0%", ratio(("uplift", "w16", "2"), ("uplift", "w16", "0")), 0.5),
          ("Uplift / atftpd at 0.5%", ratio(("uplift", "w16", "0.5"), ("atftpd", "w16", "0.5")), 3.0),
          ("Uplift / tftpd-hpa (lock-step) at 0.5%", ratio(("uplift", "w16", "0.5"), ("hpa", "w1", "0.5")), 10.0)]
for label, value, target in checks:
    met = "-" if value == "-" else ("met" if float(value) >= target else "NOT met")
    print(f"  {label:<42} {value:>6}  (target >= {target:g}: {met})")
