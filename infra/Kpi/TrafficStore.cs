using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Kpi;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Kpi;

/// <summary>
/// The visits a storefront reported for one of its days, as it stands now. <see cref="SentAt"/> is the sender's
/// timestamp (Standard Webhooks <c>webhook-timestamp</c>): it, not the arrival order, decides which report is newer.
/// </summary>
public sealed record TrafficValue(DateOnly Date, long Visits, long Revision, DateTimeOffset ReceivedAt, string DeliveryId, DateTimeOffset SentAt)
{
    /// <summary>
    /// True when a report sent at <paramref name="sentAt"/> over <paramref name="deliveryId"/> is newer than this value.
    /// Equal timestamps are broken by the delivery id (ordinal, the larger wins), so the result does not depend on
    /// which of the two arrived first.
    /// </summary>
    public bool IsOlderThan(DateTimeOffset sentAt, string deliveryId) =>
        sentAt > SentAt || (sentAt == SentAt && string.CompareOrdinal(deliveryId, DeliveryId) > 0);
}

/// <summary>
/// One accepted report, kept for the audit trail: what was reported, when it was sent and received, over which delivery,
/// replacing what. <see cref="Applied"/> is false for a report that arrived after a newer one and so changed nothing.
/// </summary>
public sealed record TrafficReport(
    DateOnly Date, long Visits, long? PreviousVisits, long Revision, DateTimeOffset ReceivedAt, string DeliveryId, DateTimeOffset SentAt, bool Applied);

public enum TrafficOutcome
{
    /// <summary>The first value for this day.</summary>
    Created,

    /// <summary>A newer report (by the sender's timestamp) replaced the value (the earlier one stays in the history).</summary>
    Replaced,

    /// <summary>This delivery (same webhook id) was already recorded; nothing changed.</summary>
    Duplicate,

    /// <summary>The report was sent before the value in place: kept in the history, the value stays.</summary>
    Superseded,
}

/// <summary>
/// Daily traffic per merchant: the current value of each day and the history of every accepted report, in one
/// partition per merchant so the two are written in one transaction. Idempotent per delivery id (a duplicate writes
/// nothing, neither a revision nor a change row); the report with the latest sender timestamp is the day's value,
/// whatever order reports arrive in.
/// </summary>
public sealed class TrafficStore(StorageClients clients, KpiChangeFeed feed, TimeProvider clock)
{
    private const int MaxAttempts = 10;

    private TableClient Table => clients.Table(TableNames.KpiTraffic);

