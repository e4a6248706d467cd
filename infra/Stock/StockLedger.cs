using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Common;
using Backoffice.Core.Orders;
using Backoffice.Core.Stock;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Storage;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Stock;

/// <summary>The answer to a warehouse entry: the balance after it, and whether it was a repeat of one already recorded.</summary>
public sealed record StockEntryResult(StockBalance Balance, bool Duplicate);

public enum ReturnOutcome
{
    Returned,
    AlreadyReturned,
}

/// <summary>
/// Warehouse stock per merchant SKU on Table Storage. Every change is read → decided by <see cref="StockRules"/> →
/// written in one entity-group transaction in the merchant's partition: the balance (with the ETag it was read
/// with), the movement row, the reservation row, the change-index row and the publication outbox row. A 412/409
/// means another writer got there first: reload and decide again. So two confirmations can never both spend the last
/// unit, and retrying any step keyed by (order, line) finds the step already done.
/// </summary>
public sealed class StockLedger(StorageClients clients, TimeProvider clock, IStockChangeSink sink, ILogger<StockLedger> logger) : IStockEffects
{
    public const int MaxPageSize = 200;
    private const int MaxAttempts = 100;

    private TableClient Table => clients.Table(TableNames.Stock);

    /// <summary>Reserves what is on hand for an order line (up to its quantity); idempotent per (order, line).</summary>
    public async Task<Reservation> ReserveAsync(string merchantId, string orderId, OrderLine line, Actor by, CancellationToken ct = default)
    {
        var (step, _) = await MutateAsync(
            merchantId,
            line.Sku,
            StockKeys.Reservation(orderId, line.LineId),
            (level, side) => ForReservation(merchantId, side, StockRules.Reserve(level, ReadReservation(side), orderId, line), line.Name),
            new Context(by, null, orderId, line.LineId),
            ct).ConfigureAwait(false);
        if (step.Reservation!.Quantity < line.Quantity)
        {
            logger.LogInformation(
                "Reserved {Reserved} of {Quantity} of {Sku} for {MerchantId}/{OrderId} line {LineId}; the rest goes to supplier pickup",
                step.Reservation.Holding, line.Quantity, line.Sku, merchantId, orderId, line.LineId);
        }

        return step.Reservation;
    }

    /// <summary>Applies an order's line changes (release, write-off, pickup arrival, packing) in the order given.</summary>
    public async Task ApplyAsync(AdjustStock effect, CancellationToken ct)
    {
        foreach (var change in effect.Changes)
        {
            var note = change.Kind == StockChangeKind.WriteOff ? "Not packable (not found or damaged)" : null;
            await MutateAsync(
                effect.MerchantId,
                change.Sku,
                StockKeys.Reservation(effect.OrderId, change.LineId),
                (level, side) => ForReservation(effect.MerchantId, side, StockRules.Apply(level, ReadReservation(side), effect.OrderId, change), null),
                new Context(effect.By, note, effect.OrderId, change.LineId),
                ct).ConfigureAwait(false);
        }
    }

    /// <summary>Goods received into stock. With a <paramref name="movementId"/>, recording the same receipt twice counts it once.</summary>
    public Task<StockEntryResult> ReceiveAsync(
        string merchantId, string sku, int quantity, string? name, string? note, string? movementId, Actor by, CancellationToken ct = default) =>
        EntryAsync(merchantId, sku, movementId, level => StockRules.Receive(level, quantity), name, new Context(by, note, null, null), ct);

    /// <summary>A stock count: on hand becomes what was counted; the movement records the correction.</summary>
    public Task<StockEntryResult> CountAsync(
        string merchantId, string sku, int counted, string? note, string? movementId, Actor by, CancellationToken ct = default) =>
        EntryAsync(merchantId, sku, movementId, level => StockRules.Count(level, counted), null, new Context(by, note, null, null), ct);

    /// <summary>Goods of a refused or rejected parcel back on the shelves: once per (order, line).</summary>
    public async Task<(ReturnOutcome Outcome, StockBalance? Balance)> ReturnAsync(
        string merchantId, string orderId, OrderLine line, int quantity, string? note, Actor by, CancellationToken ct = default)
    {
        var (step, balance) = await MutateAsync(
            merchantId,
            line.Sku,
            StockKeys.Return(orderId, line.LineId),
            (level, side) => side is not null
                ? new Decision(StockStep.Unchanged(level, null), null)
                : new Decision(StockRules.Return(level, quantity), Add(merchantId, StockKeys.Return(orderId, line.LineId), new()
                {
                    ["OrderId"] = orderId, ["LineId"] = line.LineId, ["Sku"] = line.Sku, ["Quantity"] = quantity, ["At"] = clock.GetUtcNow(),
                    ["UserId"] = by.UserId,
                })),
            new Context(by, note, orderId, line.LineId),
            ct).ConfigureAwait(false);
        return (step.IsNoOp ? ReturnOutcome.AlreadyReturned : ReturnOutcome.Returned, balance);
    }

