-- wrk's script for bench.wrk: cycles through prepared request bodies, each sent as an activity
-- of its own (the bot handles a repeated activity id once), and counts the answers that are not
-- what the load expects.
--
-- BENCH_BODIES   a file with one JSON body a line, "@ID@" where its activity id goes
-- BENCH_EXPECT   a string every good answer's body holds (e.g. the card's content type)
-- BENCH_RUN      this load's prefix for the activity ids, unique across loads
-- BENCH_AUTHORIZATION  the Authorization header, when there is one

local threads = {}

function setup(thread)
  thread:set("tag", tostring(#threads + 1))
  table.insert(threads, thread)
end

local bodies = {}
local expect
local prefix
local sent = 0
bad = 0 -- read by done() through thread:get

function init(args)
  for line in io.lines(os.getenv("BENCH_BODIES")) do
    local at = line:find("@ID@", 1, true)
    table.insert(bodies, { line:sub(1, at - 1), line:sub(at + 4) })
  end
  expect = os.getenv("BENCH_EXPECT")
  prefix = os.getenv("BENCH_RUN") .. "-" .. tag .. "-"
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  local authorization = os.getenv("BENCH_AUTHORIZATION")
  if authorization and authorization ~= "" then
    wrk.headers["Authorization"] = authorization
  end
end

function request()
  sent = sent + 1
  local body = bodies[sent % #bodies + 1]
  return wrk.format(nil, nil, nil, body[1] .. prefix .. sent .. body[2])
end

function response(status, headers, body)
  if status ~= 200 or not body:find(expect, 1, true) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local wrong = 0
  for _, thread in ipairs(threads) do
    wrong = wrong + thread:get("bad")
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "microseconds": %d, "wrong": %d, "socket_errors": %d, '
      .. '"p50_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, wrong, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max
  ))
end
