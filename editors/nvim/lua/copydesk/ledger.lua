-- The source ledger of an article in a scratch buffer: `:CopydeskLedger` asks the server for
-- it (workspace/executeCommand `copydesk.ledger`, which answers Markdown) and shows it in a
-- split. The server's code lenses run `copydesk.showLedger`, a client command, which this
-- module implements the same way, so `vim.lsp.codelens.run()` opens the ledger too.

local M = {}

--- The copydesk client attached to `bufnr`, if any.
local function client_for(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = "copydesk" })[1]
end

--- Shows `markdown` in the ledger buffer of `article` (a buffer name), reusing its window
--- when it is already shown, so that asking again redraws rather than piling up splits.
local function show(article, markdown)
  local name = "copydesk://ledger/" .. vim.fs.basename(article)
  local ledger = vim.fn.bufnr(name)
  if ledger < 0 then
    ledger = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_name(ledger, name)
    vim.bo[ledger].filetype = "markdown"
    vim.bo[ledger].bufhidden = "wipe"
  end
  vim.bo[ledger].modifiable = true
  vim.api.nvim_buf_set_lines(ledger, 0, -1, false, vim.split(markdown, "\n", { plain = true }))
  vim.bo[ledger].modifiable = false
  vim.bo[ledger].modified = false
  local window = vim.fn.bufwinid(ledger)
  if window < 0 then
    vim.cmd("botright vsplit")
    vim.api.nvim_win_set_buf(0, ledger)
  else
    vim.api.nvim_set_current_win(window)
  end
  return ledger
end

--- Asks the server for the ledger of `bufnr` (default: the current buffer) and shows it.
--- `done`, if given, is called with the ledger buffer, or nil and the reason.
function M.open(bufnr, done)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  done = done or function() end
  local client = client_for(bufnr)
  if not client then
    local reason = "copydesk is not attached to this buffer"
    vim.notify(reason, vim.log.levels.WARN)
    return done(nil, reason)
  end
  local article = vim.api.nvim_buf_get_name(bufnr)
  local params = { command = "copydesk.ledger", arguments = { vim.uri_from_bufnr(bufnr) } }
  client:request("workspace/executeCommand", params, function(err, result)
    if err or type(result) ~= "string" then
      local reason = "copydesk ledger: " .. (err and err.message or "no answer")
      vim.notify(reason, vim.log.levels.WARN)
      return done(nil, reason)
    end
    done(show(article, result))
  end, bufnr)
end

--- Registers the `:CopydeskLedger` command and the code lenses' `copydesk.showLedger`.
function M.setup()
  vim.api.nvim_create_user_command("CopydeskLedger", function()
    M.open(0)
  end, { desc = "copydesk: show the article's source ledger" })
  vim.lsp.commands["copydesk.showLedger"] = function(command, context)
    -- The lens names its document by URI; the buffer it was run from is the fallback.
    local uri = command.arguments and command.arguments[1]
    M.open(type(uri) == "string" and vim.uri_to_bufnr(uri) or context.bufnr)
  end
end

return M
