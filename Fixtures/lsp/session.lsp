Content-Length: 432

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file:///nonexistent-galley-session", "capabilities": {"general": {"positionEncodings": ["utf-16"]}, "workspace": {"workspaceEdit": {"documentChanges": true, "resourceOperations": ["create"]}, "didChangeWatchedFiles": {"dynamicRegistration": true}}}, "workspaceFolders": [{"uri": "file:///nonexistent-galley-session", "name": "session"}]}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 299

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "untitled:article", "languageId": "markdown", "version": 1, "text": "---\r\ntitle: We utilize things\r\n---\r\n# Utilize 😀 the tools\r\n\r\nObviously we utilize tools in order to help. 𝄞 Very good.\r\n"}}}Content-Length: 249

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "untitled:article", "version": 2}, "contentChanges": [{"range": {"start": {"line": 5, "character": 13}, "end": {"line": 5, "character": 20}}, "text": "use"}]}}Content-Length: 239

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "untitled:article"}, "range": {"start": {"line": 5, "character": 0}, "end": {"line": 5, "character": 60}}, "context": {"diagnostics": []}}}Content-Length: 157

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "untitled:article"}, "position": {"line": 5, "character": 2}}}Content-Length: 68

{"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 4}}Content-Length: 157

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {"textDocument": {"uri": "untitled:article"}, "position": {"line": 0, "character": 0}}}Content-Length: 158

{"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles", "params": {"changes": [{"uri": "file:///nonexistent-galley-session/.galley.yml", "type": 2}]}}Content-Length: 109

{"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": "untitled:article"}}}Content-Length: 110

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "untitled:article"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 5, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}