-- Headless Neovim 0.11 test of `copydesk lsp` on an article and its glossary:
-- diagnostics arrive, hover on the first glossary entity the article mentions shows its card,
-- definition jumps to that entity's `[id]` header, and the server exits cleanly (status 0,
-- no orphaned process) when the client stops.
--
--   nvim --headless -u NONE -i NONE -l tests/nvim/lsp_test.lua SERVER ARTICLE GLOSSARY

local server, article, glossary = arg[1], arg[2], arg[3]

local function fail(message)
  io.stderr:write("FAIL: " .. message .. "\n")
  vim.cmd("cquit 1")
end

local function say(message)
  io.stdout:write(message .. "\n")
end

local function check(condition, message)
  if not condition then
    fail(message)
  end
end

for _, path in ipairs({ server, article, glossary }) do
  check(path and vim.uv.fs_stat(path), "missing argument or file: " .. tostring(path))
end
article = vim.fn.fnamemodify(article, ":p")
glossary = vim.fn.fnamemodify(glossary, ":p")

-- The glossary's entity names in file order, to find one the article mentions.
local names = {}
for line in io.lines(glossary) do
  local name = line:match('^name%s*=%s*"(.-)"')
  if name then
    table.insert(names, name)
  end
end

vim.cmd.edit(vim.fn.fnameescape(article))
local buf = vim.api.nvim_get_current_buf()
local exit_code = nil
local client_id = vim.lsp.start({
  name = "copydesk",
  cmd = { server, "lsp" },
  root_dir = vim.fn.fnamemodify(article, ":h"),
  init_options = { debounceMs = 0 },
  on_exit = function(code)
    exit_code = code
  end,
}, { bufnr = buf })
check(client_id, "vim.lsp.start returned no client")

check(vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20), "no diagnostics arrived")
for _, diagnostic in ipairs(vim.diagnostic.get(buf)) do
  check(diagnostic.source == "copydesk", "diagnostic from " .. tostring(diagnostic.source))
end
say(("diagnostics: %d"):format(#vim.diagnostic.get(buf)))

local client = vim.lsp.get_client_by_id(client_id)
local params

local function request(method)
  local responses = vim.lsp.buf_request_sync(buf, method, params, 5000)
  check(responses and responses[client_id], method .. ": no response")
  local response = responses[client_id]
  check(response.err == nil, method .. ": " .. vim.inspect(response.err))
  return response.result
end

-- Hover on each occurrence of each glossary name, in order, until one is a mention (an
-- occurrence in the front matter is not): its card must name the entity.
local target, hover
for _, name in ipairs(names) do
  for row, text in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local col = text:find(name, 1, true)
    if col and not hover then
      vim.api.nvim_win_set_cursor(0, { row, col })
      params = vim.lsp.util.make_position_params(0, client.offset_encoding)
      local result = request("textDocument/hover")
      if result and result.contents then
        target, hover = { name = name }, result
      end
    end
  end
end
check(target, "no hover on any glossary name in the article")
check(hover.contents.value:find(target.name, 1, true),
  "hover does not name " .. target.name .. ": " .. vim.inspect(hover))
say("hover: " .. (hover.contents.value:gsub("\n.*", "")))

local definition = request("textDocument/definition")
local location = definition and (definition.uri and definition or definition[1])
check(location, "no definition for " .. target.name)
local path = vim.uri_to_fname(location.uri)
check(path:match("%.toml$"), "definition outside a glossary: " .. path)
local header = vim.fn.readfile(path)[location.range.start.line + 1]
check(header and header:match("^%[.+%]$"), "definition is not an [id] header: " .. tostring(header))
say("definition: " .. vim.fn.fnamemodify(path, ":t") .. " " .. header)

-- Stop the client: the server must answer shutdown, exit 0, and leave no process behind.
vim.lsp.stop_client(client_id)
check(vim.wait(5000, function() return exit_code ~= nil end, 20), "server did not exit")
check(exit_code == 0, "server exit status " .. tostring(exit_code))
local children = vim.fn.system({ "ps", "-o", "comm=", "--ppid", tostring(vim.fn.getpid()) })
check(not children:find("copydesk", 1, true), "orphaned server: " .. children)
say("clean exit")
vim.cmd("qall!")
