/**
 * What a page read of the model, recorded while it renders, so that a later build can tell
 * whether the page would come out the same: the watch build's incremental plan
 * (src/eleventy/render-plan.ts) renders a page again only when one of its reads gives another
 * value in the new model. Nothing is listed by hand: every template, partial and filter reads
 * the model through `tracked(root, reads)`, a proxy that records each property read from the
 * page's root (a path such as `.mentions.0.entity.spellings.1.text`) with the value it gave.
 *
 * - A primitive read keeps its value (long strings a hash of it).
 * - An object read keeps which object it was: the same object reached by two paths is one proxy
 *   (templates compare records with `==`), and a replay checks the new model reaches one object
 *   by both paths again, and distinct objects are still distinct.
 * - A method called on a record (a pager's `hrefOf(n)`) keeps its arguments and result; one with
 *   arguments that are not plain values makes the page always render again.
 * - `includeReads`: the reads of a fragment rendered once and reused (an article card), counted
 *   for every page that shows it, from where the page reached its root.
 *
 * Pure: no Eleventy, no file system.
 */
import crypto from "node:crypto";

type Primitive = string | number | boolean | bigint | symbol | null | undefined;

interface Call {
  args: unknown[];
  node: ReadNode;
}

/** One path read from a page's root: what it gave, and what was read from there. */
interface ReadNode {
  /** "v": a primitive (in `value`, or `hash` for a long string); "o": an object (`id`); "f": a function; "x": not replayable. */
  kind: "v" | "o" | "f" | "x";
  value?: Primitive;
  hash?: string;
  id?: number;
  props?: Map<PropertyKey, ReadNode>;
  /** `in` checks. */
  has?: Map<PropertyKey, boolean>;
  /** Own keys listed (Object.keys, for…in, a copy of the object). */
  keys?: string;
  /** Calls of the function read here, by their arguments. */
  calls?: Map<string, Call>;
  /** Reads of fragments rendered from this object once and reused. */
  includes?: Set<PageReads>;
  /** The same, compacted once the page is rendered (`PageReads.done`): arrays, quicker to replay and smaller. */
  pk?: PropertyKey[];
  pc?: ReadNode[];
  hk?: PropertyKey[];
  hv?: boolean[];
  cl?: Call[];
  inc?: PageReads[];
}

/** Everything one page (or one reused fragment) read, from its roots. */
export class PageReads {
  readonly roots = new Map<string, ReadNode>();
  /** One proxy per object reached: identity kept, as templates compare with `==` (weakly: kept reads must not keep old models). */
  proxies = new WeakMap<object, object>();
  ids = 0;
  #done = false;

