-- wrk script: conditional GETs. Each line of the file given after `--` is "<path>\t<etag>" (written by
-- tools/make_revalidate.py); requests cycle through them with If-None-Match, so a server that honours it
-- answers 304 without a body. done() prints the same BENCHJSON line as cycle.lua.
--   wrk -t2 -c16 -d6s -s revalidate.lua http://127.0.0.1:5093/graphql -- revalidate.txt
local threads = {}
local lines, index = {}, 1

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    local path, etag = line:match("^([^\t]+)\t(.+)$")
    if path then table.insert(lines, { path = path, etag = etag }) end
  end
  file:close()
  index = ((id or 1) - 1) * math.floor(#lines / 2) % #lines + 1
end

function request()
  local line = lines[index]
  index = index % #lines + 1
  return wrk.format("GET", line.path, { ["Accept"] = "application/graphql-response+json", ["If-None-Match"] = line.etag })
end

-- done() comes from benchjson.lua, next to this script.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "benchjson.lua")
