-- Keycloak's side of bench/compare-keycloak, for wrk:
--   wrk -s bench/keycloak.lua URL -- SCENARIO REALM CLIENT TOKENS_FILE
--
-- Scenarios, the counterparts of scenario.lua's authenticated_read and signin:
--   userinfo        GET /realms/REALM/protocol/openid-connect/userinfo with the access
--                   tokens in TOKENS_FILE (one per line, scope openid) in turn
--   password_grant  POST /realms/REALM/protocol/openid-connect/token, grant_type=password
--                   for the public client CLIENT, users bench0, bench1, … (one per line
--                   of TOKENS_FILE) with the password bench-password
-- done(), from bench/result.lua, prints the same machine-readable line as for scenario.lua.

local requests, counter = {}, 0

function init(args)
   local scenario, realm, client, file = args[1], args[2], args[3], args[4]
   local base = "/realms/" .. realm .. "/protocol/openid-connect/"
   local tokens = {}
   for line in io.lines(file) do tokens[#tokens + 1] = line end
   if scenario == "userinfo" then
      for i, token in ipairs(tokens) do
         requests[i] = wrk.format("GET", base .. "userinfo", { ["Authorization"] = "Bearer " .. token })
      end
   elseif scenario == "password_grant" then
      local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
      for i = 1, #tokens do
         requests[i] = wrk.format("POST", base .. "token", headers, string.format(
            "grant_type=password&client_id=%s&username=bench%d&password=bench-password", client, i - 1))
      end
   else
      error("unknown scenario: " .. tostring(scenario))
   end
end

function request()
   counter = counter + 1
   return requests[(counter % #requests) + 1]
end

-- The RESULT line, shared with the other script (run from the repository root).
dofile("bench/result.lua")