  /** The page is rendered: its reads are compacted and its proxies let go. Nothing is recorded after. */
  done(): void {
    if (this.#done) return;
    this.#done = true;
    this.proxies = new WeakMap();
    for (const node of this.roots.values()) compact(node);
  }

  /** `value` as this page reads it, under root `name` (the page's item, `news`, …). */
  track<T>(value: T, name = "item"): T {
    const node = nodeFor(this, value);
    this.roots.set(name, node);
    return wrap(this, value, node) as T;
  }
}

function nodeFor(reads: PageReads, value: unknown): ReadNode {
  if (typeof value === "function") return { kind: "f" };
  if (value !== null && typeof value === "object") {
    const known = reads.proxies.get(value);
    if (known) return { kind: "o", id: nodes.get(known)!.node.id };
    return { kind: "o", id: reads.ids++ };
  }
  return primitiveNode(value as Primitive);
}

/** A proxy's handler: the traps are shared, `this` is the handler (its page and path). */
interface Handler extends ProxyHandler<object> {
  reads: PageReads;
  node: ReadNode;
}

function wrap(reads: PageReads, value: unknown, node: ReadNode): unknown {
  if (value === null || typeof value !== "object") return value;
  const known = reads.proxies.get(value);
  if (known) return known;
  const handler: Handler = Object.create(traps);
  handler.reads = reads;
  handler.node = node;
  const proxy = new Proxy(value, handler);
  reads.proxies.set(value, proxy);
  nodes.set(proxy, { reads, node, target: value });
  return proxy;
}

const arrayMethods = new Set<unknown>(
  Object.getOwnPropertyNames(Array.prototype).map((k) => (Array.prototype as unknown as Record<string, unknown>)[k]),
);

/** A value a call can be keyed by: a primitive, or a plain object or array of them (a message's values, `{ count: 3 }`). */
function plainData(a: unknown): boolean {
  if (a === null || a === undefined) return true;
  if (typeof a === "function" || typeof a === "symbol" || typeof a === "bigint") return false;
  if (typeof a !== "object") return true;
  if (Array.isArray(a)) return a.every(plainData);
  const proto = Object.getPrototypeOf(a);
  return (proto === Object.prototype || proto === null) && Object.values(a).every(plainData);
}

/** A function read from `target`: called on the object itself (private fields), its result recorded. */
function method(reads: PageReads, target: object, fn: (...args: unknown[]) => unknown, node: ReadNode): unknown {
  return (...args: unknown[]) => {
    const raw = args.map(untracked);
    const result = fn.apply(target, raw);
    let key: string | undefined;
    try {
      key = raw.every(plainData) ? JSON.stringify(raw) : undefined;
    } catch {
      key = undefined;
    }
    if (key === undefined) {
      node.kind = "x";
      return result;
    }
    node.calls ??= new Map();
    let call = node.calls.get(key);
    if (!call) node.calls.set(key, (call = { args: raw, node: nodeFor(reads, result) }));
    return wrap(reads, result, call.node);
  };
}

const traps: ProxyHandler<object> = {
  get(this: Handler, target, prop) {
    // getters run on the object itself, where its private fields are
    const value: unknown = (target as Record<PropertyKey, unknown>)[prop];
    const { node } = this;
    if (Array.isArray(target) && typeof value === "function" && arrayMethods.has(value)) {
      // an array's own methods run on the proxy: their reads of the elements are recorded one by one
      return value;
    }
    if (typeof prop === "symbol") {
      if (typeof value !== "function") return value;
      // iterating a Map or a Set: its entries would not be recorded, so the page always renders again
      node.kind = "x";
      return value.bind(target);
    }
    node.props ??= new Map();
    let child = node.props.get(prop);
    if (!child) node.props.set(prop, (child = nodeFor(this.reads, value)));
    if (typeof value === "function") return method(this.reads, target, value as (...args: unknown[]) => unknown, child);
    if (value !== null && typeof value === "object" && Object.isFrozen(target)) {
      // a frozen object's properties must be returned as they are: not followed
      child.kind = "x";
      return value;
    }
    return wrap(this.reads, value, child);
  },
  has(this: Handler, target, prop) {
    const result = Reflect.has(target, prop);
    if (typeof prop !== "symbol") (this.node.has ??= new Map()).set(prop, result);
    return result;
  },
  ownKeys(this: Handler, target) {
    this.node.keys = keysOf(target);
    return Reflect.ownKeys(target);
  },
};

function compact(node: ReadNode): void {
  if (node.props) {
    node.pk = [...node.props.keys()];
    node.pc = [...node.props.values()];
    node.props = undefined;
    for (const child of node.pc) compact(child);
  }
  if (node.has) {
    node.hk = [...node.has.keys()];
    node.hv = [...node.has.values()];
    node.has = undefined;
  }
  if (node.calls) {
    node.cl = [...node.calls.values()];
    node.calls = undefined;
    for (const call of node.cl) compact(call.node);
  }
  if (node.includes) {
    node.inc = [...node.includes];
    node.includes = undefined;
    for (const fragment of node.inc) fragment.done();
  }
}

/** What `tracked` knows of each proxy. */
const nodes = new WeakMap<object, { reads: PageReads; node: ReadNode; target: object }>();

/** The object behind a tracked proxy (anything else as it is): for lookups keyed by the record. */
export function untracked<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  return (nodes.get(value)?.target as T | undefined) ?? value;
}

