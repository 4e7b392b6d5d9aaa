-- copydesk for Neovim: attaches `copydesk lsp` to Markdown and text buffers, and to glossary
-- files (glossary.toml, *.glossary.toml) for their diagnostics and go-to-definition; adds
-- `:CopydeskLedger`, the article's source ledger in a scratch buffer (ledger.lua).
--
--   require("copydesk").setup({
--     cmd = { "copydesk", "lsp" },          -- the server command
--     filetypes = { "markdown", "text" },    -- buffers to attach to
--     settings = { debounceMs = 150, severities = { ["unknown-speaker"] = "hint" },
--                  glossaries = { "shared/people.toml" }, maxDocumentSize = 2097152 },
--   })
--
-- Neovim 0.11 and later: the options go to vim.lsp.config("copydesk", …) and the server is
-- enabled with vim.lsp.enable. Neovim 0.10: a FileType autocommand calls vim.lsp.start.

local M = {}

--- What marks an article's workspace root, the folder up to which glossary.toml files
--- apply (a glossary.toml itself is not a marker: folders above it may hold more).
M.root_markers = { ".git" }

--- Glossary files, which get the server too (diagnostics, definitions, completion).
M.glossary_patterns = { "glossary.toml", "*.glossary.toml" }

--- The options in force after setup, for :checkhealth.
M.options = nil

local defaults = {
  cmd = { "copydesk", "lsp" },
  filetypes = { "markdown", "text" },
  settings = {},
}

local function has_config_api()
  return vim.lsp.config ~= nil and vim.lsp.enable ~= nil
end

--- The configuration `lsp/copydesk.lua` returns, built from `options` (or the defaults).
function M.default_config(options)
  options = vim.tbl_deep_extend("force", defaults, options or {})
  return {
    cmd = options.cmd,
    filetypes = options.filetypes,
    -- Neovim 0.11 calls this with a callback; start_in gives 0.10 the folder itself.
    root_dir = function(bufnr, on_dir)
      on_dir(M.root_dir(bufnr))
    end,
    -- The server reads its settings from initializationOptions and, on every
    -- workspace/didChangeConfiguration, from the `copydesk` key of `settings`.
    init_options = options.settings,
    settings = { copydesk = options.settings },
  }
end

--- The workspace root for a buffer: the nearest folder holding a root marker, else the
--- buffer's own folder.
function M.root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local found = vim.fs.root(bufnr, M.root_markers)
  return found or (name ~= "" and vim.fs.dirname(name)) or vim.uv.cwd()
end

local function start_in(bufnr, config)
  if vim.bo[bufnr].buftype ~= "" then
    return
  end
  local start_config = vim.tbl_extend("force", config, { name = "copydesk", root_dir = M.root_dir(bufnr) })
  start_config.filetypes = nil
  vim.lsp.start(start_config, { bufnr = bufnr })
end

function M.setup(options)
  M.options = vim.tbl_deep_extend("force", defaults, options or {})
  local config = M.default_config(M.options)
  local group = vim.api.nvim_create_augroup("copydesk", { clear = true })

  if has_config_api() then
    vim.lsp.config("copydesk", config)
    vim.lsp.enable("copydesk")
  else
    vim.api.nvim_create_autocmd("FileType", {
      group = group,
      pattern = M.options.filetypes,
      callback = function(event)
        start_in(event.buf, config)
      end,
    })
    -- Buffers already open when setup runs (e.g. `nvim article.md` with a lazy-loaded plugin).
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(M.options.filetypes, vim.bo[bufnr].filetype) then
        start_in(bufnr, config)
      end
    end
  end

  require("copydesk.ledger").setup()

  -- Glossary files are TOML, a filetype the server is not enabled for: attach by name.
  vim.api.nvim_create_autocmd({ "BufReadPost", "BufNewFile" }, {
    group = group,
    pattern = M.glossary_patterns,
    callback = function(event)
      start_in(event.buf, config)
    end,
  })
end

return M
