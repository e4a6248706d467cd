using Azure;
using Page = Backoffice.Infra.Orders.Page<Backoffice.Infra.Status.DeadLetteredStatus>;
using Azure.Data.Tables;
using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Jobs;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Status;

/// <summary>A status change that could not be delivered, as supervisors see it.</summary>
public sealed record DeadLetteredStatus(
    string MerchantId,
    string MessageId,
    string OrderId,
    string ExternalOrderId,
    Stage Stage,
    string Event,
    int Version,
    DateTimeOffset At,
    int Attempts,
    string Reason,
    int? LastStatusCode,
    DateTimeOffset DeadLetteredAt);

/// <summary>
/// Undeliverable status changes. One partition, row key (merchant, message id): a message dead-lettered again replaces
/// its row, a merchant filter is a row-key range, and the list pages without scanning other data.
/// </summary>
public sealed class StatusDeadLetters(StorageClients clients)
{
    public const int MaxPageSize = 200;
    private const string Partition = "dead";

    private TableClient Table => clients.Table(TableNames.StatusDeadLetters);

    public Task AddAsync(StatusMessage message, int attempts, string reason, int? lastStatusCode, DateTimeOffset at, CancellationToken ct = default) =>
        Table.UpsertEntityAsync(
            new TableEntity(Partition, Row(message.MerchantId, message.Id))
            {
                ["MerchantId"] = message.MerchantId,
                ["MessageId"] = message.Id,
                ["OrderId"] = message.OrderId,
                ["ExternalOrderId"] = message.ExternalOrderId,
                ["Stage"] = message.Stage.ToString(),
                ["Event"] = message.Event,
                ["Version"] = message.Version,
                ["At"] = message.At,
                ["Attempts"] = attempts,
                ["Reason"] = reason.Length > 1000 ? reason[..1000] : reason,
                ["LastStatusCode"] = lastStatusCode,
                ["DeadLetteredAt"] = at,
                ["Body"] = Json.Serialize(message),
            },
            TableUpdateMode.Replace,
            ct);

    public async Task<Page> PageAsync(string? merchantId, int pageSize, string? continuation, CancellationToken ct = default)
    {
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var filter = merchantId is null
            ? $"PartitionKey eq '{Partition}'"
            : $"PartitionKey eq '{Partition}' and RowKey ge {Keys.Literal(merchantId + "~")} and RowKey lt {Keys.Literal(merchantId + "\u007f")}";
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, size, cancellationToken: ct).AsPages(continuation, size).ConfigureAwait(false))
        {
            return new Page(page.Values.Select(Read).ToArray(), page.ContinuationToken);
        }

        return new Page([], null);
    }

    public async Task<DeadLetteredStatus?> FindAsync(string merchantId, string messageId, CancellationToken ct = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, Row(merchantId, messageId), cancellationToken: ct).ConfigureAwait(false);
        return row.HasValue && row.Value is { } e ? Read(e) : null;
    }

    /// <summary>
    /// Queues the message for delivery again, from attempt one, and removes it from the list. Returns false when there is
    /// no such dead letter (already re-sent, or never there).
    /// </summary>
    public async Task<bool> ResendAsync(string merchantId, string messageId, CancellationToken ct = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, Row(merchantId, messageId), cancellationToken: ct).ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return false;
        }

        var message = Json.Deserialize<StatusMessage>(entity.GetString("Body"));
        await clients.Queue(QueueNames.Status).SendMessageAsync(StatusQueueMessage.Format(message, attempt: 1), ct).ConfigureAwait(false);
        try
        {
            // With the ETag: if it was dead-lettered again meanwhile, the newer row stays.
            await Table.DeleteEntityAsync(Partition, entity.RowKey, entity.ETag, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
        }

        return true;
    }

    private static string Row(string merchantId, string messageId) => $"{merchantId}~{messageId}";

    private static DeadLetteredStatus Read(TableEntity e) => new(
        e.GetString("MerchantId"),
        e.GetString("MessageId"),
        e.GetString("OrderId"),
        e.GetString("ExternalOrderId"),
        Enum.Parse<Stage>(e.GetString("Stage")),
        e.GetString("Event"),
        e.GetInt32("Version") ?? 0,
        e.GetDateTimeOffset("At") ?? default,
        e.GetInt32("Attempts") ?? 0,
        e.GetString("Reason") ?? string.Empty,
        e.GetInt32("LastStatusCode"),
        e.GetDateTimeOffset("DeadLetteredAt") ?? default);
}
