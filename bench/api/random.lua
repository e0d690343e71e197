-- wrk script: each request reads a RANDOM well's series (not one well over and over, which would measure the
-- response cache). Usage: wrk -s bench/api/random.lua <url> -- <first well code> <last well code> <series path>
-- e.g. -- 100001 110000 "/production?granularity=monthly"; an empty path reads the well's summary.
local first, last, suffix

function init(args)
  first = tonumber(args[1])
  last = tonumber(args[2])
  suffix = args[3] or ""
  -- one seed per wrk thread (each has its own Lua state, whose table addresses differ)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000003)
end

function request()
  return wrk.format("GET", "/api/wells/" .. math.random(first, last) .. suffix)
end
