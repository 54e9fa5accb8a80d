// The output formats of a scan report (`rbac-atlas scan -o`). A module of its own, without the
// renderers (findings-render.ts), so that the CLI's option specs can list them without loading one.
export const SCAN_FORMATS = ['table', 'json', 'csv', 'sarif', 'markdown', 'html'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];
