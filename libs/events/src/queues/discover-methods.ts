import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';

export interface DiscoveredMethod<M> {
  meta: M;
  owner: string;
  call: (...args: unknown[]) => Promise<unknown>;
}

/** Finds every provider method carrying a metadata key. */
export function discoverMethods<M>(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
  key: symbol,
): Array<DiscoveredMethod<M>> {
  const found: Array<DiscoveredMethod<M>> = [];
  for (const wrapper of discovery.getProviders()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const method = instance[name];
      if (typeof method !== 'function') continue;
      const meta = reflector.get<M | undefined>(key, method as () => unknown);
      if (meta === undefined) continue;
      found.push({
        meta,
        owner: `${instance.constructor.name}.${name}`,
        call: (...args: unknown[]) =>
          Promise.resolve((method as (...a: unknown[]) => unknown).apply(instance, args)),
      });
    }
  }
  return found;
}
