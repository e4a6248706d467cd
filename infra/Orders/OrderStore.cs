using System.Text.Json;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Orders;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Orders;

/// <summary>A loaded order: its state and the ETag to write it back with.</summary>
public sealed record StoredOrder(OrderState State, ETag? ETag, string? LastCommandId = null);

/// <summary>One event as kept in the log, with its sequence number.</summary>
public sealed record StoredEvent(int Sequence, OrderEvent Event);

/// <summary>
/// An order's state, its append-only event log and its outbox rows share one partition (merchant + order), so a
/// decision commits in one entity-group transaction: all of it or none of it.
/// </summary>
public sealed class OrderStore(StorageClients clients)
{
    private const string StateRow = "state";
    private const string EventPrefix = "evt-";
    private const string OutboxPrefix = "out-";

    private TableClient Table => clients.Table(TableNames.Orders);

    public async Task<StoredOrder> LoadAsync(string merchantId, string orderId, CancellationToken ct = default)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Keys.OrderPartition(merchantId, orderId), StateRow, cancellationToken: ct).ConfigureAwait(false);
        return response.HasValue && response.Value is { } entity ? ReadState(entity) : new StoredOrder(OrderDecider.Initial, null);
    }

    /// <summary>
    /// The order and the outbox rows earlier commits left undispatched, in one request: outbox rows sort just before
    /// the state row ("out-…" &lt; "state"), so one range query costs what the point read does. A command that commits
    /// on top dispatches those rows first, in commit order, without re-reading the outbox after its own commit.
    /// </summary>
    public async Task<OrderWithOutbox> LoadWithOutboxAsync(string merchantId, string orderId, CancellationToken ct = default)
    {
        var partition = Keys.OrderPartition(merchantId, orderId);
        var filter = $"PartitionKey eq {Keys.Literal(partition)} and RowKey ge '{OutboxPrefix}' and RowKey le '{StateRow}'";
        var order = new StoredOrder(OrderDecider.Initial, null);
        var undispatched = new List<PendingEffect>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
        {
            if (entity.RowKey == StateRow)
            {
                order = ReadState(entity);
            }
            else if (entity.RowKey.StartsWith(OutboxPrefix, StringComparison.Ordinal))
            {
                undispatched.Add(ReadPending(entity));
            }
        }

        return new OrderWithOutbox(order, undispatched);
    }

    /// <summary>
    /// Appends events, replaces the state and adds outbox rows atomically; returns the outbox rows it added, so the
    /// caller can dispatch them without reading them back. Throws <see cref="RequestFailedException"/> 412 (someone
    /// else wrote first) or 409 (someone else created it first); callers reload and re-decide.
    /// </summary>
    public async Task<IReadOnlyList<PendingEffect>> CommitAsync(
        StoredOrder loaded,
        PlacedOrder after,
        IReadOnlyList<OrderEvent> events,
        IReadOnlyList<OrderEffect> effects,
        string commandId,
        CancellationToken ct = default)
    {
        var partition = Keys.OrderPartition(after.MerchantId, after.OrderId);
        var state = new TableEntity(partition, StateRow)
        {
            ["MerchantId"] = after.MerchantId,
            ["OrderId"] = after.OrderId,
            ["Stage"] = after.Stage.ToString(),
            ["Version"] = after.Version,
            ["LastCommandId"] = commandId,
        };
        ChunkedProperty.Write(state, "State", Json.Serialize(after));

        var actions = new List<TableTransactionAction>
        {
            loaded.ETag is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, state),
        };

        var sequence = loaded.State.Version;
        foreach (var e in events)
        {
            sequence++;
            var row = new TableEntity(partition, EventRow(sequence))
            {
                ["Type"] = e.Name,
                ["At"] = e.At,
                ["UserId"] = e.By.UserId,
                ["Role"] = e.By.Role,
                ["Channel"] = e.By.Channel,
            };
            ChunkedProperty.Write(row, "Body", Json.Serialize<OrderEvent>(e));
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        }

        var outbox = new List<PendingEffect>(effects.Count);
        foreach (var effect in effects)
        {
            var rowKey = $"{OutboxPrefix}{after.Version.ToString("D10", CultureInfo.InvariantCulture)}-{outbox.Count:D3}";
            var row = new TableEntity(partition, rowKey)
            {
                ["Kind"] = effect.GetType().Name,
                ["Body"] = JsonSerializer.Serialize(effect, effect.GetType(), Json.Options),
            };
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
            outbox.Add(new PendingEffect(partition, rowKey, effect));
        }

        await Table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
        return outbox;
    }

    public async Task<IReadOnlyList<StoredEvent>> EventsAsync(string merchantId, string orderId, CancellationToken ct = default)
    {
        var partition = Keys.OrderPartition(merchantId, orderId);
        var filter = $"PartitionKey eq {Keys.Literal(partition)} and RowKey ge '{EventPrefix}' and RowKey lt 'evt.'";
        var result = new List<StoredEvent>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
        {
            result.Add(new StoredEvent(int.Parse(entity.RowKey[EventPrefix.Length..], CultureInfo.InvariantCulture), Json.Deserialize<OrderEvent>(ChunkedProperty.Read(entity, "Body"))));
        }

        return result;
    }

    public async Task<IReadOnlyList<PendingEffect>> PendingEffectsAsync(string merchantId, string orderId, CancellationToken ct = default)
    {
        var partition = Keys.OrderPartition(merchantId, orderId);
        var filter = $"PartitionKey eq {Keys.Literal(partition)} and RowKey ge '{OutboxPrefix}' and RowKey lt 'out.'";
        var result = new List<PendingEffect>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
        {
            result.Add(ReadPending(entity));
        }

        return result;
    }

    public async Task CompleteEffectsAsync(IReadOnlyList<PendingEffect> done, CancellationToken ct = default)
    {
        foreach (var chunk in done.Chunk(100))
        {
            var actions = chunk.Select(p => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(p.Partition, p.RowKey), ETag.All));
            try
            {
                await Table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                // Another dispatcher completed some of these first; delete the rest one by one.
                foreach (var p in chunk)
                {
                    await Table.DeleteEntityAsync(p.Partition, p.RowKey, ETag.All, ct).ConfigureAwait(false);
                }
            }
        }
    }

    private static StoredOrder ReadState(TableEntity entity) =>
        new(Json.Deserialize<PlacedOrder>(ChunkedProperty.Read(entity, "State")), entity.ETag, entity.GetString("LastCommandId"));

    private static PendingEffect ReadPending(TableEntity entity) =>
        new(entity.PartitionKey, entity.RowKey, OutboxCodec.Read(entity.GetString("Kind"), entity.GetString("Body")));

    private static string EventRow(int sequence) => EventPrefix + sequence.ToString("D10", CultureInfo.InvariantCulture);
}

public sealed record PendingEffect(string Partition, string RowKey, OrderEffect Effect);

/// <summary>A loaded order with the outbox rows its earlier commits left undispatched (oldest first).</summary>
public sealed record OrderWithOutbox(StoredOrder Order, IReadOnlyList<PendingEffect> Undispatched);

internal static class OutboxCodec
{
    public static OrderEffect Read(string kind, string body) => kind switch
    {
        nameof(IndexMerchantOrder) => Json.Deserialize<IndexMerchantOrder>(body),
        nameof(UpdateWorkItem) => Json.Deserialize<UpdateWorkItem>(body),
        nameof(ArmDeadline) => Json.Deserialize<ArmDeadline>(body),
        nameof(PublishStatus) => Json.Deserialize<PublishStatus>(body),
        nameof(PostCash) => Json.Deserialize<PostCash>(body),
        nameof(AdjustStock) => Json.Deserialize<AdjustStock>(body),
        _ => throw new InvalidDataException($"Unknown outbox kind {kind}."),
    };
}
