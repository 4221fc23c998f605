"""Where writers write: the LanguageTool-compatible API (``languagetool``) and the language server (``lsp``)."""
