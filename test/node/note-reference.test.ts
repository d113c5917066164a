// The checkpoint and counts notes verify with the reference implementation of signed
// notes, Go's golang.org/x/mod/sumdb/note (Debian: golang-go, golang-golang-x-mod-dev,
// installed by .ci/run), built offline from /usr/share/gocode with GO111MODULE=off.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const GOPATH = '/usr/share/gocode';
const hasGo = spawnSync('go', ['version']).status === 0 && existsSync(join(GOPATH, 'src/golang.org/x/mod/sumdb/note/note.go'));
if (!hasGo) console.warn('note-reference.test.ts skipped: needs `go` and golang.org/x/mod in /usr/share/gocode (apt-get install golang-go golang-golang-x-mod-dev)');

const PROGRAM = `package main

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/mod/sumdb/note"
)

// verify <vkey> < note: exit 0 and print the text when the note verifies.
func main() {
	v, err := note.NewVerifier(os.Args[1])
	if err != nil {
		fmt.Println("bad vkey:", err)
		os.Exit(2)
	}
	msg, _ := io.ReadAll(os.Stdin)
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		fmt.Println("rejected:", err)
		os.Exit(1)
	}
	fmt.Printf("verified by %s\\n%s", n.Sigs[0].Name, n.Text)
}
`;

let dir = '';
let bin = '';
let base = '';

beforeAll(() => {
  if (!hasGo) return;
  base = inject('baseURL').replace(/\/$/, '');
  dir = mkdtempSync(join(tmpdir(), 'pledge-gonote-'));
  writeFileSync(join(dir, 'main.go'), PROGRAM);
  bin = join(dir, 'verify');
  const env = { ...process.env, GO111MODULE: 'off', GOPATH, GOCACHE: join(dir, 'cache'), GOFLAGS: '', GOPROXY: 'off' };
  const built = spawnSync('go', ['build', '-o', bin, 'main.go'], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
  if (built.status !== 0) throw new Error(`go build failed: ${built.stderr}`);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const verify = (vkey: string, note: string) => spawnSync(bin, [vkey], { input: note, encoding: 'utf8' });

describe.skipIf(!hasGo)("signed notes checked by Go's golang.org/x/mod/sumdb/note", () => {
  it('accepts the checkpoint and counts notes with the published vkey, and rejects changed ones', async () => {
    const { vkey } = (await (await fetch(`${base}/.well-known/pledge-log-key`)).json()) as { vkey: string };
    expect(vkey).toMatch(/\/log\+[0-9a-f]{8}\+/);
    const host = new URL(base).host;
    for (const path of ['/log/cast-2020/checkpoint', '/log/cast-2020/counts']) {
      const note = await (await fetch(`${base}${path}`)).text();
      const ok = verify(vkey, note);
      expect(ok.stdout, path).toContain(`verified by ${host}/log`);
      expect(ok.status).toBe(0);
      const lines = note.split('\n');
      lines[1] = lines[1] === '0' ? '1' : `${lines[1]}0`;
      const bad = verify(vkey, lines.join('\n'));
      expect(bad.status, path).toBe(1);
      expect(bad.stdout).toContain('rejected');
    }
    const note = await (await fetch(`${base}/log/cast-2020/checkpoint`)).text();
    expect(note.split('\n')[0]).toBe(`${host}/log/cast-2020`);
    // Another key with the same name is not trusted.
    const other = vkey.replace(/\+[0-9a-f]{8}\+/, '+00000000+');
    expect(verify(other, note).status).not.toBe(0);
  });
});
