-- Headless Neovim 0.11 test of the copydesk plugin (editors/nvim), loaded as a user would:
-- on the runtimepath, then require("copydesk").setup({ … }). On a copy of the shipped example
-- it checks diagnostics, the hover card, definition into the glossary, the ledger's code lens
-- and :CopydeskLedger, the add-to-glossary code action (applied, and the diagnostic it fixes
-- going away), the pin-speaker code action (applied through vim.lsp.buf.code_action, the
-- warning going away and the hover naming the pinned speaker), and :checkhealth copydesk.
--
--   nvim --headless -u NONE -i NONE -l plugin_test.lua PLUGIN SERVER WORKSPACE MODE PIDFILE
--
-- WORKSPACE holds lido-closure.md and glossary.toml. MODE says how the test ends: `quit`
-- (:qall, after which the script checks the server is gone) or `wait` (the script kills
-- Neovim with SIGKILL once PIDFILE names the server). PIDFILE receives the server's pid.

local plugin, server, workspace, mode, pidfile = unpack(arg)

local function fail(message)
  io.stderr:write("FAIL: " .. message .. "\n")
  vim.cmd("cquit 1")
end

local function say(message)
  io.stdout:write("nvim: " .. message .. "\n")
end

local function check(condition, message)
  if not condition then
    fail(message)
  end
  return condition
end

-- As in a user's init.lua: the plugin on the runtimepath, filetypes on, then setup.
vim.opt.runtimepath:prepend(plugin)
vim.cmd("filetype on")
require("copydesk").setup({ cmd = { server, "lsp" }, settings = { debounceMs = 0 } })

-- Neovim 0.11 resolves lsp/copydesk.lua from the runtimepath, with setup's options on top.
local resolved = vim.lsp.config.copydesk
check(resolved and resolved.cmd[1] == server, "vim.lsp.config.copydesk: " .. vim.inspect(resolved and resolved.cmd))
check(vim.tbl_contains(resolved.filetypes, "markdown"), "filetypes: " .. vim.inspect(resolved.filetypes))

local article = workspace .. "/lido-closure.md"
local glossary = workspace .. "/glossary.toml"
vim.cmd.edit(vim.fn.fnameescape(article))
local buf = vim.api.nvim_get_current_buf()
check(vim.bo[buf].filetype == "markdown", "filetype " .. vim.bo[buf].filetype)

local client
check(vim.wait(10000, function()
  client = vim.lsp.get_clients({ bufnr = buf, name = "copydesk" })[1]
  return client ~= nil and client.initialized
end, 20), "the plugin attached no copydesk client to the article")
check(client.root_dir == workspace, "root_dir " .. tostring(client.root_dir) .. ", expected " .. workspace)
say(("attached: client %d, root %s"):format(client.id, client.root_dir))

-- The server's pid, for the process-hygiene checks in the script.
local children = vim.fn.systemlist({ "ps", "-o", "pid=,comm=", "--ppid", tostring(vim.fn.getpid()) })
local server_pid
for _, line in ipairs(children) do
  local pid, command = line:match("^%s*(%d+)%s+(%S+)")
  if command == "copydesk" then
    server_pid = pid
  end
end
check(server_pid, "no copydesk child process: " .. table.concat(children, "; "))
vim.fn.writefile({ server_pid }, pidfile .. ".partial")

local function diagnostic_with(code, row)
  for _, diagnostic in ipairs(vim.diagnostic.get(buf)) do
    if diagnostic.code == code and (row == nil or diagnostic.lnum + 1 == row) then
      return diagnostic
    end
  end
end

-- Line 36 of the example is a quotation with no speaker.
check(vim.wait(10000, function() return diagnostic_with("unattributed-quote", 36) ~= nil end, 20),
  "no unattributed-quote on line 36: " .. vim.inspect(vim.diagnostic.get(buf)))
