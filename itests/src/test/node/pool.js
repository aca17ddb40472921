// node-postgres against HatiData: a pool of 10 connections working at once, parameters through the
// extended query protocol, and the type parsing node-postgres does by OID. Prints one JSON line; exits 1
// on the first failure with the error's SQLSTATE.
const assert = require('assert');
const { Pool } = require('pg');

const pool = new Pool({
  host: '127.0.0.1',
  port: Number(process.env.PGPORT),
  user: 'agent',
  password: process.env.PGPASSWORD,
  database: 'hatidata',
  max: 10,
  ssl: false,
  connectionTimeoutMillis: 10000,
});

async function worker(w, peak) {
  const client = await pool.connect();
  peak.max = Math.max(peak.max, pool.totalCount);
  try {
    for (let i = 0; i < 20; i++) {
      await client.query('INSERT INTO node_items VALUES ($1, $2, $3, $4, $5)',
        [w * 100 + i, `item ${w}-${i}`, '12.50', new Date(Date.UTC(2024, 0, 1 + i)), i % 2 === 0]);
    }
    const mine = await client.query(
      'SELECT count(*)::INTEGER AS n, sum(price) AS total FROM node_items WHERE id >= $1 AND id < $2',
      [w * 100, w * 100 + 100]);
    assert.strictEqual(mine.rows[0].n, 20);
    assert.strictEqual(mine.rows[0].total, '250.00');
  } finally {
    client.release();
  }
}

(async () => {
  await pool.query('CREATE TABLE node_items (id INTEGER, label VARCHAR, price DECIMAL(10,2), added TIMESTAMP, ok BOOLEAN)');
  const peak = { max: 0 };
  await Promise.all(Array.from({ length: 10 }, (_, w) => worker(w, peak)));
  const all = await pool.query('SELECT count(*)::INTEGER AS n FROM node_items');
  assert.strictEqual(all.rows[0].n, 200);
  const typed = await pool.query(
    "SELECT 1::INTEGER AS i, 2.5::DOUBLE AS d, true AS b, 'x' AS s, 9000000000::BIGINT AS big, " +
    "TIMESTAMP '2024-01-02 03:04:05' AS ts, [1, 2]::INTEGER[] AS arr, NULL::INTEGER AS nothing, " +
    "INTERVAL '14 months 3 days 04:05:06' AS iv");
  const row = typed.rows[0];
  assert.strictEqual(row.i, 1);
  assert.strictEqual(row.d, 2.5);
  assert.strictEqual(row.b, true);
  assert.strictEqual(row.s, 'x');
  assert.strictEqual(row.big, '9000000000');
  assert.ok(row.ts instanceof Date);
  assert.deepStrictEqual(row.arr, [1, 2]);
  assert.strictEqual(row.nothing, null);
  assert.deepStrictEqual([row.iv.years, row.iv.months, row.iv.days, row.iv.hours, row.iv.minutes, row.iv.seconds],
    [1, 2, 3, 4, 5, 6]);
  let sqlState = null;
  try {
    await pool.query('SELECT * FROM node_missing_table');
  } catch (e) {
    sqlState = e.code;
  }
  assert.strictEqual(sqlState, '42P01');
  console.log(JSON.stringify({ rows: all.rows[0].n, peakConnections: peak.max, missingTable: sqlState }));
  await pool.end();
})().catch((e) => {
  console.error('FAILED', e.code || '', e.message);
  process.exit(1);
});