    public async Task<StockBalance?> GetAsync(string merchantId, string sku, CancellationToken ct = default) =>
        (await LoadBalanceAsync(merchantId, sku, ct).ConfigureAwait(false))?.Balance;

    /// <summary>Every SKU of the merchant, in the order it last changed, optionally only those changed at or after <paramref name="since"/>.</summary>
    public async Task<Backoffice.Infra.Orders.Page<StockBalance>> AvailabilityAsync(string merchantId, DateTimeOffset? since, int pageSize, string? continuation, CancellationToken ct = default)
    {
        var from = since is { } s ? StockKeys.ChangesSince(s) : StockKeys.ChangePrefix;
        var filter = StockKeys.Range(merchantId, from, StockKeys.ChangePrefix + StockKeys.End);
        return await PageAsync(filter, pageSize, continuation, e => ReadBalance(merchantId, e), ct).ConfigureAwait(false);
    }

    /// <summary>A SKU's movements, newest first.</summary>
    public Task<Backoffice.Infra.Orders.Page<StockMovement>> MovementsAsync(string merchantId, string sku, int pageSize, string? continuation, CancellationToken ct = default) =>
        PageAsync(StockKeys.Prefix(merchantId, StockKeys.MovementsOf(sku)), pageSize, continuation, ReadMovement, ct);

    public async Task<IReadOnlyList<Reservation>> ReservationsAsync(string merchantId, string orderId, CancellationToken ct = default)
    {
        var result = new List<Reservation>();
        await foreach (var e in Table.QueryAsync<TableEntity>(StockKeys.Prefix(merchantId, StockKeys.ReservationsOf(orderId)), cancellationToken: ct).ConfigureAwait(false))
        {
            result.Add(ReadReservation(e)!);
        }

        return result;
    }

    /// <summary>
    /// Publishes outbox rows the inline publication did not get to (the process died, or the channel was down).
    /// Rows younger than <paramref name="minimumAge"/> are left to the writer that is publishing them right now.
    /// </summary>
    /// <summary>Publishes at most <paramref name="limit"/> outbox rows older than <paramref name="minimumAge"/>; the rest wait for the next run.</summary>
    public async Task<int> FlushOutboxAsync(string merchantId, TimeSpan minimumAge, CancellationToken ct = default, int limit = int.MaxValue)
    {
        var before = StockKeys.OutboxPrefix + Keys.Ticks(clock.GetUtcNow() - minimumAge);
        var published = 0;
        await foreach (var e in Table.QueryAsync<TableEntity>(StockKeys.Range(merchantId, StockKeys.OutboxPrefix, before), Math.Min(limit, 1000), cancellationToken: ct).ConfigureAwait(false))
        {
            if (published >= limit)
            {
                break;
            }

            await sink.PublishAsync(Json.Deserialize<StockChanged>(e.GetString("Body")), ct).ConfigureAwait(false);
            await DeleteOutboxAsync(merchantId, e.RowKey, ct).ConfigureAwait(false);
            published++;
        }

        return published;
    }

    private async Task<StockEntryResult> EntryAsync(
        string merchantId, string sku, string? movementId, Func<StockLevel, StockStep> rule, string? name, Context context, CancellationToken ct)
    {
        var sideKey = movementId is null ? null : StockKeys.Idempotency(movementId);
        var (step, balance) = await MutateAsync(
            merchantId,
            sku,
            sideKey,
            (level, side) => side is not null
                ? new Decision(StockStep.Unchanged(level, null), null)
                : new Decision(rule(level), sideKey is null ? null : Add(merchantId, sideKey, new() { ["Sku"] = sku, ["At"] = clock.GetUtcNow() }), name, RenamesSku: name is not null),
            context,
            ct).ConfigureAwait(false);
        return new StockEntryResult(balance ?? new StockBalance(merchantId, sku, null, StockLevel.Empty, 0, default), step.IsNoOp);
    }

    /// <summary>A rule's answer plus the row that makes it idempotent (reservation, receipt id, return) and a SKU name to keep.</summary>
    private sealed record Decision(StockStep Step, TableTransactionAction? Side, string? Name = null, bool RenamesSku = false);

    private sealed record Context(Actor By, string? Note, string? OrderId, string? LineId);

    private sealed record LoadedBalance(StockBalance Balance, ETag ETag, string? ChangeRow);

