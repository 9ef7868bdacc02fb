/**
 * What a page read, recorded and replayed (src/content/page-reads.ts): the incremental plan
 * (src/eleventy/render-plan.ts) renders a page again exactly when a replay of its reads differs.
 */
import { describe, expect, it } from "vitest";
import { includeReads, PageReads, sameReads, untracked } from "../src/content/page-reads.ts";

class Entity {
  readonly #secret: string;
  constructor(
    readonly name: string,
    readonly aliases: string[],
    secret = "x",
  ) {
    this.#secret = secret;
  }
  /** A getter over a private field: read on the object, not on the proxy. */
  get label(): string {
    return `${this.name} (${this.#secret})`;
  }
}

const model = (name = "Mira", aliases = ["Kovač"], secret = "x") => {
  const entity = new Entity(name, aliases, secret);
  const other = new Entity("Lindmark", []);
  return {
    title: "A report",
    mentions: [{ entity, spellings: ["Mira"] }],
    other,
    page: { hrefOf: (n: number) => `/p/${n}/` },
    same: entity,
  };
};
type Model = ReturnType<typeof model>;

/** A "page" of `m`: reads what `read` reads through the proxy. */
function record(m: Model, read: (p: Model) => unknown): PageReads {
  const reads = new PageReads();
  read(reads.track(m));
  return reads;
}
const replay = (reads: PageReads, m: Model) => sameReads(reads, new Map([["item", m]]));

describe("page reads", () => {
  it("a page is the same when what it read is, whatever else changed", () => {
    const reads = record(model(), (p) => [p.title, p.mentions[0]!.entity.aliases.join(", ")]);
    expect(replay(reads, model())).toBe(true);
    expect(replay(reads, { ...model(), other: new Entity("Elsewhere", ["x"]) })).toBe(true);
    expect(replay(reads, model("Mira", ["Kovac"]))).toBe(false);
    expect(replay(reads, model("Mira", ["Kovač", "Kovac"]))).toBe(false);
    expect(replay(reads, { ...model(), title: "Another" })).toBe(false);
  });

  it("getters over private fields, methods and their results", () => {
    const reads = record(model(), (p) => [p.mentions[0]!.entity.label, p.page.hrefOf(2)]);
    expect(replay(reads, model())).toBe(true);
    expect(replay(reads, model("Mira", ["Kovač"], "y"))).toBe(false);
    expect(replay(reads, { ...model(), page: { hrefOf: (n: number) => `/q/${n}/` } })).toBe(false);
  });

  it("keeps identity: one object reached by two paths is one proxy, and must stay one object", () => {
    let same = false;
    const reads = record(model(), (p) => (same = p.same === p.mentions[0]!.entity));
    expect(same).toBe(true);
    expect(replay(reads, model())).toBe(true);
    const split = model();
    expect(replay(reads, { ...split, same: new Entity("Mira", ["Kovač"]) })).toBe(false);
  });

  it("gives the record behind a proxy, for lookups keyed by it", () => {
    const m = model();
    const p = new PageReads().track(m);
    expect(p.mentions[0]!.entity).not.toBe(m.mentions[0]!.entity);
    expect(untracked(p.mentions[0]!.entity)).toBe(m.mentions[0]!.entity);
  });

  it("counts a reused fragment's reads for the page that shows it", () => {
    const card = new PageReads();
    const m = model();
    const entity = card.track(m.mentions[0]!.entity);
    void entity.aliases.length;
    const reads = record(m, (p) => includeReads(p.mentions[0]!.entity, card));
    expect(replay(reads, model())).toBe(true);
    expect(replay(reads, model("Mira", []))).toBe(false);
  });

  it("a call with a record for argument is not replayable: the page always renders again", () => {
    class Rec {
      x = 1;
    }
    const m = { ...model(), find: (x: object) => !!x };
    const reads = new PageReads();
    const p = reads.track(m);
    p.find(new Rec());
    expect(sameReads(reads, new Map([["item", { ...model(), find: (x: object) => !!x }]]))).toBe(false);
  });

  it("a call with plain data for argument (a message's values) is replayed by its answer", () => {
    const text = (key: string, values: { count: number }) => `${key}:${values.count}`;
    const reads = new PageReads();
    reads.track({ ...model(), text }).text("n", { count: 3 });
    expect(sameReads(reads, new Map([["item", { ...model(), text }]]))).toBe(true);
    const other = (key: string, values: { count: number }) => `${key}:${values.count + 1}`;
    expect(sameReads(reads, new Map([["item", { ...model(), text: other }]]))).toBe(false);
  });
});
