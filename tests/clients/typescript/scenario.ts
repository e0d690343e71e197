// What an application developer writes in TypeScript against the API: types generated from docs/openapi.json by
// openapi-typescript (./generated/wellhouse-api.d.ts, written at test time), calls through openapi-fetch. The test
// (tests/Wellhouse.Tests/Clients/TypeScriptClientTests.cs) generates the types, type-checks and compiles this file
// with tsc, and runs it with node against a live server: node out/scenario.js BASE_URL API_KEY NEW_WELL_CODE.
// It prints the facts it read as one JSON object, or fails with a message and exit code 1.
import createClient from 'openapi-fetch';
import type { paths } from './generated/wellhouse-api.js';

const [baseUrl, key, wellCodeText] = process.argv.slice(2);
if (!baseUrl || !key || !wellCodeText) fail('usage: node out/scenario.js BASE_URL API_KEY NEW_WELL_CODE');
const newWell = Number(wellCodeText);

// JSON answers only (application/json, application/problem+json): series also declare text/csv.
type Json = `application/${string}json`;
const anonymous = createClient<paths, Json>({ baseUrl });
const keyed = createClient<paths, Json>({ baseUrl, headers: { 'X-Api-Key': key } });

// Reads: the well list and the first well's monthly production.
const wells = await anonymous.GET('/api/wells', { params: { query: { page: 1, page_size: 100 } } });
if (!wells.data) fail(`GET /api/wells: ${wells.response.status}`);
const well = wells.data.items[0];
if (!well) fail('no wells');
const production = await anonymous.GET('/api/wells/{wellCode}/production', {
  params: { path: { wellCode: well.well_code }, query: { granularity: 'monthly' } },
});
if (!production.data) fail(`GET production: ${production.response.status}`);
if (production.data.granularity !== 'monthly') fail(`monthly production is ${production.data.granularity}`);
const months = production.data.items;

// Writes with the key: refused without it, accepted with it; a refresh followed to its end; the new well read back.
const csv = rawRows(newWell);
const upload = { params: { query: { source: 'typescript-scenario' } }, body: csv,
  bodySerializer: (body: string) => body, headers: { 'Content-Type': 'text/csv' } };
const refused = await anonymous.POST('/api/ingest', upload);
if (refused.response.status !== 401 || refused.error?.status !== 401) fail(`ingest without the key: ${refused.response.status}`);
const ingest = await keyed.POST('/api/ingest', upload);
if (!ingest.data || ingest.data.duplicate || ingest.data.batch.rows !== 6) fail(`ingest: ${ingest.response.status} ${JSON.stringify(ingest.error)}`);

const started = await keyed.POST('/api/runs', {});
if (!started.data) fail(`POST /api/runs: ${started.response.status} ${JSON.stringify(started.error)}`);
let run = started.data;
for (const deadline = Date.now() + 300_000; run.status === 'running' && Date.now() < deadline;) {
  await new Promise(resolve => setTimeout(resolve, 250));
  const next = await keyed.GET('/api/runs/{id}', { params: { path: { id: run.id } } });
  if (!next.data) fail(`GET /api/runs/${run.id}: ${next.response.status}`);
  run = next.data;
}
if (run.status !== 'succeeded' || !run.published) fail(`run ${run.id}: ${run.status}, published ${run.published}, ${run.error}`);
const summary = await anonymous.GET('/api/wells/{wellCode}', { params: { path: { wellCode: newWell } } });
if (!summary.data) fail(`GET /api/wells/${newWell}: ${summary.response.status}`);

console.log(JSON.stringify({
  wells_total: wells.data.total,
  wells_codes: wells.data.items.map(w => w.well_code).join(','),
  well: well.well_code,
  months: months.length,
  first_month: months[0]?.month,
  oil_kbbl: months.reduce((sum, m) => sum + (m.oil_volume_kbbl ?? 0), 0),
  batch: ingest.data.batch.id,
  run: run.id,
  run_nodes: run.nodes.length,
  first_production: summary.data.first_production_date,
  last_production: summary.data.last_production_date,
  cum_oil_kbbl: summary.data.cum_oil_kbbl,
}));

/** Six months (2024) of one new well in the raw contract: 1.5 kbd of oil (a calendar-day rate), 28 days on. */
function rawRows(wellCode: number): string {
  const header = 'field_code,field_name,well_code,well_reference,well_name,production_period,days_on_production,'
    + 'oil_production_kbd,gas_production_mmcfd,liquids_production_kbd,water_production_kbd,data_source,source_data,'
    + 'partition_0,created_at,updated_at';
  const rows = [1, 2, 3, 4, 5, 6].map(month => `10,ALPHA,${wellCode},NO 1/1-T-${wellCode},TypeScript T-${wellCode},`
    + `2024-0${month}-01,28,1.5,0.3,1.6,0.2,upload_monthly,typescript.csv,2024,2024-07-01T00:00:00,2024-07-01T00:00:00`);
  return [header, ...rows].join('\n') + '\n';
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
