using Azure.Data.Tables;
using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Storage;

namespace Backoffice.LoadGenerator;

/// <summary>The audit's verdict: what it counted and every discrepancy it found.</summary>
internal sealed record AuditResult(
    int Acknowledged, int Stored, int Indexed, int Delivered, int Cancelled, int Unfinished, int Checked, long LedgerEntries,
    long Collected, long HandedOver, long Outstanding, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>
/// Reads storage directly after a run: every acknowledged webhook is exactly one stored, indexed order placed once;
/// every order ended where the people drove it; the cash ledger has no duplicate entry and reconciles with the orders
/// (collected = handed over + outstanding), per order and per merchant, and with the ledger's running totals.
/// </summary>
internal static class StorageAudit
{
    public static async Task<AuditResult> RunAsync(StorageClients clients, OrderBook book, IReadOnlyList<BenchMerchant> merchants, bool requireFinished)
    {
        var problems = new List<string>();
        var store = new OrderStore(clients);
        var tracked = book.All.ToArray();

        // Orders as stored: state rows of the Orders table, by merchant.
        var stored = new Dictionary<(string, string), PlacedOrder>();
        await foreach (var row in clients.Table(TableNames.Orders).QueryAsync<TableEntity>("RowKey eq 'state'", select: ["PartitionKey", "RowKey", "MerchantId", "OrderId"]))
        {
            var merchantId = row.GetString("MerchantId");
            var orderId = row.GetString("OrderId");
            if (merchants.Any(m => m.MerchantId == merchantId) && (await store.LoadAsync(merchantId, orderId)).State is PlacedOrder order)
            {
                stored[(merchantId, orderId)] = order;
            }
        }

        // The per-merchant order index.
        var indexed = new Dictionary<(string, string), int>();
        foreach (var merchant in merchants)
        {
            string? token = null;
            do
            {
                var page = await new MerchantOrderIndex(clients).PageAsync(merchant.MerchantId, WorkQueueIndex.MaxPageSize, token);
                foreach (var entry in page.Items)
                {
                    indexed[(merchant.MerchantId, entry.OrderId)] = indexed.GetValueOrDefault((merchant.MerchantId, entry.OrderId)) + 1;
                }

                token = page.ContinuationToken;
            }
            while (token is not null);
        }

        foreach (var order in tracked)
        {
            var key = (order.MerchantId, order.OrderId);
            if (!stored.ContainsKey(key))
            {
                problems.Add($"LOST: acknowledged order {order.MerchantId}/{order.OrderId} ({order.ExternalOrderId}) is not stored.");
            }

            if (indexed.GetValueOrDefault(key) != 1)
            {
                problems.Add($"INDEX: {order.MerchantId}/{order.OrderId} appears {indexed.GetValueOrDefault(key)} times in the merchant's order list.");
            }
        }

        foreach (var (key, order) in stored)
        {
            if (book.Find(key.Item1, key.Item2) is null)
            {
                problems.Add($"UNACKNOWLEDGED: {key.Item1}/{key.Item2} ({order.Draft.ExternalOrderId}) is stored but no storefront got an acknowledgement for it.");
            }
        }

        foreach (var duplicate in stored.Values.GroupBy(o => (o.MerchantId, o.Draft.ExternalOrderId)).Where(g => g.Count() > 1))
        {
            problems.Add($"DUPLICATE: external order {duplicate.Key.ExternalOrderId} of {duplicate.Key.MerchantId} became {duplicate.Count()} orders.");
        }

        var checkedOrders = 0;
        var unfinished = 0;
        foreach (var order in tracked)
        {
            if (!stored.TryGetValue((order.MerchantId, order.OrderId), out var state))
            {
                continue;
            }

            var placed = (await store.EventsAsync(order.MerchantId, order.OrderId)).Count(e => e.Event is OrderPlaced);
            if (placed != 1)
            {
                problems.Add($"EVENTS: {order.OrderId} has {placed} OrderPlaced events.");
            }

            if (order.Expected is not { } expected || !state.Stage.IsTerminal())
            {
                unfinished++;
                if (requireFinished)
                {
                    problems.Add($"UNFINISHED: {order.OrderId} is {state.Stage}; the people meant {order.Expected?.Stage ?? "(not decided yet)"}.");
                }

                continue;
            }

            checkedOrders++;
            var actual = new ExpectedOutcome(
                Camel(state.Stage.ToString()), state.Cancellation is { } c ? Camel(c.Stage.ToString()) : null, state.Cancellation is { } r ? Camel(r.Reason.ToString()) : null,
                state.CashCollected, state.CashHandedOver);
            if (actual != expected)
            {
                problems.Add($"STATE: {order.OrderId} ended {actual}, the people drove it to {expected}.");
            }
        }

        var ledger = await LedgerAsync(clients, merchants, stored, problems);
        return new AuditResult(
            tracked.Length, stored.Count, indexed.Count, stored.Values.Count(o => o.Stage == Stage.Delivered), stored.Values.Count(o => o.Stage == Stage.Cancelled),
            unfinished, checkedOrders, ledger.Entries, ledger.Collected, ledger.Handed, ledger.Collected - ledger.Handed, problems);
    }

    private static async Task<(long Entries, long Collected, long Handed)> LedgerAsync(
        StorageClients clients, IReadOnlyList<BenchMerchant> merchants, Dictionary<(string, string), PlacedOrder> stored, List<string> problems)
    {
        long entries = 0, collected = 0, handed = 0;
        foreach (var merchant in merchants)
        {
            var movements = new Dictionary<(string OrderId, string Kind), List<long>>();
            TableEntity? fence = null;
            await foreach (var row in clients.Table(TableNames.CashLedger).QueryAsync<TableEntity>($"PartitionKey eq {Keys.Literal(merchant.MerchantId)}"))
            {
                if (row.RowKey == "fence")
                {
                    fence = row;
                    continue;
                }

                var kind = (row.GetString("Kind") ?? row.GetString("Movement")) switch
                {
                    "CashCollected" or "Collected" => "collected",
                    "CashHandedOver" or "HandedOver" => "handed",
                    _ => null,
                };
                if (kind is null || row.GetString("OrderId") is not { } orderId || row.GetInt64("Amount") is not { } amount)
                {
                    continue;
                }

                entries++;
                if (!movements.TryGetValue((orderId, kind), out var list))
                {
                    movements[(orderId, kind)] = list = [];
                }

                list.Add(amount);
            }

            foreach (var ((orderId, kind), amounts) in movements.Where(m => m.Value.Count > 1))
            {
                problems.Add($"LEDGER DUPLICATE: {merchant.MerchantId}/{orderId} has {amounts.Count} {kind} entries.");
            }

            long merchantCollected = 0, merchantHanded = 0, merchantOutstanding = 0;
            foreach (var order in stored.Values.Where(o => o.MerchantId == merchant.MerchantId))
            {
                var ledgerCollected = movements.GetValueOrDefault((order.OrderId, "collected"))?.Sum() ?? 0;
                var ledgerHanded = movements.GetValueOrDefault((order.OrderId, "handed"))?.Sum() ?? 0;
                if (ledgerCollected != order.CashCollected || ledgerHanded != order.CashHandedOver)
                {
                    problems.Add($"LEDGER: {order.OrderId} ledger collected {ledgerCollected}/handed {ledgerHanded}, order says {order.CashCollected}/{order.CashHandedOver}.");
                }

                merchantOutstanding += order.CashCollected - order.CashHandedOver;
            }

            merchantCollected = movements.Where(m => m.Key.Kind == "collected").Sum(m => m.Value.Sum());
            merchantHanded = movements.Where(m => m.Key.Kind == "handed").Sum(m => m.Value.Sum());
            if (merchantCollected != merchantHanded + merchantOutstanding)
            {
                problems.Add($"RECONCILE: {merchant.MerchantId} collected {merchantCollected} != handed over {merchantHanded} + outstanding {merchantOutstanding}.");
            }

            if (fence is not null && (fence.GetInt64("Collected") is { } fenceCollected && fenceCollected != merchantCollected
                || fence.GetInt64("HandedOver") is { } fenceHanded && fenceHanded != merchantHanded))
            {
                problems.Add($"RECONCILE: {merchant.MerchantId} running totals {fence.GetInt64("Collected")}/{fence.GetInt64("HandedOver")} disagree with its entries {merchantCollected}/{merchantHanded}.");
            }

            collected += merchantCollected;
            handed += merchantHanded;
        }

        return (entries, collected, handed);
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
