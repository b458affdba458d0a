-- The one line bench/run and bench/compare-keycloak read from a wrk run: requests per
-- second, p50 and p99 in milliseconds, non-2xx/3xx answers, requests, and socket errors.
function done(summary, latency, requests)
   io.write(string.format("RESULT %.1f %.2f %.2f %d %d %d\n",
      summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      summary.errors.status, summary.requests,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
