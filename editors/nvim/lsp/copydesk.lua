-- The copydesk language server for Neovim 0.11's vim.lsp.config / vim.lsp.enable.
-- With this plugin on the runtimepath, `vim.lsp.enable("copydesk")` is enough; calling
-- `require("copydesk").setup({ … })` does that and applies your options on top.
return require("copydesk").default_config()
