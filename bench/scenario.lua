-- One benchmark scenario for wrk:
--   wrk -s bench/scenario.lua URL -- SCENARIO [TOKENS_FILE [THREADS]]
--
-- Scenarios: no_credentials, rejected_token, authenticated_read, update_current, signup,
-- signin, refresh. Requests that need a user take the tokens in TOKENS_FILE (one per
-- line) in turn; the users behind them are bench0, bench1, … with the password
-- bench-password. For refresh, TOKENS_FILE holds refresh tokens, shared out among the
-- THREADS threads: each request uses one up and its answer gives the next, so no token
-- is sent twice (which would end its session).
-- done(), from bench/result.lua, prints one machine-readable line for bench/run.

local scenario, tokens, requests, counter = nil, {}, {}, 0
-- Unused refresh tokens of this thread: one leaves with each request, one comes back
-- with each answer.
local refresh_pool = {}
local thread_ids = 0

function setup(thread)
   thread_ids = thread_ids + 1
   thread:set("thread_id", thread_ids)
end

local function json_post(path, body, token)
   local headers = { ["Content-Type"] = "application/json" }
   if token then headers["Authorization"] = "Token " .. token end
   return wrk.format("POST", path, headers, body)
end

function init(args)
   scenario = args[1]
   if args[2] then
      for line in io.lines(args[2]) do tokens[#tokens + 1] = line end
   end
   -- Unique per run and per thread: signups and email changes never collide.
   math.randomseed(os.time() + (thread_id or 0) * 7919)
   prefix = string.format("b%d%d", math.random(100000, 999999), thread_id or 0)
   if scenario == "no_credentials" then
      requests[1] = wrk.format("GET", "/users/current/")
   elseif scenario == "rejected_token" then
      requests[1] = wrk.format("GET", "/users/current/", { ["Authorization"] = "Token " .. tokens[1] })
   elseif scenario == "authenticated_read" then
      for i, token in ipairs(tokens) do
         requests[i] = wrk.format("GET", "/users/current/", { ["Authorization"] = "Token " .. token })
      end
   elseif scenario == "signin" then
      for i = 1, #tokens do
         requests[i] = json_post("/users/signin/", string.format(
            '{"user":{"username":"bench%d","password":"bench-password"}}', i - 1))
      end
   elseif scenario == "refresh" then
      local threads = tonumber(args[3] or "1")
      for i, token in ipairs(tokens) do
         if (i - 1) % threads == (thread_id or 1) - 1 then refresh_pool[#refresh_pool + 1] = token end
      end
   elseif scenario ~= "signup" and scenario ~= "update_current" then
      error("unknown scenario: " .. tostring(scenario))
   end
end

function request()
   counter = counter + 1
   if scenario == "signup" then
      local name = prefix .. "_" .. counter
      return json_post("/users/signup/", string.format(
         '{"user":{"username":"%s","email":"%s@example.com","password":"bench-password"}}', name, name))
   elseif scenario == "refresh" then
      -- An empty pool means answers went wrong: a token no session has gets its 400.
      local token = table.remove(refresh_pool) or string.rep("A", 43)
      return json_post("/users/token/refresh/", string.format('{"user":{"refresh_token":"%s"}}', token))
   elseif scenario == "update_current" then
      local token = tokens[(counter % #tokens) + 1]
      return json_post("/users/update_current/",
         string.format('{"user":{"email":"%s_%d@example.com"}}', prefix, counter), token)
   end
   return requests[(counter % #requests) + 1]
end

function response(status, headers, body)
   if scenario == "refresh" and status == 200 then
      refresh_pool[#refresh_pool + 1] = string.match(body, '"refresh_token":"([^"]+)"')
   end
end

-- The RESULT line, shared with the other script (run from the repository root).
dofile("bench/result.lua")