    private async Task<(StockStep Step, StockBalance? Balance)> MutateAsync(
        string merchantId, string sku, string? sideKey, Func<StockLevel, TableEntity?, Decision> decide, Context context, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var balanceTask = LoadBalanceAsync(merchantId, sku, ct);
            var sideTask = sideKey is null ? Task.FromResult<TableEntity?>(null) : LoadAsync(merchantId, sideKey, ct);
            await Task.WhenAll(balanceTask, sideTask).ConfigureAwait(false);
            var loaded = await balanceTask.ConfigureAwait(false);
            var side = await sideTask.ConfigureAwait(false);
            var level = loaded?.Balance.Level ?? StockLevel.Empty;
            var decision = decide(level, side);
            var step = decision.Step;
            if (step.IsNoOp)
            {
                return (step, loaded?.Balance);
            }

            var actions = new List<TableTransactionAction>();
            if (decision.Side is { } sideAction)
            {
                actions.Add(sideAction);
            }

            var after = loaded?.Balance;
            StockChanged? publish = null;
            string? outboxRow = null;
            if (step.Level != level || step.Movement is not null)
            {
                var now = clock.GetUtcNow();
                var version = (loaded?.Balance.Version ?? 0) + 1;
                var changedAt = loaded is { } l && now <= l.Balance.ChangedAt ? l.Balance.ChangedAt.AddTicks(1) : now;
                var name = decision.RenamesSku ? decision.Name ?? loaded?.Balance.Name : loaded?.Balance.Name ?? decision.Name;
                after = new StockBalance(merchantId, sku, name, step.Level, version, changedAt);
                var changeRow = StockKeys.Change(changedAt, sku);
                var balanceRow = BalanceEntity(after, changeRow);
                actions.Add(loaded is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, balanceRow)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, balanceRow, loaded.ETag));
                if (loaded?.ChangeRow is { } oldChangeRow)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(merchantId, oldChangeRow), ETag.All));
                }

                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ChangeEntity(after, changeRow)));
                if (step.Movement is { } kind)
                {
                    var movement = new StockMovement(sku, version, kind, step.Moved, step.Level.OnHand, step.Level.Reserved, context.Note, context.OrderId, context.LineId, now, context.By);
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, MovementEntity(merchantId, movement)));
                }

                if (loaded is null || step.Level.Available != level.Available)
                {
                    publish = new StockChanged(merchantId, sku, step.Level.OnHand, step.Level.Reserved, step.Level.Available, version, changedAt);
                    outboxRow = StockKeys.Outbox(changedAt, sku, version);
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(merchantId, outboxRow) { ["Body"] = Json.Serialize(publish) }));
                }
            }

            if (actions.Count == 0)
            {
                return (step, after);
            }

            try
            {
                await Table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsConflict(ex) && attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, Math.Min(40, 1 << Math.Min(attempt, 5)))), ct).ConfigureAwait(false);
                continue;
            }

            if (publish is not null)
            {
                await PublishInlineAsync(merchantId, outboxRow!, publish, ct).ConfigureAwait(false);
            }

            return (step, after);
        }
    }

    private async Task PublishInlineAsync(string merchantId, string outboxRow, StockChanged change, CancellationToken ct)
    {
        try
        {
            await sink.PublishAsync(change, ct).ConfigureAwait(false);
            await DeleteOutboxAsync(merchantId, outboxRow, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The change is committed with its outbox row; the outbox sweep publishes it later. Whatever the channel
            // throws (a storage 5xx, a ServiceBusException, its own timeout), the committed operation must not fail;
            // only the caller's own cancellation goes up.
            logger.LogWarning(ex, "Publishing the stock change of {Sku} for {MerchantId} failed; the outbox sweep will retry", change.Sku, merchantId);
        }
    }

    private async Task DeleteOutboxAsync(string merchantId, string rowKey, CancellationToken ct)
    {
        try
        {
            await Table.DeleteEntityAsync(merchantId, rowKey, ETag.All, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Published and deleted by the sweep at the same time: at-least-once, consumers dedupe on the version.
        }
    }

    private async Task<Backoffice.Infra.Orders.Page<T>> PageAsync<T>(string filter, int pageSize, string? continuation, Func<TableEntity, T> read, CancellationToken ct)
    {
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, size, cancellationToken: ct).AsPages(continuation, size).ConfigureAwait(false))
        {
            return new Backoffice.Infra.Orders.Page<T>(page.Values.Select(read).ToArray(), page.ContinuationToken);
        }

        return new Backoffice.Infra.Orders.Page<T>([], null);
    }

    private async Task<LoadedBalance?> LoadBalanceAsync(string merchantId, string sku, CancellationToken ct)
    {
        var e = await LoadAsync(merchantId, StockKeys.Balance(sku), ct).ConfigureAwait(false);
        return e is null ? null : new LoadedBalance(ReadBalance(merchantId, e), e.ETag, e.GetString("ChangeRow"));
    }

    private async Task<TableEntity?> LoadAsync(string merchantId, string rowKey, CancellationToken ct)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(merchantId, rowKey, cancellationToken: ct).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private static bool IsConflict(Exception ex) => ex switch
    {
        TableTransactionFailedException t => t.Status is 409 or 412,
        RequestFailedException r => r.Status is 409 or 412,
        _ => false,
    };

    private static TableTransactionAction Add(string merchantId, string rowKey, Dictionary<string, object?> properties)
    {
        var entity = new TableEntity(merchantId, rowKey);
        foreach (var (name, value) in properties)
        {
            entity[name] = value;
        }

        return new TableTransactionAction(TableTransactionActionType.Add, entity);
    }

    /// <summary>A reservation row is added the first time and replaced (with the ETag it was read with) afterwards.</summary>
    private Decision ForReservation(string merchantId, TableEntity? side, StockStep step, string? name)
    {
        if (step.IsNoOp || step.Reservation is not { } reservation)
        {
            return new Decision(step, null, name);
        }

        var now = clock.GetUtcNow();
        var entity = new TableEntity(merchantId, StockKeys.Reservation(reservation.OrderId, reservation.LineId))
        {
            ["OrderId"] = reservation.OrderId,
            ["LineId"] = reservation.LineId,
            ["Sku"] = reservation.Sku,
            ["LineQuantity"] = reservation.LineQuantity,
            ["Quantity"] = reservation.Quantity,
            ["PickedUp"] = reservation.PickedUp,
            ["State"] = reservation.State.ToString(),
            ["CreatedAt"] = side?.GetDateTimeOffset("CreatedAt") ?? now,
            ["UpdatedAt"] = now,
        };
        return new Decision(
            step,
            side is null
                ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, side.ETag),
            name);
    }

    private static Reservation? ReadReservation(TableEntity? e) => e is null
        ? null
        : new Reservation(
            e.GetString("OrderId"), e.GetString("LineId"), e.GetString("Sku"), e.GetInt32("LineQuantity") ?? 0, e.GetInt32("Quantity") ?? 0,
            e.GetInt32("PickedUp") ?? 0, Enum.Parse<ReservationState>(e.GetString("State")));

    private static TableEntity BalanceEntity(StockBalance b, string changeRow) => new(b.MerchantId, StockKeys.Balance(b.Sku))
    {
        ["Sku"] = b.Sku,
        ["Name"] = b.Name,
        ["OnHand"] = b.Level.OnHand,
        ["Reserved"] = b.Level.Reserved,
        ["Version"] = b.Version,
        ["ChangedAt"] = b.ChangedAt,
        ["ChangeRow"] = changeRow,
    };

    private static TableEntity ChangeEntity(StockBalance b, string changeRow) => new(b.MerchantId, changeRow)
    {
        ["Sku"] = b.Sku,
        ["Name"] = b.Name,
        ["OnHand"] = b.Level.OnHand,
        ["Reserved"] = b.Level.Reserved,
        ["Available"] = b.Level.Available,
        ["Version"] = b.Version,
        ["ChangedAt"] = b.ChangedAt,
    };

    private static StockBalance ReadBalance(string merchantId, TableEntity e) => new(
        merchantId, e.GetString("Sku"), e.GetString("Name"), new StockLevel(e.GetInt32("OnHand") ?? 0, e.GetInt32("Reserved") ?? 0),
        e.GetInt64("Version") ?? 0, e.GetDateTimeOffset("ChangedAt") ?? default);

    private static TableEntity MovementEntity(string merchantId, StockMovement m) => new(merchantId, StockKeys.Movement(m.Sku, m.Version))
    {
        ["Sku"] = m.Sku,
        ["Version"] = m.Version,
        ["Kind"] = m.Kind.ToString(),
        ["Quantity"] = m.Quantity,
        ["OnHandAfter"] = m.OnHandAfter,
        ["ReservedAfter"] = m.ReservedAfter,
        ["Note"] = m.Note,
        ["OrderId"] = m.OrderId,
        ["LineId"] = m.LineId,
        ["At"] = m.At,
        ["UserId"] = m.By.UserId,
        ["Role"] = m.By.Role,
        ["Channel"] = m.By.Channel,
    };

    private static StockMovement ReadMovement(TableEntity e) => new(
        e.GetString("Sku"), e.GetInt64("Version") ?? 0, Enum.Parse<MovementKind>(e.GetString("Kind")), e.GetInt32("Quantity") ?? 0,
        e.GetInt32("OnHandAfter") ?? 0, e.GetInt32("ReservedAfter") ?? 0, e.GetString("Note"), e.GetString("OrderId"), e.GetString("LineId"),
        e.GetDateTimeOffset("At") ?? default, new Actor(e.GetString("UserId") ?? "unknown", e.GetString("Role") ?? "unknown", e.GetString("Channel") ?? "unknown"));
}