    /// <param name="sentAt">The sender's timestamp; <c>null</c> for reports this system makes itself (now).</param>
    public async Task<(TrafficOutcome Outcome, TrafficValue Value)> RecordAsync(
        string merchantId, DateOnly date, long visits, string deliveryId, DateTimeOffset? sentAt = null, CancellationToken ct = default)
    {
        var logRow = LogRow(date, deliveryId);
        var sent = sentAt ?? clock.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            // A redelivery is answered before anything is written: no revision, no change row, no roll-up work.
            if (await DuplicateAsync(merchantId, date, logRow, ct).ConfigureAwait(false) is { } duplicate)
            {
                return (TrafficOutcome.Duplicate, duplicate);
            }

            var current = await Table.GetEntityIfExistsAsync<TableEntity>(merchantId, CurrentRow(date), cancellationToken: ct).ConfigureAwait(false);
            var previous = current.HasValue && current.Value is { } c ? ReadCurrent(c) : null;
            var now = clock.GetUtcNow();
            var applies = previous is null || previous.IsOlderThan(sent, deliveryId);
            var revision = applies ? (previous?.Revision ?? 0) + 1 : previous!.Revision;
            var logEntity = new TableEntity(merchantId, logRow)
            {
                ["Date"] = Day(date),
                ["Visits"] = visits,
                ["PreviousVisits"] = applies ? previous?.Visits : null,
                ["Revision"] = revision,
                ["ReceivedAt"] = now,
                ["SentAt"] = sent,
                ["DeliveryId"] = deliveryId,
                ["Applied"] = applies,
            };
            try
            {
                if (!applies)
                {
                    // Older than the value in place: audited only. Values only ever get newer, so no later write can
                    // make this report the newest one; the add fails only if the same delivery raced in (a duplicate).
                    await Table.AddEntityAsync(logEntity, ct).ConfigureAwait(false);
                    return (TrafficOutcome.Superseded, previous!);
                }

                // Write-ahead: the roll-up learns of the day first; if the transaction below fails it finds nothing new.
                await feed.RecordAsync(KpiSubject.Traffic(merchantId, date), revision, null, ct).ConfigureAwait(false);

                var value = new TrafficValue(date, visits, revision, now, deliveryId, sent);
                var currentEntity = new TableEntity(merchantId, CurrentRow(date))
                {
                    ["Date"] = Day(date),
                    ["Visits"] = visits,
                    ["Revision"] = revision,
                    ["ReceivedAt"] = now,
                    ["SentAt"] = sent,
                    ["DeliveryId"] = deliveryId,
                };
                TableTransactionAction[] actions =
                [
                    new(TableTransactionActionType.Add, logEntity),
                    previous is null
                        ? new(TableTransactionActionType.Add, currentEntity)
                        : new(TableTransactionActionType.UpdateReplace, currentEntity, current.Value!.ETag),
                ];
                await Table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
                return (previous is null ? TrafficOutcome.Created : TrafficOutcome.Replaced, value);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // The same delivery or another report for this day was recorded at the same moment: look again.
            }
        }
    }

    private async Task<TrafficValue?> DuplicateAsync(string merchantId, DateOnly date, string logRow, CancellationToken ct)
    {
        var seen = await Table.GetEntityIfExistsAsync<TableEntity>(merchantId, logRow, select: ["RowKey"], cancellationToken: ct).ConfigureAwait(false);
        if (!seen.HasValue)
        {
            return null;
        }

        return await CurrentAsync(merchantId, date, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Traffic of {merchantId} on {Day(date)} has a report but no current value.");
    }

    public async Task<TrafficValue?> CurrentAsync(string merchantId, DateOnly date, CancellationToken ct = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(merchantId, CurrentRow(date), cancellationToken: ct).ConfigureAwait(false);
        return row.HasValue && row.Value is { } e ? ReadCurrent(e) : null;
    }

    /// <summary>Every day with a value in [from, to], and every report received for those days (oldest first).</summary>
    public async Task<(IReadOnlyList<TrafficValue> Current, IReadOnlyList<TrafficReport> History)> ListAsync(
        string merchantId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var current = new List<TrafficValue>();
        var history = new List<TrafficReport>();
        var partition = Keys.Literal(merchantId);
        var currentFilter = $"PartitionKey eq {partition} and RowKey ge '{CurrentRow(from)}' and RowKey le '{CurrentRow(to)}'";
        await foreach (var e in Table.QueryAsync<TableEntity>(currentFilter, cancellationToken: ct).ConfigureAwait(false))
        {
            current.Add(ReadCurrent(e));
        }

        var logFilter = $"PartitionKey eq {partition} and RowKey ge 'log~{Day(from)}' and RowKey lt 'log~{Day(to.AddDays(1))}'";
        await foreach (var e in Table.QueryAsync<TableEntity>(logFilter, cancellationToken: ct).ConfigureAwait(false))
        {
            var receivedAt = e.GetDateTimeOffset("ReceivedAt") ?? default;
            history.Add(new TrafficReport(
                DateOnly.ParseExact(e.GetString("Date"), KpiBucket.DayFormat, CultureInfo.InvariantCulture), e.GetInt64("Visits") ?? 0,
                e.GetInt64("PreviousVisits"), e.GetInt64("Revision") ?? 0, receivedAt, e.GetString("DeliveryId") ?? string.Empty,
                e.GetDateTimeOffset("SentAt") ?? receivedAt, e.GetBoolean("Applied") ?? true));
        }

        return (current, history.OrderBy(h => h.Date).ThenBy(h => h.ReceivedAt).ThenBy(h => h.Revision).ToArray());
    }

    /// <summary>Every day the merchant ever reported (for a full rebuild).</summary>
    public async Task<IReadOnlyList<DateOnly>> DaysAsync(string merchantId, CancellationToken ct = default)
    {
        var days = new List<DateOnly>();
        var filter = $"PartitionKey eq {Keys.Literal(merchantId)} and RowKey ge 'cur~' and RowKey lt 'cur~~'";
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, select: ["Date"], cancellationToken: ct).ConfigureAwait(false))
        {
            days.Add(DateOnly.ParseExact(e.GetString("Date"), KpiBucket.DayFormat, CultureInfo.InvariantCulture));
        }

        return days;
    }

    private static string Day(DateOnly date) => date.ToString(KpiBucket.DayFormat, CultureInfo.InvariantCulture);

    private static string CurrentRow(DateOnly date) => "cur~" + Day(date);

    /// <summary>The delivery id is the sender's text: hashed into the key so no character of it can break a row key.</summary>
    private static string LogRow(DateOnly date, string deliveryId) =>
        $"log~{Day(date)}~{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId)))[..32]}";

    /// <summary>Values stored before the sender's timestamp was kept count as sent when received (within the 5-minute tolerance).</summary>
    private static TrafficValue ReadCurrent(TableEntity e)
    {
        var receivedAt = e.GetDateTimeOffset("ReceivedAt") ?? default;
        return new TrafficValue(
            DateOnly.ParseExact(e.GetString("Date"), KpiBucket.DayFormat, CultureInfo.InvariantCulture),
            e.GetInt64("Visits") ?? 0,
            e.GetInt64("Revision") ?? 0,
            receivedAt,
            e.GetString("DeliveryId") ?? string.Empty,
            e.GetDateTimeOffset("SentAt") ?? receivedAt);
    }
}
