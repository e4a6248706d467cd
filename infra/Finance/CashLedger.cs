using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Backoffice.Core.Common;
using Backoffice.Core.Finance;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Finance;

/// <summary>A posting to make: the idempotency <see cref="Key"/> makes posting it twice harmless.</summary>
public sealed record LedgerPosting(
    string MerchantId,
    string Key,
    LedgerEntryKind Kind,
    long Amount,
    string Currency,
    DateTimeOffset At,
    string? OrderId = null,
    string? ExternalOrderId = null,
    string? CourierId = null,
    long DeliveredValue = 0,
    Tariff? Tariff = null,
    string? Reason = null,
    Actor? By = null,
    string? Reference = null);

/// <summary>
/// Each merchant's append-only cash ledger (table CashLedger, partition = merchant), on a <see cref="FencedLog"/>:
/// weekly statements take the entries recorded since the previous statement closed. The fence row also carries the
/// running balance, updated in the same transaction as every entry, so the balance is exact at every moment.
/// </summary>
public sealed class CashLedger(StorageClients clients, TimeProvider clock)
{
    /// <summary>
    /// The fence's running total of <see cref="LedgerEntryKind.Payout"/> entries. Named PaidOut because payouts were
    /// once posted at a statement's gross (no separate fees entry); such rows still balance, read as transferred.
    /// </summary>
    private const string TransferredTotal = "PaidOut";

    private readonly FencedLog _log = new(() => clients.Table(TableNames.CashLedger), clock);

    public FencedLog Log => _log;

    public Task<AppendResult> PostAsync(LedgerPosting p, CancellationToken ct = default) => PostAllAsync([p], ct);

    /// <summary>
    /// Posts entries of one merchant together, in one transaction (a paid statement's payout and the fees it netted),
    /// so the balance never shows one without the other. Idempotent by the first posting's key.
    /// </summary>
    public async Task<AppendResult> PostAllAsync(IReadOnlyList<LedgerPosting> postings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(postings);
        foreach (var p in postings)
        {
            if (LedgerEntry.SignProblem(p.Kind, p.Amount) is { } problem)
            {
                throw new ArgumentException(problem, nameof(postings));
            }
        }

        var merchantId = postings.Select(p => p.MerchantId).Distinct(StringComparer.Ordinal).Single();
        return await _log.AppendAllAsync(
            merchantId,
            postings.Select(p => new LogAppend(p.Key, recordedAt => Properties(p, recordedAt))).ToArray(),
            fence =>
            {
                foreach (var p in postings)
                {
                    Count(fence, p.Kind, p.Amount);
                }
            },
            ct).ConfigureAwait(false);
    }

    /// <summary>The cash collection posted for an order (its idempotency key is the order's), or null when not posted (yet).</summary>
    public async Task<LedgerEntry?> CollectedAsync(string merchantId, string orderId, CancellationToken ct = default) =>
        await _log.FindAsync(merchantId, CashLedgerWriter.KeyOf(orderId, CashMovement.Collected), ct).ConfigureAwait(false) is { } row ? ToEntry(row) : null;

    /// <summary>When the merchant's first entry was recorded; null when its ledger is empty.</summary>
    public Task<DateTimeOffset?> FirstRecordedAsync(string merchantId, CancellationToken ct = default) => _log.FirstRecordedAsync(merchantId, ct);

    public Task<ClosedPeriod?> CloseAsync(string merchantId, string period, DateTimeOffset cutoff, CancellationToken ct = default) =>
        _log.CloseAsync(merchantId, period, cutoff, ct);

    public Task<FenceView> FenceAsync(string merchantId, CancellationToken ct = default) => _log.ReadFenceAsync(merchantId, ct);

    public async Task<LedgerBalance> BalanceAsync(string merchantId, CancellationToken ct = default)
    {
        var fence = (await _log.ReadFenceAsync(merchantId, ct).ConfigureAwait(false)).Entity;
        return new LedgerBalance(fence.GetInt64("Collected") ?? 0, fence.GetInt64("Adjustments") ?? 0, fence.GetInt64(TransferredTotal) ?? 0,
            fence.GetInt64("FeesNetted") ?? 0, fence.GetInt64("HandedOver") ?? 0);
    }

    public async IAsyncEnumerable<LedgerEntry> ReadAsync(string merchantId, long fromTicks, long toTicks, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var e in _log.ReadAsync(merchantId, fromTicks, toTicks, ct).ConfigureAwait(false))
        {
            yield return ToEntry(e);
        }
    }

    /// <summary>The whole ledger of a merchant, oldest first (reconciliation and tests; not on a hot path).</summary>
    public IAsyncEnumerable<LedgerEntry> AllAsync(string merchantId, CancellationToken ct = default) => ReadAsync(merchantId, 0, DateTimeOffset.MaxValue.UtcTicks, ct);

    private static void Count(TableEntity fence, LedgerEntryKind kind, long amount)
    {
        var total = kind switch
        {
            LedgerEntryKind.CashCollected => "Collected",
            LedgerEntryKind.CashHandedOver => "HandedOver",
            LedgerEntryKind.Payout => TransferredTotal,
            LedgerEntryKind.FeesNetted => "FeesNetted",
            _ => "Adjustments",
        };
        FencedLog.AddTo(fence, total, amount);
    }

    /// <summary>The entry row a posting becomes (benchmarks seed ledgers with it in bulk).</summary>
    internal static TableEntity EntryRow(LedgerPosting p, DateTimeOffset recordedAt) =>
        new(Properties(p, recordedAt)) { PartitionKey = p.MerchantId, RowKey = FencedLog.EntryRow(recordedAt.UtcTicks, p.Key) };

    private static Dictionary<string, object?> Properties(LedgerPosting p, DateTimeOffset recordedAt) => new()
    {
        ["Key"] = p.Key,
        ["Kind"] = p.Kind.ToString(),
        ["Amount"] = p.Amount,
        ["Currency"] = p.Currency,
        ["At"] = p.At,
        ["RecordedAt"] = recordedAt,
        ["OrderId"] = p.OrderId,
        ["ExternalOrderId"] = p.ExternalOrderId,
        ["CourierId"] = p.CourierId,
        ["DeliveredValue"] = p.DeliveredValue,
        ["Tariff"] = p.Tariff is null ? null : Json.Serialize(p.Tariff),
        ["Reason"] = p.Reason,
        ["ByUser"] = p.By?.UserId,
        ["ByRole"] = p.By?.Role,
        ["ByChannel"] = p.By?.Channel,
        ["Reference"] = p.Reference,
    };

    internal static LedgerEntry ToEntry(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("Key"),
        Enum.Parse<LedgerEntryKind>(e.GetString("Kind")),
        e.GetInt64("Amount") ?? 0,
        e.GetString("Currency"),
        e.GetDateTimeOffset("At") ?? default,
        e.GetDateTimeOffset("RecordedAt") ?? default,
        e.GetString("OrderId"),
        e.GetString("ExternalOrderId"),
        e.GetString("CourierId"),
        e.GetInt64("DeliveredValue") ?? 0,
        e.GetString("Tariff") is { Length: > 0 } tariff ? Json.Deserialize<Tariff>(tariff) : null,
        e.GetString("Reason"),
        e.GetString("ByUser") is { } user ? new Actor(user, e.GetString("ByRole") ?? "unknown", e.GetString("ByChannel") ?? "unknown") : null,
        e.GetString("Reference"));
}
