-- wrk script: POSTs the bodies of a file in turn. BODIES: a file with one body per line, or one JSON file.
-- PATH: the route. CLOSE=1 sends "Connection: close" (a new connection per request, as OpenRLHF does).
local bodies = {}
local path = os.getenv("BODY_PATH") or "/grade"
local close = os.getenv("CLOSE") == "1"
for name in string.gmatch(os.getenv("BODIES"), "[^,]+") do
  if os.getenv("PER_LINE") == "1" then
    for line in io.lines(name) do bodies[#bodies + 1] = line end
  else
    local f = assert(io.open(name, "r"))
    bodies[#bodies + 1] = f:read("*a")
    f:close()
  end
end
local headers = { ["Content-Type"] = "application/json" }
if close then headers["Connection"] = "close" end
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", path, headers, bodies[(n % #bodies) + 1])
end
-- Responses are counted per thread and read back in done(): every one must be a 200.
local threads = {}
setup = function(thread) table.insert(threads, thread) end
ok, other = 0, 0
response = function(status, hdrs, body)
  if status == 200 then ok = ok + 1 else other = other + 1 end
end
done = function(summary, latency, requests)
  local answered, failed = 0, 0
  for _, t in ipairs(threads) do answered = answered + t:get("ok"); failed = failed + t:get("other") end
  -- With CLOSE=1 the server closes every connection after its response, which wrk counts as a read error.
  io.write(string.format("wrk: %d requests, %d answered 200, %d other statuses; socket errors: connect %d, read %d%s, write %d, timeout %d\n",
    summary.requests, answered, failed, summary.errors.connect, summary.errors.read,
    close and " (the server closing each connection, as asked)" or "", summary.errors.write, summary.errors.timeout))
  io.write(string.format("wrk: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
