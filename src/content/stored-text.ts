/**
 * Article bodies kept as UTF-8 bytes outside V8's heap, decoded when a page or a comparison
 * reads them. Bodies are most of the model's memory: a JavaScript string with a single curly
 * quote or dash stores every character in two bytes, and a body is held twice (its HTML and
 * its blocks' plain text). In bytes, a mostly Latin text takes about a quarter of that.
 */

/** One text (an article's HTML). */
export class StoredText {
  readonly #bytes: Buffer;

  constructor(text: string) {
    this.#bytes = ownBuffer(Buffer.byteLength(text, "utf8"));
    this.#bytes.write(text, "utf8");
  }

  toString(): string {
    return this.#bytes.toString("utf8");
  }
}

/** A list of texts (the plain text of an article's blocks), in one buffer. */
export class StoredBlocks {
  readonly #bytes: Buffer;
  /** Where each block ends in the buffer. */
  readonly #ends: Uint32Array;

  constructor(blocks: readonly string[]) {
    this.#ends = new Uint32Array(blocks.length);
    let end = 0;
    blocks.forEach((b, i) => (this.#ends[i] = end += Buffer.byteLength(b, "utf8")));
    this.#bytes = ownBuffer(end);
    blocks.forEach((b, i) => this.#bytes.write(b, i ? this.#ends[i - 1]! : 0, "utf8"));
  }

  get length(): number {
    return this.#ends.length;
  }

  /** The blocks, decoded anew on every call. */
  list(): string[] {
    const out: string[] = [];
    let start = 0;
    for (const end of this.#ends) {
      out.push(this.#bytes.toString("utf8", start, end));
      start = end;
    }
    return out;
  }
}

/** Memory of its own, not a slice of Node's shared 8 KB pool (which a kept slice would keep whole). */
function ownBuffer(size: number): Buffer {
  return Buffer.allocUnsafeSlow(size);
}
