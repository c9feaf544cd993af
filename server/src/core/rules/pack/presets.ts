/**
 * Which rules are on. Rules outside the pack always are (unless set to "off"); pack rules are on
 * when a preset that holds them (`best-practices`, `security`, `all`) or their own id is enabled,
 * or when the `rules` setting gives them a severity.
 */
import type { AnalysisSettings } from '../../analysis/settings';
import { PACK_RULES } from './index';

export const PRESETS = ['best-practices', 'security', 'all'] as const;

const PRESET_OF = new Map(PACK_RULES.map((r) => [r.id, r.preset]));

export function isPackRule(id: string): boolean {
  return PRESET_OF.has(id);
}

/** The rule ids a preset name (or rule id) enables; undefined when it names nothing. */
export function rulesEnabledBy(name: string): string[] | undefined {
  if (name === 'all') return PACK_RULES.map((r) => r.id);
  if (name === 'best-practices' || name === 'security') return PACK_RULES.filter((r) => r.preset === name).map((r) => r.id);
  return PRESET_OF.has(name) ? [name] : undefined;
}

const enabledCache = new WeakMap<readonly string[], Set<string>>();

function enabledPackRules(presets: readonly string[]): Set<string> {
  let set = enabledCache.get(presets);
  if (!set) {
    set = new Set(presets.flatMap((p) => rulesEnabledBy(p) ?? []));
    enabledCache.set(presets, set);
  }
  return set;
}

export function isRuleEnabled(id: string, settings: Pick<AnalysisSettings, 'rules' | 'presets'>): boolean {
  const severity = settings.rules[id];
  if (severity === 'off') return false;
  if (!PRESET_OF.has(id)) return true;
  return severity !== undefined || enabledPackRules(settings.presets).has(id);
}
