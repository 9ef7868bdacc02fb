/**
 * Article bodies kept as UTF-8 bytes outside V8's heap, decoded when a page or a comparison
 * reads them. Bodies are most of the model's memory: a JavaScript string with a single curly
 * quote or dash stores every character in two bytes, and a body is held twice (its HTML and
 * its blocks' plain text). The bytes are in memory, or, for a one-off build of a large archive,
 * in a temporary file (SpillFile): then the model holds only where each body is.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** An unlinked temporary file that bodies are appended to and read back from; gone when closed or at exit. */
export class SpillFile {
  readonly #fd: number;
  #end = 0;

  constructor(dir = os.tmpdir()) {
    const file = path.join(dir, `.article-bodies-${process.pid}-${randomUUID()}`);
    this.#fd = fs.openSync(file, "w+", 0o600);
    // unlinked at once: the open descriptor keeps the bytes, and nothing is left behind
    fs.unlinkSync(file);
    closeWhenCollected.register(this, this.#fd);
  }

  append(bytes: Buffer): number {
    const at = this.#end;
    for (let done = 0; done < bytes.length; )
      done += fs.writeSync(this.#fd, bytes, done, bytes.length - done, at + done);
    this.#end += bytes.length;
    return at;
  }

  read(at: number, length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    for (let done = 0; done < length; ) {
      const n = fs.readSync(this.#fd, out, done, length - done, at + done);
      if (n === 0) throw new Error("a stored article body is missing from its temporary file");
      done += n;
    }
    return out;
  }
}

const closeWhenCollected = new FinalizationRegistry<number>((fd) => fs.close(fd, () => {}));

/** Bytes in memory, or a span of a spill file. */
class Bytes {
  readonly #memory: Buffer | undefined;
  readonly #file: SpillFile | undefined;
  readonly #at: number;
  readonly #length: number;

  constructor(bytes: Buffer, file: SpillFile | undefined) {
    this.#length = bytes.length;
    if (file) {
      this.#file = file;
      this.#at = file.append(bytes);
    } else {
      // memory of its own, not a slice of Node's shared 8 KB pool (which a kept slice would keep whole)
      this.#memory = Buffer.allocUnsafeSlow(bytes.length);
      bytes.copy(this.#memory);
      this.#at = 0;
    }
  }

  get(): Buffer {
    return this.#memory ?? (this.#length ? this.#file!.read(this.#at, this.#length) : Buffer.alloc(0));
  }
}

/** One text (an article's HTML). */
export class StoredText {
  readonly #bytes: Bytes;

  constructor(text: string, file?: SpillFile) {
    this.#bytes = new Bytes(Buffer.from(text, "utf8"), file);
  }

  toString(): string {
    return this.#bytes.get().toString("utf8");
  }
}

/** A list of texts (the plain text of an article's blocks), in one run of bytes. */
export class StoredBlocks {
  readonly #bytes: Bytes;
  /** Where each block ends in the bytes. */
  readonly #ends: Uint32Array;

  constructor(blocks: readonly string[], file?: SpillFile) {
    const encoded = blocks.map((b) => Buffer.from(b, "utf8"));
    this.#ends = new Uint32Array(encoded.length);
    let end = 0;
    encoded.forEach((b, i) => (this.#ends[i] = end += b.length));
    this.#bytes = new Bytes(Buffer.concat(encoded, end), file);
  }

  get length(): number {
    return this.#ends.length;
  }

  /** The blocks, decoded anew on every call. */
  list(): string[] {
    const bytes = this.#bytes.get();
    const out: string[] = [];
    let start = 0;
    for (const end of this.#ends) {
      out.push(bytes.toString("utf8", start, end));
      start = end;
    }
    return out;
  }
}
