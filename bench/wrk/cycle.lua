-- wrk script: POSTs pre-generated bodies (one per line of the file given after `--`), cycling,
-- each thread starting at a different line; done() prints one line of JSON with throughput,
-- latency percentiles (microseconds) and errors, prefixed with BENCHJSON for run.sh.
--   wrk -t2 -c16 -d15s -s cycle.lua http://127.0.0.1:5090/graphql -- bodies/linked.txt
local threads = {}
local bodies, index = {}, 1

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    if #line > 0 then table.insert(bodies, line) end
  end
  file:close()
  index = ((id or 1) - 1) * math.floor(#bodies / 2) % #bodies + 1
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/graphql-response+json, application/json"
end

function request()
  local body = bodies[index]
  index = index % #bodies + 1
  return wrk.format(nil, nil, nil, body)
end

-- done() comes from benchjson.lua, next to this script.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "benchjson.lua")
