junk before any header

Content-Length: 73

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}}Content-Length: 9

{not jsonContent-Length: 2

[]Content-Length: 99999999999999999999

content-length: 2

{}Content-Length: 83

{"jsonrpc": "2.0", "id": 2, "method": "initialize", "params": {"capabilities": {}}}Content-Length: 83

{"jsonrpc": "2.0", "id": 3, "method": "initialize", "params": {"capabilities": {}}}Content-Length: 205

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "untitled:x", "languageId": "yaml", "version": 1, "text": "title: x\nbody: |\n  # Hi\n\n  We utilize \u0000 it.\n"}}}Content-Length: 244

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "untitled:x", "version": 2}, "contentChanges": [{"range": {"start": {"line": 1e+30, "character": -1}, "end": {"line": 0, "character": 0}}, "text": "x"}]}}Content-Length: 216

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "untitled:x"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {}}}Content-Length: 150

{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":{"uri":"untitled:x"},"position":{"line":0,"character":"\uD800\u0041"}}}Content-Length: 45

{"jsonrpc": "2.0", "id": 6, "method": "exit"}Content-Length: 40

{"truncated":