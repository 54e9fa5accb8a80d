// The name of the scan configuration file, without its parser (findings-config.ts), so that the
// CLI's option specs can name it without loading the YAML parser and the findings catalogue.
export const CONFIG_FILE = '.rbac-atlas.yaml';
