/**
 * Writing strings as YAML scalars the way Kubernetes reads them (YAML 1.1): plain when the plain
 * form reads back as the same string, double-quoted otherwise (`"yes"`, `"8080"`, `"*"`).
 */
const YAML11_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;
const NUMBER_LIKE =
  /^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^0x[0-9a-fA-F_]+$|^0o?[0-7_]+$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$|^\d+(?::[0-5]?\d)+(?:\.\d*)?$/;

export function plainSafe(value: string): boolean {
  if (value === '' || value.trim() !== value) return false;
  if (YAML11_SPECIAL.test(value) || NUMBER_LIKE.test(value)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value)) return false;
  if (/: |\s#|:$/.test(value) || /[\n\r\t]/.test(value)) return false;
  return true;
}

/** `value` as a YAML string scalar. */
export function yamlString(value: string): string {
  return plainSafe(value) ? value : JSON.stringify(value);
}

/** A key as it can be written in a block mapping. */
export function yamlKey(key: string): string {
  return plainSafe(key) ? key : JSON.stringify(key);
}
