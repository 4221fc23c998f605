-- A headless Neovim (0.7 API) as betareader's LSP client: tests/editors/test_neovim.py runs
--   nvim --headless --clean -c "luafile tests/editors/nvim_client.lua"
-- with BETAREADER_NVIM_CMD (the server command, a JSON list), BETAREADER_NVIM_FILE (the chapter),
-- BETAREADER_NVIM_OUT (where the JSON result goes) and BETAREADER_NVIM_TIMEOUT (ms).
-- It opens the chapter, waits for the diagnostics, records them, applies the preferred code
-- action for the SPL004 misspelling as `:lua vim.lsp.buf.code_action()` would ask for it, writes
-- the buffer, waits for the re-check, and quits (exit status 1 on any failure).

local cmd = vim.fn.json_decode(os.getenv("BETAREADER_NVIM_CMD"))
local file = os.getenv("BETAREADER_NVIM_FILE")
local out = os.getenv("BETAREADER_NVIM_OUT")
local timeout = tonumber(os.getenv("BETAREADER_NVIM_TIMEOUT") or "60000")
local result = {}

local function has_code(buf, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code then
      return d
    end
  end
  return nil
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "betareader",
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(file, ":p:h"),
    init_options = { betareader = { debounceMs = 0 } },
  })
  assert(client_id, "the language server did not start")
  assert(vim.lsp.buf_attach_client(buf, client_id), "could not attach the client")
  assert(vim.wait(timeout, function() return has_code(buf, "SPL004") ~= nil end, 50),
    "no SPL004 diagnostic within the timeout")
  local client = vim.lsp.get_client_by_id(client_id)
  result.filetype = vim.bo[buf].filetype
  result.offset_encoding = client.offset_encoding
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      code = d.code, severity = d.severity, source = d.source, message = d.message,
    })
  end

  -- the code actions at the misspelling, asked for as vim.lsp.buf.code_action() does
  local target = has_code(buf, "SPL004")
  vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf) }
  local resp = client.request_sync("textDocument/codeAction", params, timeout, buf)
  assert(resp and not resp.err, "textDocument/codeAction failed: " .. vim.inspect(resp))
  local chosen = nil
  result.actions = {}
  for _, action in ipairs(resp.result or {}) do
    table.insert(result.actions, action.title)
    if action.isPreferred and action.edit and chosen == nil then
      chosen = action
    end
  end
  assert(chosen, "no preferred code action")
  result.applied = chosen.title
  vim.lsp.util.apply_workspace_edit(chosen.edit, "utf-16")
  vim.cmd("write")
  result.fixed_diagnostic_gone = vim.wait(timeout, function() return has_code(buf, "SPL004") == nil end, 50)
  vim.lsp.stop_client(client_id)
  vim.wait(10000, function() return vim.lsp.client_is_stopped(client_id) end, 50)
end)

result.ok = ok
if not ok then
  result.error = tostring(err)
end
local fh = assert(io.open(out, "w"))
fh:write(vim.fn.json_encode(result))
fh:close()
if ok then
  vim.cmd("qall!")
else
  vim.cmd("cquit 1")
end
