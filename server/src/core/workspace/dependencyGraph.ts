/**
 * Which files use which dependency keys (see facts.ts), in both directions. Static uses come from a
 * file's facts; dynamic uses are recorded while its cross-resource diagnostics are computed (the
 * templates a Service selects, the candidates its message names) and replaced on every run.
 */
export class DependencyGraph {
  private readonly staticUsers = new Map<string, Set<string>>();
  private readonly dynamicUsers = new Map<string, Set<string>>();
  private readonly staticUses = new Map<string, ReadonlySet<string>>();
  private readonly dynamicUses = new Map<string, ReadonlySet<string>>();

  /** Replaces the static uses of a file. */
  setStatic(file: string, uses: ReadonlySet<string>): void {
    replace(this.staticUses, this.staticUsers, file, uses);
  }

  /** Replaces the dynamic uses of a file. */
  setDynamic(file: string, uses: ReadonlySet<string>): void {
    replace(this.dynamicUses, this.dynamicUsers, file, uses);
  }

  remove(file: string): void {
    this.setStatic(file, new Set());
    this.setDynamic(file, new Set());
  }

  /** Files using `key`, statically or dynamically. */
  *usersOf(key: string): Iterable<string> {
    yield* this.staticUsers.get(key) ?? [];
    yield* this.dynamicUsers.get(key) ?? [];
  }

  /** Files using `key` statically (a reference by name, a selector label). */
  staticUsersOf(key: string): ReadonlySet<string> {
    return this.staticUsers.get(key) ?? new Set();
  }
}

function replace(uses: Map<string, ReadonlySet<string>>, users: Map<string, Set<string>>, file: string, next: ReadonlySet<string>): void {
  const previous = uses.get(file) ?? new Set<string>();
  for (const key of previous) {
    if (next.has(key)) continue;
    const set = users.get(key);
    set?.delete(file);
    if (set && set.size === 0) users.delete(key);
  }
  for (const key of next) {
    let set = users.get(key);
    if (!set) users.set(key, (set = new Set()));
    set.add(file);
  }
  if (next.size === 0) uses.delete(file);
  else uses.set(file, next);
}
