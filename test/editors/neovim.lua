-- Drives Shipshape's language server from a headless Neovim (0.7+), the way a user's config would,
-- and writes what it saw as JSON. Run by neovim.test.ts:
--   nvim --headless -u NONE -c "luafile neovim.lua"
-- Environment: SHIPSHAPE_SERVER (server bundle), SHIPSHAPE_WS (workspace folder), SHIPSHAPE_FILE (manifest
-- to open), SHIPSHAPE_OUT (result file), SHIPSHAPE_COMMAND (optional: a lens command to execute).
local server = os.getenv('SHIPSHAPE_SERVER')
local ws = os.getenv('SHIPSHAPE_WS')
local file = os.getenv('SHIPSHAPE_FILE')
local out = os.getenv('SHIPSHAPE_OUT')
local result = { steps = {} }

local function finish()
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local function step(name, fn)
  local ok, err = pcall(fn)
  table.insert(result.steps, { name = name, ok = ok, error = ok and vim.NIL or tostring(err) })
  if not ok then finish() end
end

local client_id
step('start', function()
  client_id = vim.lsp.start_client({
    name = 'shipshape',
    cmd = { 'node', server, '--stdio' },
    root_dir = ws,
    workspace_folders = { { uri = vim.uri_from_fname(ws), name = 'ws' } },
    -- Neovim answers workspace/configuration from `settings`.
    settings = { shipshape = { kubernetesVersion = '1.36' } },
  })
  assert(client_id, 'the client did not start')
end)

local bufnr
step('open', function()
  vim.cmd('edit ' .. file)
  bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'yaml'
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'could not attach')
end)

step('diagnostics', function()
  local got = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  assert(got, 'no diagnostics within 20 s')
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or vim.NIL
    table.insert(result.diagnostics, { line = d.lnum, col = d.col, message = d.message, code = code, severity = d.severity })
  end
end)

local client = vim.lsp.get_client_by_id(client_id)
local uri = vim.uri_from_bufnr(bufnr)

step('completion', function()
  -- Inside the first container, at the start of an empty line after `image:`.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local line
  for i, l in ipairs(lines) do
    if l:match('^%s+image:') then line = i; break end
  end
  assert(line, 'no image: line')
  local indent = lines[line]:match('^(%s*)')
  vim.api.nvim_buf_set_lines(bufnr, line, line, false, { indent })
  local response = client.request_sync('textDocument/completion', {
    textDocument = { uri = uri },
    position = { line = line, character = #indent },
  }, 10000, bufnr)
  assert(response and response.result, 'no completion result: ' .. vim.inspect(response and response.err))
  local items = response.result.items or response.result
  result.completion = {}
  for _, item in ipairs(items) do table.insert(result.completion, item.label) end
  vim.api.nvim_buf_set_lines(bufnr, line, line + 1, false, {})
end)

step('quickfix', function()
  local target
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.message:match('replcas') then target = d; break end
  end
  assert(target, 'no diagnostic with a suggestion')
  -- Neovim keeps only some LSP fields under user_data.lsp: rebuild the diagnostic the server sent.
  local range = { start = { line = target.lnum, character = target.col }, ['end'] = { line = target.end_lnum, character = target.end_col } }
  local lsp = target.user_data and target.user_data.lsp or {}
  local diagnostic = { range = range, message = target.message, severity = target.severity, source = target.source, code = lsp.code, data = lsp.data }
  local response = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = range,
    context = { diagnostics = { diagnostic } },
  }, 10000, bufnr)
  assert(response and response.result and #response.result > 0, 'no code action')
  local action = response.result[1]
  result.action = action.title
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
  local before = #vim.diagnostic.get(bufnr)
  local fixed = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) < before end, 50)
  assert(fixed, 'the quick fix did not clear its diagnostic')
  result.afterFix = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(result.afterFix, d.message) end
end)

local command = os.getenv('SHIPSHAPE_COMMAND')
if command and command ~= '' then
  step('executeCommand', function()
    result.commands = (client.server_capabilities and client.server_capabilities.executeCommandProvider or {}).commands or vim.NIL
    local response = client.request_sync('workspace/executeCommand', { command = command, arguments = { uri, 0 } }, 20000, bufnr)
    assert(response, 'no answer to workspace/executeCommand')
    assert(not response.err, vim.inspect(response.err))
    result.executed = response.result
  end)
end

finish()
