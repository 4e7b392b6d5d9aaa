-- :checkhealth copydesk — is the server binary there, is it attached to this buffer, and
-- which glossary files apply to the current article.
--
-- The glossary list follows the rules the server uses (README, "copydesk check"): the front
-- matter's `glossary` paths, a sidecar `<article>.glossary.toml` (or `<stem>.glossary.toml`),
-- every `glossary.toml` from the article's folder up to the workspace root, then the
-- `glossaries` setting, each file once.

local M = {}

local health = vim.health

--- The `glossary` paths named by an article's YAML (---) or TOML (+++) front matter.
function M.front_matter_glossaries(lines)
  local fence = lines[1]
  if fence ~= "---" and fence ~= "+++" then
    return {}
  end
  local paths = {}
  local in_list = false
  local function add_inline(value)
    value = vim.trim(value)
    if value:sub(1, 1) == "[" then
      for item in value:gmatch("[^,%[%]]+") do
        add_inline(item)
      end
      return
    end
    value = value:gsub("^[\"']", ""):gsub("[\"']$", "")
    if value ~= "" then
      table.insert(paths, value)
    end
  end
  for index = 2, #lines do
    local line = lines[index]
    if line == fence then
      break
    end
    local value = line:match("^glossary%s*[:=]%s*(.-)%s*$")
    if value then
      in_list = value == ""
      if not in_list then
        add_inline(value)
      end
    elseif in_list and line:match("^%s*%-%s+") then
      add_inline(line:match("^%s*%-%s+(.-)%s*$"))
    elseif not line:match("^%s") then
      in_list = false
    end
  end
  return paths
end

local function normalize(path)
  return vim.fs.normalize(vim.fn.simplify(path))
end

--- Every glossary file that applies to the article at `article` (absolute), with `root` the
--- workspace root and `extra` the configured glossaries: { path, origin, exists }.
function M.glossaries_for(article, lines, root, extra)
  local folder = vim.fs.dirname(article)
  if not vim.startswith(folder .. "/", root .. "/") then
    root = folder
  end
  local candidates = {}
  for _, written in ipairs(M.front_matter_glossaries(lines)) do
    local path = normalize(written:sub(1, 1) == "/" and written or folder .. "/" .. written)
    local inside = vim.startswith(path, root .. "/")
    table.insert(candidates, { path = path, origin = "front matter", outside = not inside })
  end
  local name = vim.fs.basename(article)
  local stem = name:gsub("%.[^.]*$", "")
  table.insert(candidates, { path = folder .. "/" .. name .. ".glossary.toml", origin = "sidecar" })
  table.insert(candidates, { path = folder .. "/" .. stem .. ".glossary.toml", origin = "sidecar" })
  local dir = folder
  while dir do
    table.insert(candidates, { path = dir .. "/glossary.toml", origin = "folder" })
    local parent = vim.fs.dirname(dir)
    dir = (dir ~= root and parent ~= dir) and parent or nil
  end
  for _, written in ipairs(extra or {}) do
    local path = normalize(written:sub(1, 1) == "/" and written or root .. "/" .. written)
    table.insert(candidates, { path = path, origin = "setting" })
  end

  local seen, found = {}, {}
  for _, candidate in ipairs(candidates) do
    if not seen[candidate.path] then
      seen[candidate.path] = true
      candidate.exists = vim.uv.fs_stat(candidate.path) ~= nil
      -- Sidecars and folder glossaries are optional: only those present apply.
      if candidate.exists or candidate.origin == "front matter" or candidate.origin == "setting" then
        table.insert(found, candidate)
      end
    end
  end
  return found
end

local function check_binary(options)
  local cmd = options.cmd
  if type(cmd) ~= "table" or not cmd[1] then
    health.info("cmd is a function: cannot check the binary")
    return
  end
  local path = vim.fn.exepath(cmd[1])
  if path == "" then
    health.error(("`%s` not found (cmd = %s)"):format(cmd[1], vim.inspect(cmd)), {
      "Install it with `cargo install --path .` in a copydesk checkout, or",
      'pass its full path: require("copydesk").setup({ cmd = { "/path/to/copydesk", "lsp" } })',
    })
    return
  end
  local version = vim.trim(vim.fn.system({ path, "--version" }))
  if vim.v.shell_error ~= 0 then
    health.warn(("%s found, but `%s --version` failed: %s"):format(path, path, version))
  else
    health.ok(("%s found: %s"):format(version, path))
  end
end

local function is_file_buffer(bufnr)
  return bufnr and vim.api.nvim_buf_is_valid(bufnr) and vim.bo[bufnr].buftype == ""
    and vim.api.nvim_buf_get_name(bufnr) ~= ""
end

-- :checkhealth shows its report in a window of its own (a new tab page by default, or a split
-- with modifiers): the article is in the window that was current before it.
local function article_buffer()
  local previous_window = vim.fn.win_getid(vim.fn.winnr("#"))
  if previous_window > 0 and is_file_buffer(vim.api.nvim_win_get_buf(previous_window)) then
    return vim.api.nvim_win_get_buf(previous_window)
  end
  local previous_tab = vim.fn.tabpagenr("#")
  if previous_tab > 0 then
    local tab = vim.api.nvim_list_tabpages()[previous_tab]
    local bufnr = tab and vim.api.nvim_win_get_buf(vim.api.nvim_tabpage_get_win(tab))
    if is_file_buffer(bufnr) then
      return bufnr
    end
  end
  local current = vim.api.nvim_get_current_buf()
  return is_file_buffer(current) and current or nil
end

function M.check()
  local copydesk = require("copydesk")
  health.start("copydesk")
  if vim.fn.has("nvim-0.10") == 0 then
    health.error("Neovim 0.10 or later is needed")
  end
  local options = copydesk.options
  if not options then
    health.warn("require('copydesk').setup() has not been called", { "Call it from your init.lua." })
    options = copydesk.default_config()
  end
  check_binary(options)

  local bufnr = article_buffer()
  if not bufnr then
    health.info("No article buffer: open an article, then run :checkhealth copydesk")
    return
  end
  local article = normalize(vim.api.nvim_buf_get_name(bufnr))
  health.start("copydesk: " .. vim.fn.fnamemodify(article, ":~:."))
  local clients = vim.lsp.get_clients({ bufnr = bufnr, name = "copydesk" })
  local root = copydesk.root_dir(bufnr)
  if #clients > 0 then
    local client = clients[1]
    health.ok(("server attached (client %d, root %s)"):format(client.id, client.root_dir or "none"))
    root = client.root_dir or root
  else
    health.warn(("server not attached to this buffer (filetype `%s`)"):format(vim.bo[bufnr].filetype), {
      "copydesk attaches to the filetypes " .. table.concat(options.filetypes or {}, ", "),
    })
  end
  root = normalize(root)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, 200, false)
  local glossaries = M.glossaries_for(article, lines, root, (options.settings or {}).glossaries)
  if #glossaries == 0 then
    health.warn("no glossary applies to this article", {
      "Add glossary.toml next to it or in a folder above it (up to " .. root .. "),",
      "or name one in its front matter: `glossary: people.toml`.",
    })
  end
  for _, glossary in ipairs(glossaries) do
    local shown = ("glossary %s (%s)"):format(vim.fn.fnamemodify(glossary.path, ":~:."), glossary.origin)
    if glossary.outside then
      health.error(shown .. ": outside the workspace root " .. root .. ", so the server does not read it")
    elseif glossary.exists then
      health.ok(shown)
    else
      health.error(shown .. ": file not found")
    end
  end
end

return M