check(diagnostic_with("unattributed-quote", 36).source == "copydesk", "diagnostic source")
say(("diagnostics: %d, unattributed-quote on line 36"):format(#vim.diagnostic.get(buf)))

if mode == "wait" then
  -- The script kills Neovim with SIGKILL once the pid file is complete.
  vim.fn.rename(pidfile .. ".partial", pidfile)
  vim.wait(60000, function() return false end, 100)
  fail("not killed within 60 s")
end

local function request(method, params)
  local responses = vim.lsp.buf_request_sync(buf, method, params, 5000)
  local response = check(responses and responses[client.id], method .. ": no response")
  check(response.err == nil, method .. ": " .. vim.inspect(response.err))
  return response.result
end

local function position_of(text, row)
  local line = vim.api.nvim_buf_get_lines(buf, row - 1, row, false)[1]
  local col = check(line:find(text, 1, true), ("`%s` not on line %d"):format(text, row))
  vim.api.nvim_win_set_cursor(0, { row, col })
  return vim.lsp.util.make_position_params(0, client.offset_encoding)
end

-- Hover on Dana Whitfield (line 12): her card, with her role.
local params = position_of("Dana Whitfield", 12)
local hover = check(request("textDocument/hover", params), "no hover on Dana Whitfield")
local card = hover.contents.value or ""
check(card:find("Dana Whitfield", 1, true) and card:find("Leader of Ashgrove City Council", 1, true),
  "hover card: " .. card)
say("hover: " .. card:gsub("\n.*", ""))

-- Definition: her [dana-whitfield] header in the glossary.
local definition = request("textDocument/definition", params)
local location = check(definition and (definition.uri and definition or definition[1]), "no definition")
check(vim.uri_to_fname(location.uri) == glossary, "definition in " .. vim.uri_to_fname(location.uri))
local header = vim.fn.readfile(glossary)[location.range.start.line + 1]
check(header == "[dana-whitfield]", "definition lands on " .. tostring(header))
say("definition: glossary.toml:" .. (location.range.start.line + 1) .. " " .. header)

-- The source ledger: the first line's code lens sums it up, and running the lens (a client
-- command the plugin implements) or :CopydeskLedger shows the server's Markdown in a
-- scratch buffer beside the article.
local lenses = request("textDocument/codeLens", { textDocument = { uri = vim.uri_from_bufnr(buf) } })
local top = check(lenses and lenses[1], "no code lenses")
check(top.range.start.line == 0 and top.command.title:find("quotations", 1, true), "first lens: " .. vim.inspect(top))
say("code lens: " .. top.command.title)
local article_window = vim.api.nvim_get_current_win()
local function ledger_lines()
  local ledger = vim.fn.bufnr("copydesk://ledger/lido-closure.md")
  return ledger > 0 and vim.api.nvim_buf_get_lines(ledger, 0, -1, false) or {}
end
client:exec_cmd(top.command, { bufnr = buf })
check(vim.wait(5000, function() return ledger_lines()[1] == "# Source ledger: lido-closure.md" end, 20),
  "the lens opened no ledger: " .. vim.inspect(ledger_lines()))
check(table.concat(ledger_lines(), "\n"):find("| Dana Whitfield `dana-whitfield` |", 1, true), "no Dana Whitfield row")
check(vim.bo[vim.api.nvim_get_current_buf()].buftype == "nofile", "the ledger is not a scratch buffer")
vim.cmd("close")
vim.api.nvim_set_current_win(article_window)
vim.cmd("CopydeskLedger")
check(vim.wait(5000, function() return vim.api.nvim_buf_get_name(0):find("copydesk://ledger/", 1, true) end, 20),
  ":CopydeskLedger showed no ledger")
say("ledger: " .. ledger_lines()[3])
vim.cmd("close")
vim.api.nvim_set_current_win(article_window)

-- The add-to-glossary code action on Gwen Pryce (line 44), who is not in the glossary.
local unknown = check(diagnostic_with("unknown-speaker", 44), "no unknown-speaker on line 44")
local lsp_diagnostic = unknown.user_data and unknown.user_data.lsp
check(lsp_diagnostic, "diagnostic without its LSP form")
local actions = request("textDocument/codeAction", {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = lsp_diagnostic.range,
  context = { diagnostics = { lsp_diagnostic }, only = { "quickfix" } },
})
local add
for _, action in ipairs(actions or {}) do
  if action.title:find("Gwen Pryce", 1, true) and action.title:lower():find("glossary", 1, true) then
    add = action
  end
end
check(add, "no add-to-glossary action: " .. vim.inspect(vim.tbl_map(function(a) return a.title end, actions or {})))
say("code action: " .. add.title)
if add.edit then
  vim.lsp.util.apply_workspace_edit(add.edit, client.offset_encoding)
else
  local done = false
  client:exec_cmd(add.command, { bufnr = buf }, function() done = true end)
  check(vim.wait(5000, function() return done end, 20), "applyFix command did not finish")
end
local glossary_buf = vim.fn.bufnr(glossary)
check(vim.wait(5000, function()
  return glossary_buf > 0 and table.concat(vim.api.nvim_buf_get_lines(glossary_buf, 0, -1, false), "\n"):find('name = "Gwen Pryce"', 1, true) ~= nil
end, 20), "glossary buffer does not hold Gwen Pryce after the edit")
local added = vim.api.nvim_buf_get_lines(glossary_buf, 0, -1, false)
say("glossary now ends: " .. table.concat(vim.list_slice(added, #added - 2), " | "))
-- The glossary buffer is attached too, so the unsaved edit reaches the server and the
-- article is analysed again without the unknown-speaker diagnostic.
check(#vim.lsp.get_clients({ bufnr = glossary_buf, name = "copydesk" }) == 1, "glossary buffer not attached")
check(vim.wait(10000, function() return diagnostic_with("unknown-speaker", 44) == nil end, 20),
  "unknown-speaker on Gwen Pryce still there after adding her to the glossary")
say("unknown-speaker gone after the edit")

-- The pin-speaker code action on line 36's unattributed quotation, taken and applied the way a
-- user does (vim.lsp.buf.code_action with the cursor on the quotation): the pin comment goes
-- in on a line of its own, the warning goes away and the hover names the pinned speaker.
vim.cmd.buffer(buf)
local quote = "“Nobody asked the children who actually use it.”"
local function hover_on_quote(row)
  return (request("textDocument/hover", position_of("Nobody asked", row)) or {}).contents or {}
end
check((hover_on_quote(36).value or ""):find("readers will assume **Samuel Okafor**", 1, true),
  "hover before the pin: " .. vim.inspect(hover_on_quote(36)))
position_of("Nobody asked", 36)
local offered = {}
vim.lsp.buf.code_action({
  context = { only = { "quickfix" } },
  filter = function(action)
    table.insert(offered, action.title)
    return action.title == "Pin speaker: Samuel Okafor"
  end,
  apply = true,
})
local pin = "<!-- copydesk-speaker samuel-okafor -->"
local function line(row) return vim.api.nvim_buf_get_lines(buf, row - 1, row, false)[1] end
check(vim.wait(5000, function() return line(36) == pin end, 20),
  "no pin on line 36 after the action; line 36: " .. tostring(line(36)) .. "; actions offered: " .. vim.inspect(offered))
check(line(37) == quote, "the quotation moved to line 37: " .. tostring(line(37)))
say("code action: Pin speaker: Samuel Okafor; line 36 now " .. line(36))
check(vim.wait(10000, function()
  return diagnostic_with("unattributed-quote", 36) == nil and diagnostic_with("unattributed-quote", 37) == nil
end, 20), "unattributed-quote still there after the pin: " .. vim.inspect(vim.diagnostic.get(buf)))
local pinned = hover_on_quote(37).value or ""
check(pinned:find("Said by **Samuel Okafor**", 1, true) and pinned:find("pinned by copydesk-speaker", 1, true),
  "hover after the pin: " .. pinned)
say("unattributed-quote gone after the pin; hover: " .. pinned:gsub("\n.*", ""))

-- :checkhealth copydesk, from the article: binary found, server attached, glossary listed.
vim.cmd.buffer(buf)
vim.cmd("checkhealth copydesk")
local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
for _, expected in ipairs({
  "OK copydesk " .. "%d", -- version line: "copydesk 0.1.0 found: …"
  "OK server attached",
  "OK glossary glossary.toml %(front matter%)",
}) do
  check(report:find(expected), "checkhealth lacks `" .. expected .. "`:\n" .. report)
end
check(not report:find("ERROR"), "checkhealth reports an error:\n" .. report)
say("checkhealth: " .. #vim.split(report, "\n") .. " lines, binary found, glossary listed")

vim.fn.rename(pidfile .. ".partial", pidfile)
vim.cmd("qall!")