/** Counts the reads of `fragment` (rendered once from `value`'s object) for the page `value` was reached by. */
export function includeReads(value: unknown, fragment: PageReads): void {
  if (value === null || typeof value !== "object") return;
  const known = nodes.get(value);
  if (known) (known.node.includes ??= new Set()).add(fragment);
}

/** The reads `value` was reached by, when it is a tracked proxy. */
export function readsOf(value: unknown): PageReads | undefined {
  return value !== null && typeof value === "object" ? nodes.get(value)?.reads : undefined;
}

function keysOf(target: object): string {
  return Reflect.ownKeys(target)
    .filter((k) => typeof k === "string")
    .join("\u0000");
}

/** Strings longer than this are kept as a digest (an article's HTML, ~20 KB): the page's reads stay small. */
const LONG = 256;

function primitiveNode(value: Primitive): ReadNode {
  return typeof value === "string" && value.length > LONG
    ? { kind: "v", hash: hashString(value) }
    : { kind: "v", value };
}

/** A long string's digest (native: ~5 × a hash written in JS). */
function hashString(s: string): string {
  return crypto.hash("sha1", s, "base64");
}

/**
 * Whether every read of `reads` gives the same in a new model, reached from `roots` (its roots by
 * name: the page's item, …): then the page would render the same. `memo` is shared by the
 * replays of one planning: a reused fragment read from the same object is replayed once.
 */
export function sameReads(
  reads: PageReads,
  roots: ReadonlyMap<string, unknown>,
  memo: ReplayMemo = new ReplayMemo(),
): boolean {
  reads.done();
  const ids = new Ids();
  for (const [name, node] of reads.roots) {
    if (!roots.has(name) || !replayValue(node, roots.get(name), ids, memo)) return false;
  }
  return true;
}

/** Replays of reused fragments in one planning, by fragment and object. */
export class ReplayMemo {
  readonly done = new WeakMap<PageReads, WeakMap<object, boolean>>();
}

/** Old object ids ↔ new objects: both ways one to one. */
class Ids {
  readonly byId = new Map<number, unknown>();
  readonly byObject = new Map<unknown, number>();
  same(id: number, value: unknown): boolean {
    if (this.byId.has(id)) return this.byId.get(id) === value;
    if (this.byObject.has(value)) return false;
    this.byId.set(id, value);
    this.byObject.set(value, id);
    return true;
  }
}

function replayValue(node: ReadNode, value: unknown, ids: Ids, memo: ReplayMemo): boolean {
  switch (node.kind) {
    case "x":
      return false;
    case "v":
      if (value !== null && (typeof value === "object" || typeof value === "function")) return false;
      return node.hash !== undefined
        ? typeof value === "string" && value.length > LONG && hashString(value) === node.hash
        : Object.is(value, node.value);
    case "f":
      return typeof value === "function";
    case "o": {
      if (value === null || typeof value !== "object") return false;
      if (!ids.same(node.id!, value)) return false;
      return replayObject(node, value, ids, memo);
    }
  }
}

function replayObject(node: ReadNode, target: object, ids: Ids, memo: ReplayMemo): boolean {
  if (node.keys !== undefined && keysOf(target) !== node.keys) return false;
  if (node.hk)
    for (let i = 0; i < node.hk.length; i++) if (Reflect.has(target, node.hk[i]!) !== node.hv![i]) return false;
  const { pk, pc } = node;
  if (pk) {
    for (let i = 0; i < pk.length; i++) {
      const child = pc![i]!;
      const value: unknown = (target as Record<PropertyKey, unknown>)[pk[i]!];
      if (!replayValue(child, value, ids, memo)) return false;
      if (child.cl) {
        for (const call of child.cl) {
          if (!replayValue(call.node, (value as (...a: unknown[]) => unknown).apply(target, call.args), ids, memo))
            return false;
        }
      }
    }
  }
  if (node.inc) {
    for (const fragment of node.inc) {
      let byObject = memo.done.get(fragment);
      if (!byObject) memo.done.set(fragment, (byObject = new WeakMap()));
      let same = byObject.get(target);
      if (same === undefined) byObject.set(target, (same = sameReads(fragment, new Map([["item", target]]), memo)));
      if (!same) return false;
    }
  }
  return true;
}
