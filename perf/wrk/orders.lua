-- wrk script of the side-by-side benchmark: POST /orders with a new Idempotency-Key on every
-- request, the fans' tokens in turn. Arguments (after --): <dir with tokens.txt and order.json> <run label>.
-- Prints the number of 201 answers (for the audit) and p50/p99 in a line the runner parses.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  tokens = {}
  for line in io.lines(args[1] .. "/tokens.txt") do
    tokens[#tokens + 1] = line
  end
  local f = io.open(args[1] .. "/order.json")
  body = f:read("*a")
  f:close()
  label = args[2] or "run"
  counter = 0
  created = 0
  others = 0
end

function request()
  counter = counter + 1
  local headers = {
    ["Authorization"] = "Bearer " .. tokens[(counter % #tokens) + 1],
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = label .. "-" .. id .. "-" .. counter,
  }
  return wrk.format("POST", "/orders", headers, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    others = others + 1
  end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("others")
  end
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f created=%d other=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    c, o, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
