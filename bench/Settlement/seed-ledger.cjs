// Bulk-loads table entities into a stopped, on-disk Azurite's table database, in Azurite's own storage format.
//
// Why: Azurite checks every insert with findOne({PartitionKey, RowKey}); its LokiJS index narrows that only to the
// partition, so inserting N rows into one partition costs O(N^2) (100,000 rows did not finish in 19 minutes; see
// Azure/Azurite#2321). Real Table Storage has no such cost. The benchmark therefore writes the rows here, with the
// LokiJS and Azurite code Azurite itself runs, and then starts Azurite on the folder; what it measures (reading and
// settling) goes through Azurite's HTTP API as usual.
//
// Usage: node seed-ledger.cjs <azurite folder> <account> <table> <entities.ndjson>
//   each line: {"PartitionKey": "...", "RowKey": "...", "properties": {...odata-annotated, as the SDK sends them...}}
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");

const [folder, account, table, input] = process.argv.slice(2);
if (!input) {
  console.error("usage: node seed-ledger.cjs <azurite folder> <account> <table> <entities.ndjson>");
  process.exit(2);
}

const root = path.resolve(__dirname, "..", "..", "node_modules");
const Loki = require(path.join(root, "lokijs"));
const { DEFAULT_TABLE_LOKI_DB_PATH } = require(path.join(root, "azurite", "dist", "src", "table", "utils", "constants"));
const { newTableEntityEtag, newHighPrecisionTimeStamp } = require(path.join(root, "azurite", "dist", "src", "table", "utils", "utils"));

const db = new Loki(path.join(folder, DEFAULT_TABLE_LOKI_DB_PATH), { persistenceMethod: "fs" });

function fail(message) {
  console.error(message);
  process.exit(1);
}

db.loadDatabase({}, async (error) => {
  if (error) fail(`cannot load the Azurite table database: ${error}`);
  // Azurite names a table's collection like this (LokiTableMetadataStore.getTableCollectionName).
  const collection = db.getCollection(`${account}$${table}`);
  if (!collection) fail(`table ${table} does not exist in account ${account}: create it through Azurite first`);

  // Indexes are rebuilt once at the end instead of being kept sorted insert by insert.
  collection.adaptiveBinaryIndices = false;
  const lines = readline.createInterface({ input: fs.createReadStream(input), crlfDelay: Infinity });
  let batch = [];
  let count = 0;
  for await (const line of lines) {
    if (!line) continue;
    const row = JSON.parse(line);
    // What TableHandler.createPersistedEntity and LokiTableMetadataStore.insertTableEntity add to an inserted entity.
    const modified = newHighPrecisionTimeStamp(new Date());
    row.properties.PartitionKey = row.PartitionKey;
    row.properties.RowKey = row.RowKey;
    row.properties.Timestamp = modified;
    row.properties["Timestamp@odata.type"] = "Edm.DateTime";
    batch.push({ PartitionKey: row.PartitionKey, RowKey: row.RowKey, properties: row.properties, lastModifiedTime: modified, eTag: newTableEntityEtag(modified) });
    if (batch.length === 10000) {
      collection.insert(batch);
      count += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) {
    collection.insert(batch);
    count += batch.length;
  }
  collection.ensureAllIndexes(true);
  collection.adaptiveBinaryIndices = true;

  db.saveDatabase((saveError) => {
    if (saveError) fail(`cannot save the Azurite table database: ${saveError}`);
    console.log(`loaded ${count} entities into ${table}`);
  });
});
