-- wrk script: each call files one new request (POST /api/v1/requests) as the demo enterprise,
-- authenticated by an API key from the environment (ZHITONG_BENCH_KEY). The titles differ per
-- request so nothing is deduplicated. Counts non-201 answers and reports them at the end.
local key = os.getenv("ZHITONG_BENCH_KEY")
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  thread_id = id
  failures = 0
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"kind":"problem","category_code":"labour","title":"招工难 基准测试 %d-%d",' ..
    '"description":"季节性用工缺口，需要人社部门协助对接职业院校（基准测试 %d-%d）"}',
    thread_id, counter, thread_id, counter)
  return wrk.format("POST", "/api/v1/requests", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. key,
  }, body)
end

function response(status, headers, body)
  if status ~= 201 then
    failures = failures + 1
    if failures <= 3 then io.stderr:write("status " .. status .. ": " .. body .. "\n") end
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + (t:get("failures") or 0) end
  io.write(string.format("non-201 answers: %d\n", failed))
end
