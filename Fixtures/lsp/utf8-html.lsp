Content-Length: 138

{"jsonrpc": "2.0", "id": "a", "method": "initialize", "params": {"capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}}}Content-Length: 43

{"jsonrpc": "2.0", "method": "initialized"}Content-Length: 299

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "untitled:page.html", "languageId": "html", "version": 1, "text": "<html><head><title>We utilize &amp; share</title></head><body><h1>Utilize</h1><p>R and D is very good, in order to help.</p></body></html>\n"}}}Content-Length: 302

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "untitled:page.html", "version": 2}, "contentChanges": [{"text": "<html><head><title>Wé utilize &amp; share</title></head><body><h1>Utilize</h1><p>R and D is very good, in order to help.</p></body></html>\n"}]}}Content-Length: 269

{"jsonrpc": "2.0", "id": "b", "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "untitled:page.html"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}}Content-Length: 159

{"jsonrpc": "2.0", "method": "workspace/didChangeWorkspaceFolders", "params": {"event": {"added": [{"uri": "file:///elsewhere", "name": "x"}], "removed": []}}}Content-Length: 51

{"jsonrpc": "2.0", "id": "c", "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}