/** Reads an async iterable to its end. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/**
 * Takes the first `count` items. With `finish` false the iterator is left open
 * (a subscription stays subscribed); otherwise it is returned, which closes it.
 */
export async function take<T>(iterable: AsyncIterable<T>, count: number, finish = true): Promise<T[]> {
  const iterator = iterable[Symbol.asyncIterator]();
  const items: T[] = [];
  while (items.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    items.push(next.value);
  }
  if (finish) await iterator.return?.();
  return items;
}
