// The settings the server reads (see src/lsp/config.rs in the copydesk repository), built
// from the `copydesk.*` configuration. Sent as initializationOptions and again, whole, with
// every workspace/didChangeConfiguration.

/** Every diagnostic code and its default severity, as the server reports it. */
export const DEFAULT_SEVERITIES: Readonly<Record<string, string>> = {
  "unattributed-quote": "warning",
  "unbalanced-quote": "warning",
  "ambiguous-speaker": "hint",
  "unknown-speaker": "information",
  "anonymous-source": "hint",
  "unresolved-pronoun": "hint",
  "unknown-pin": "error",
  "config-invalid": "error",
  "glossary-syntax": "error",
  "glossary-missing-name": "error",
  "glossary-unknown-kind": "error",
  "glossary-unknown-affiliation": "error",
  "glossary-duplicate-alias": "warning",
  "glossary-invalid-field": "error",
  "glossary-not-found": "error",
};

export interface ServerSettings {
  severities: Record<string, string>;
  debounceMs: number;
  glossaries: string[];
  maxDocumentSize: number;
}

/** Reads one `copydesk.*` setting; the shape of `vscode.WorkspaceConfiguration.get`. */
export type SettingReader = <T>(key: string, fallback: T) => T;

export function serverSettings(get: SettingReader): ServerSettings {
  // The server only adds severity overrides, so every code is sent: a code the user has not
  // set is sent as "default", which removes any override the server holds, so that removing
  // a setting puts back the project's copydesk.toml level or the built-in one.
  const unset = Object.fromEntries(Object.keys(DEFAULT_SEVERITIES).map((code) => [code, "default"]));
  const severities = { ...unset, ...get<Record<string, string>>("severities", {}) };
  return {
    severities,
    debounceMs: get<number>("debounceMs", 150),
    glossaries: get<string[]>("glossaries", []),
    maxDocumentSize: get<number>("maxDocumentSize", 2 * 1024 * 1024),
  };
}
