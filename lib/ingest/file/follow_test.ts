/**
 * Pins `tail -F` following: appends, rotation, truncation, directories, restarts.
 *
 * @module
 */
import assert from "node:assert/strict";
import { follow, type FollowBatch, type FollowOptions } from "./follow.ts";
import type { FilePosition } from "./position.ts";

const POLL = 10;
const enc = new TextEncoder();

async function append(path: string, data: string | Uint8Array) {
  await Deno.writeFile(path, typeof data === "string" ? enc.encode(data) : data, { append: true });
}

function base(path: string) {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** A running `follow` whose consumer commits every batch into `store`, as the service will. */
class Session {
  ctrl = new AbortController();
  it: AsyncGenerator<FollowBatch>;
  batches: FollowBatch[] = [];
  #pending: Promise<IteratorResult<FollowBatch>> | null = null;

  constructor(
    targets: string[],
    public store = new Map<string, FilePosition>(),
    extra: Partial<FollowOptions> = {},
  ) {
    this.it = follow(targets, {
      pollMs: POLL,
      loadPosition: (p) => Promise.resolve(this.store.get(p) ?? null),
      signal: this.ctrl.signal,
      ...extra,
    });
  }

  /** The next batch (committed), or null after `ms` without one. */
  async next(ms = 3000): Promise<FollowBatch | null> {
    this.#pending ??= this.it.next();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((r) => timer = setTimeout(() => r(null), ms));
    const r = await Promise.race([this.#pending, timeout]);
    clearTimeout(timer);
    if (!r) return null;
    this.#pending = null;
    if (r.done) throw new Error("generator ended");
    this.batches.push(r.value);
    this.store.set(r.value.position.path, r.value.position);
    return r.value;
  }

  /** Pulls batches until `n` lines arrived; each line as "file:lineNo:text [flags]". */
  async lines(n: number): Promise<string[]> {
    const out: string[] = [];
    const deadline = Date.now() + 3000;
    while (out.length < n) {
      const b = await this.next(Math.max(1, deadline - Date.now()));
      if (!b) {
        await this.stop(0);
        assert.fail(`timed out with ${JSON.stringify(out)}`);
      }
      out.push(...show(b));
    }
    return out;
  }

  /** Lines (normally none) arriving within `ms`; position-only batches are committed. */
  async quiet(ms = 60): Promise<string[]> {
    const out: string[] = [];
    const deadline = Date.now() + ms;
    for (let b; (b = await this.next(Math.max(1, deadline - Date.now()))) !== null;) {
      out.push(...show(b));
    }
    return out;
  }

  /** Waits `ms` for stray lines, then aborts and drains; returns the stray lines. */
  async stop(ms = 60): Promise<string[]> {
    const out = ms ? await this.quiet(ms) : [];
    this.ctrl.abort();
    for (let r = await (this.#pending ?? this.it.next()); !r.done; r = await this.it.next()) {
      out.push(...show(r.value));
    }
    this.#pending = null;
    return out;
  }

  /** Stops right after the last batch, as a process killed after a commit would. */
  async close() {
    assert.equal(this.#pending, null);
    await this.it.return(undefined);
  }
}

function show(b: FollowBatch): string[] {
  return b.lines.map((l) =>
    `${base(b.path)}:${l.lineNo}:${l.text}${l.invalidUtf8 ? " [utf8]" : ""}${
      l.truncated ? " [truncated]" : ""
    }`
  );
}

async function withDir(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "insyt_follow_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("follow - an existing file starts at its end; appends, split lines, CRLF, invalid UTF-8", () =>
  withDir(async (dir) => {
    const f = `${dir}/app.log`;
    await Deno.writeTextFile(f, "old1\nold2\n");
    const s = new Session([f]);
    const first = await s.next();
    assert.deepEqual(first?.lines, []);
    assert.equal(first?.position.offset, 10);
    assert.equal(first?.position.lineNo, 0);

    await append(f, "a1\nb");
    assert.deepEqual(await s.lines(1), ["app.log:1:a1"]);
    await append(f, "2\n");
    assert.deepEqual(await s.lines(1), ["app.log:2:b2"]);
    await append(f, new Uint8Array([0x78, 0xff, 0x79, 0x0a]));
    await append(f, "crlf\r\nlf\n\r\n");
    assert.deepEqual(await s.lines(4), [
      "app.log:3:x\ufffdy [utf8]",
      "app.log:4:crlf",
      "app.log:5:lf",
      "app.log:6:",
    ]);
    await append(f, "partial");
    assert.deepEqual(await s.stop(), []);
    const size = (await Deno.stat(f)).size;
    assert.equal(s.store.get(f)?.offset, size - "partial".length);
    assert.equal(s.store.get(f)?.lineNo, 6);
  }));

Deno.test("follow - rotation by rename: old file read to its end (partial line too), then the new one", () =>
  withDir(async (dir) => {
    const f = `${dir}/app.log`;
    await Deno.writeTextFile(f, "1\n2\n");
    const s = new Session([f], undefined, { fromStart: true });
    assert.deepEqual(await s.lines(2), ["app.log:1:1", "app.log:2:2"]);

    await append(f, "3\npar");
    await Deno.rename(f, `${f}.1`);
    await append(`${f}.1`, "tial\nend"); // the writer has not reopened yet
    await Deno.writeTextFile(f, "n1\nn2\n");
    assert.deepEqual(await s.lines(5), [
      "app.log:3:3",
      "app.log:4:partial",
      "app.log:5:end",
      "app.log:1:n1",
      "app.log:2:n2",
    ]);
    assert.equal(s.store.get(f)?.ino, (await Deno.stat(f)).ino);

    // Rotated with no new file yet: the missing path is waited for.
    await Deno.rename(f, `${f}.2`);
    assert.deepEqual(await s.quiet(), []);
    await Deno.writeTextFile(f, "m1\n");
    assert.deepEqual(await s.lines(1), ["app.log:1:m1"]);
    assert.deepEqual(await s.stop(), []);
  }));

Deno.test("follow - truncation (copytruncate) restarts at 0 and emits a pending partial line", () =>
  withDir(async (dir) => {
    const f = `${dir}/app.log`;
    await Deno.writeTextFile(f, "a\nb\n");
    const s = new Session([f], undefined, { fromStart: true });
    assert.deepEqual(await s.lines(2), ["app.log:1:a", "app.log:2:b"]);
    await append(f, "c\n");
    assert.deepEqual(await s.lines(1), ["app.log:3:c"]);
    await Deno.truncate(f, 0);
    await append(f, "d\n");
    assert.deepEqual(await s.lines(1), ["app.log:1:d"]);
    await append(f, "e\npart");
    assert.deepEqual(await s.lines(1), ["app.log:2:e"]);
    await Deno.truncate(f, 0);
    await append(f, "x\n");
    assert.deepEqual(await s.lines(2), ["app.log:3:part", "app.log:1:x"]);
    assert.deepEqual(await s.stop(), []);
  }));

Deno.test("follow - a directory: new files from 0, old ones from their end, renames not re-read", () =>
  withDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/old.log`, "o0\n");
    const s = new Session([dir]);
    const first = await s.next(); // the first scan is done: old.log joined at its end
    assert.deepEqual([first?.path, first?.lines, first?.position.offset], [
      `${dir}/old.log`,
      [],
      3,
    ]);

    await Deno.writeTextFile(`${dir}/new.log`, "n1\nn2\n");
    await Deno.writeFile(`${dir}/old.log.2.gz`, new Uint8Array([0x1f, 0x8b, 0x0a, 0x00]));
    await append(`${dir}/old.log`, "o1\n");
    assert.deepEqual((await s.lines(3)).sort(), ["new.log:1:n1", "new.log:2:n2", "old.log:1:o1"]);

    // logrotate `create` inside the watched directory: old.log -> old.log.1, new old.log
    await append(`${dir}/old.log`, "o2\npar");
    await Deno.rename(`${dir}/old.log`, `${dir}/old.log.1`);
    await append(`${dir}/old.log.1`, "tial\n");
    await Deno.writeTextFile(`${dir}/old.log`, "p1\n");
    assert.deepEqual((await s.lines(3)).sort(), [
      "old.log.1:2:o2",
      "old.log.1:3:partial",
      "old.log:1:p1",
    ]);
    assert.deepEqual(await s.stop(), []);
    assert.equal(s.store.get(`${dir}/old.log.1`)?.lineNo, 3);
    assert.ok(!s.batches.some((b) => b.path.endsWith(".gz")));
  }));

Deno.test("follow - restart from the committed position: the remaining lines exactly once", () =>
  withDir(async (dir) => {
    const f = `${dir}/app.log`;
    await Deno.writeTextFile(f, "l1\nl2\nl3\nl4\nl5\n");
    const store = new Map<string, FilePosition>();
    const s1 = new Session([f], store, { fromStart: true, maxBatchLines: 2 });
    assert.deepEqual(await s1.lines(2), ["app.log:1:l1", "app.log:2:l2"]);
    await s1.close();

    await append(f, "l6\nl7\npar");
    const s2 = new Session([f], store, { maxBatchLines: 2 });
    assert.deepEqual(await s2.lines(5), [3, 4, 5, 6, 7].map((i) => `app.log:${i}:l${i}`));
    assert.ok(s2.batches.every((b) => b.lines.length <= 2));
    await s2.close();

    await append(f, "tial\n"); // the partial line was held back, so it is not split
    const s3 = new Session([f], store);
    assert.deepEqual(await s3.lines(1), ["app.log:8:partial"]);
    await s3.close();

    // Rotated while down: the new file at the path starts at 0.
    await Deno.rename(f, `${f}.1`);
    await Deno.writeTextFile(f, "r1\n");
    const s4 = new Session([f], store);
    assert.deepEqual(await s4.lines(1), ["app.log:1:r1"]);
    await s4.close();

    // Truncated while down: starts at 0.
    await Deno.writeTextFile(f, "t\n");
    const s5 = new Session([f], store);
    assert.deepEqual(await s5.lines(1), ["app.log:1:t"]);
    await s5.close();

    // Same (dev, ino) but another creation time: a reused inode, not our file: from 0.
    const info = await Deno.stat(f);
    await append(f, "u\n");
    const pos = store.get(f)!;
    assert.equal(pos.birthtimeMs, info.birthtime?.getTime());
    if (pos.birthtimeMs !== undefined) {
      store.set(f, { ...pos, birthtimeMs: pos.birthtimeMs - 1000 });
      const s6 = new Session([f], store);
      assert.deepEqual(await s6.lines(2), ["app.log:1:t", "app.log:2:u"]);
      assert.deepEqual(await s6.stop(), []);
    }
  }));

Deno.test("follow - restart in a directory finds a file renamed while down by its inode", () =>
  withDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/app.log`, "a1\na2\n");
    const store = new Map<string, FilePosition>();
    const s1 = new Session([dir], store, { fromStart: true });
    assert.deepEqual(await s1.lines(2), ["app.log:1:a1", "app.log:2:a2"]);
    await s1.close();

    await Deno.rename(`${dir}/app.log`, `${dir}/app.log.1`);
    await append(`${dir}/app.log.1`, "a3\n");
    await Deno.writeTextFile(`${dir}/app.log`, "b1\n");
    const s2 = new Session([dir], store);
    assert.deepEqual((await s2.lines(2)).sort(), ["app.log.1:3:a3", "app.log:1:b1"]);
    assert.deepEqual(await s2.stop(), []);
  }));

Deno.test("follow - an over-long line is bounded and flagged, across small batches", () =>
  withDir(async (dir) => {
    const f = `${dir}/big.log`;
    await Deno.writeTextFile(f, "A" + "x".repeat(200_000) + "Z\nnext\n");
    const s = new Session([f], undefined, { fromStart: true, maxBatchBytes: 32 * 1024 });
    const [big, next] = await s.lines(2);
    assert.ok(big.startsWith("big.log:1:Axxx") && big.endsWith("xxZ [truncated]"));
    assert.ok(big.length < 100_000);
    assert.equal(next, "big.log:2:next");
    assert.deepEqual(await s.stop(), []);
  }));

Deno.test("follow - aborting the signal ends a waiting generator", async () => {
  const ctrl = new AbortController();
  const it = follow(["/nonexistent/insyt/missing.log"], {
    pollMs: POLL,
    loadPosition: () => Promise.resolve(null),
    signal: ctrl.signal,
  });
  const pending = it.next();
  setTimeout(() => ctrl.abort(), 30);
  assert.equal((await pending).done, true);
});

const permRoot = Deno.makeTempDirSync({ prefix: "insyt_follow_perm_" });

Deno.test({
  name: "follow - a path we may not read is reported once and does not stop the others",
  permissions: { read: [`${permRoot}/ok`], write: [permRoot] },
  fn: async () => {
    try {
      await Deno.mkdir(`${permRoot}/ok`);
      await Deno.writeTextFile(`${permRoot}/ok/a.log`, "before\n");
      await Deno.writeTextFile(`${permRoot}/denied.log`, "secret\n");
      const errors: string[] = [];
      const s = new Session([`${permRoot}/denied.log`, `${permRoot}/ok`], undefined, {
        onError: (path) => errors.push(base(path)),
      });
      assert.deepEqual((await s.next())?.lines, []); // a.log joined at its end
      assert.deepEqual(await s.quiet(), []); // several polls
      await append(`${permRoot}/ok/a.log`, "fine\n");
      assert.deepEqual(await s.lines(1), ["a.log:1:fine"]);
      assert.deepEqual(await s.stop(), []);
      assert.deepEqual(errors, ["denied.log"]);
    } finally {
      await Deno.remove(permRoot, { recursive: true });
    }
  },
});
