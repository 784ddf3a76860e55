// Galley for VS Code: starts `galley lsp` and hands it Markdown, HTML, XML and YAML documents.
// Everything else (diagnostics, quick fixes, fix all, hover) comes from the server.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

async function start() {
  const settings = vscode.workspace.getConfiguration("galley");
  const args = ["lsp"];
  if (settings.get("config")) args.push("--config", settings.get("config"));
  // TransportKind.stdio adds --stdio, which galley lsp accepts.
  const serverOptions = { command: settings.get("path") || "galley", args, transport: TransportKind.stdio };
  const languages = ["markdown", "html", "xml", "yaml"];
  const clientOptions = {
    documentSelector: languages.flatMap((language) => [{ scheme: "file", language }, { scheme: "untitled", language }]),
  };
  client = new LanguageClient("galley", "Galley", serverOptions, clientOptions);
  await client.start();
}

async function activate(context) {
  // A new path or configuration file: start the server again with it.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration("galley")) return;
      if (client) await client.stop();
      await start();
    })
  );
  await start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
