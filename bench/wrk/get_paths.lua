-- wrk script: GETs the paths listed in the file ZHITONG_BENCH_PATHS (one per line), each thread
-- starting at a different line and cycling through them, authenticated by the API key in
-- ZHITONG_BENCH_KEY. Counts non-200 answers and reports them at the end.
local key = os.getenv("ZHITONG_BENCH_KEY")
local paths = {}
for line in io.lines(os.getenv("ZHITONG_BENCH_PATHS")) do
  if #line > 0 then table.insert(paths, line) end
end
local threads = {}
local next_index = 1

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  next_index = (id * 7) % #paths + 1
  failures = 0
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. key})
end

function response(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
    if failures <= 3 then io.stderr:write("status " .. status .. ": " .. body .. "\n") end
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + (t:get("failures") or 0) end
  io.write(string.format("paths: %d, non-200 answers: %d\n", #paths, failed))
  for _, p in ipairs({50, 90, 95, 99}) do
    io.write(string.format("latency p%d: %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
