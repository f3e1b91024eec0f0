// SPDX-License-Identifier: GPL-3.0-or-later
//
// PouchDB's own replicator moving the same documents as bench-sync: pull SERVER/SOURCE into an
// in-memory PouchDB, then push it to SERVER/TARGET. Prints {"pull": s, "push": s, "docs": n}.
//
// Usage: node bench-replicate.js SERVER SOURCE TARGET USER PASSWORD
'use strict';

const PouchDB = require('pouchdb').plugin(require('pouchdb-adapter-memory'));

async function main () {
  const [server, source, target, username, password] = process.argv.slice(2);
  const auth = { username, password };
  const local = new PouchDB('bench-local', { adapter: 'memory' });
  const remoteSource = new PouchDB(`${server}/${source}`, { auth, skip_setup: true });
  const remoteTarget = new PouchDB(`${server}/${target}`, { auth, skip_setup: true });
  const options = { batch_size: 500, batches_limit: 4 };

  let start = process.hrtime.bigint();
  const pulled = await PouchDB.replicate(remoteSource, local, options);
  const pull = Number(process.hrtime.bigint() - start) / 1e9;

  start = process.hrtime.bigint();
  const pushed = await PouchDB.replicate(local, remoteTarget, options);
  const push = Number(process.hrtime.bigint() - start) / 1e9;

  if (pulled.docs_written !== pushed.docs_written)
    throw new Error(`pulled ${pulled.docs_written} but pushed ${pushed.docs_written}`);
  console.log(JSON.stringify({ pull, push, docs: pushed.docs_written }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
