using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Kpi;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Kpi;

/// <summary>The visits a storefront reported for one of its days, as it stands now.</summary>
public sealed record TrafficValue(DateOnly Date, long Visits, long Revision, DateTimeOffset ReceivedAt, string DeliveryId);

/// <summary>One accepted report, kept for the audit trail: what was reported, when, over which delivery, replacing what.</summary>
public sealed record TrafficReport(DateOnly Date, long Visits, long? PreviousVisits, long Revision, DateTimeOffset ReceivedAt, string DeliveryId);

public enum TrafficOutcome
{
    /// <summary>The first value for this day.</summary>
    Created,

    /// <summary>A later report replaced the earlier value (the earlier one stays in the history).</summary>
    Replaced,

    /// <summary>This delivery (same webhook id) was already recorded; nothing changed.</summary>
    Duplicate,
}

/// <summary>
/// Daily traffic per merchant: the current value of each day and the history of every accepted report, in one
/// partition per merchant so the two are written in one transaction. Idempotent per delivery id; a later report for
/// the same day replaces the value.
/// </summary>
public sealed class TrafficStore(StorageClients clients, KpiChangeFeed feed, TimeProvider clock)
{
    private const int MaxAttempts = 10;

    private TableClient Table => clients.Table(TableNames.KpiTraffic);

    public async Task<(TrafficOutcome Outcome, TrafficValue Value)> RecordAsync(
        string merchantId, DateOnly date, long visits, string deliveryId, CancellationToken ct = default)
    {
        var logRow = LogRow(date, deliveryId);
        for (var attempt = 1; ; attempt++)
        {
            var current = await Table.GetEntityIfExistsAsync<TableEntity>(merchantId, CurrentRow(date), cancellationToken: ct).ConfigureAwait(false);
            var previous = current.HasValue && current.Value is { } c ? ReadCurrent(c) : null;
            var revision = (previous?.Revision ?? 0) + 1;
            var now = clock.GetUtcNow();

            // Write-ahead: the roll-up learns of the day first; if the transaction below fails it finds nothing new.
            await feed.RecordAsync(KpiSubject.Traffic(merchantId, date), revision, null, ct).ConfigureAwait(false);

            var value = new TrafficValue(date, visits, revision, now, deliveryId);
            var currentEntity = new TableEntity(merchantId, CurrentRow(date))
            {
                ["Date"] = Day(date),
                ["Visits"] = visits,
                ["Revision"] = revision,
                ["ReceivedAt"] = now,
                ["DeliveryId"] = deliveryId,
            };
            var logEntity = new TableEntity(merchantId, logRow)
            {
                ["Date"] = Day(date),
                ["Visits"] = visits,
                ["PreviousVisits"] = previous?.Visits,
                ["Revision"] = revision,
                ["ReceivedAt"] = now,
                ["DeliveryId"] = deliveryId,
            };
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.Add, logEntity),
                previous is null
                    ? new(TableTransactionActionType.Add, currentEntity)
                    : new(TableTransactionActionType.UpdateReplace, currentEntity, current.Value!.ETag),
            ];
            try
            {
                await Table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
                return (previous is null ? TrafficOutcome.Created : TrafficOutcome.Replaced, value);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                var seen = await Table.GetEntityIfExistsAsync<TableEntity>(merchantId, logRow, cancellationToken: ct).ConfigureAwait(false);
                if (seen.HasValue)
                {
                    var now2 = await CurrentAsync(merchantId, date, ct).ConfigureAwait(false);
                    return (TrafficOutcome.Duplicate, now2 ?? value);
                }

                // Someone else recorded a report for this day at the same moment: reload and go again.
            }
        }
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
            history.Add(new TrafficReport(
                DateOnly.ParseExact(e.GetString("Date"), KpiBucket.DayFormat, CultureInfo.InvariantCulture), e.GetInt64("Visits") ?? 0,
                e.GetInt64("PreviousVisits"), e.GetInt64("Revision") ?? 0, e.GetDateTimeOffset("ReceivedAt") ?? default, e.GetString("DeliveryId") ?? string.Empty));
        }

        return (current, history.OrderBy(h => h.Date).ThenBy(h => h.Revision).ToArray());
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

    private static TrafficValue ReadCurrent(TableEntity e) => new(
        DateOnly.ParseExact(e.GetString("Date"), KpiBucket.DayFormat, CultureInfo.InvariantCulture),
        e.GetInt64("Visits") ?? 0,
        e.GetInt64("Revision") ?? 0,
        e.GetDateTimeOffset("ReceivedAt") ?? default,
        e.GetString("DeliveryId") ?? string.Empty);
}
