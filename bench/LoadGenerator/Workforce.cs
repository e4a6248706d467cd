using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Backoffice.Core.Common;
using Backoffice.Infra.Storage;

namespace Backoffice.LoadGenerator;

/// <summary>What the people did, for the report.</summary>
internal sealed class WorkforceCounters
{
    private long _queueReads;
    private long _orderReads;
    private long _commands;
    private long _conflicts;
    private long _failures;
    private long _chased;

    public long QueueReads => Interlocked.Read(ref _queueReads);

    public long OrderReads => Interlocked.Read(ref _orderReads);

    public long Commands => Interlocked.Read(ref _commands);

    public long Conflicts => Interlocked.Read(ref _conflicts);

    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Orders a supervisor had to chase because they were not (yet) in any work queue the people read.</summary>
    public long Chased => Interlocked.Read(ref _chased);

    public void QueueRead() => Interlocked.Increment(ref _queueReads);

    public void OrderRead() => Interlocked.Increment(ref _orderReads);

    public void Command() => Interlocked.Increment(ref _commands);

    public void Conflict() => Interlocked.Increment(ref _conflicts);

    public void Failure() => Interlocked.Increment(ref _failures);

    public void Chase() => Interlocked.Increment(ref _chased);

    /// <summary>Milliseconds from sending a command to its answer (every command that got an HTTP answer).</summary>
    public ConcurrentQueue<double> CommandLatencies { get; } = new();

    /// <summary>
    /// Milliseconds from sending a command that moved an order into a work stage until that stage's work-queue row was
    /// readable in storage (a sample of such commands; <see cref="VisibilityTimeouts"/> counts probes that gave up at 30 s).
    /// </summary>
    public ConcurrentQueue<double> NextStageVisible { get; } = new();

    public long VisibilityTimeouts => Interlocked.Read(ref _visibilityTimeouts);

    private long _visibilityTimeouts;

    public void VisibilityTimeout() => Interlocked.Increment(ref _visibilityTimeouts);
}

/// <summary>
/// Operators, warehouse staff and couriers working their queues: each reads <c>GET /api/work/{stage}</c> for its share of
/// the merchants and acts on every item as the order's plan says. Actions are chosen from the order's current state,
/// so a request whose answer was lost (a killed host) is simply decided again. A supervisor chases orders nobody has
/// seen for a while (their work-queue entry may lag behind a crash until the outbox safety net runs).
/// </summary>
internal sealed class Workforce(
    BackofficeClient api, OrderBook book, IReadOnlyList<BenchMerchant> merchants, int workersPerStage, int parallelism, StorageClients? probe = null)
{
    /// <summary>
    /// Every n-th stage-moving command is followed by a visibility probe, at most <see cref="MaxProbes"/> at once, each
    /// reading storage every 100 ms: the probes must not become the load they measure (Azurite answers on one thread).
    /// </summary>
    private const int ProbeEvery = 4;

    private const int MaxProbes = 4;

    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);

    private int _probesRunning;

    private static readonly Dictionary<string, string> WorkStages = new(StringComparer.Ordinal)
    {
        ["confirmation"] = "Confirmation", ["supplierPickup"] = "SupplierPickup", ["packing"] = "Packing", ["delivery"] = "Delivery",
    };

    private readonly ConcurrentBag<Task> _probes = [];
    private long _moves;

    private const int PageSize = 50;
    private static readonly TimeSpan ChaseAfter = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<string, bool> _inHand = new(StringComparer.Ordinal);

    public WorkforceCounters Counters { get; } = new();

    public async Task RunAsync(CancellationToken stop)
    {
        var stages = new (string Stage, string Role)[]
        {
            ("Confirmation", Roles.Operator), ("SupplierPickup", Roles.Warehouse), ("Packing", Roles.Warehouse), ("Delivery", Roles.Courier),
        };
        var workers = new List<Task>();
        foreach (var (stage, role) in stages)
        {
            for (var w = 0; w < workersPerStage; w++)
            {
                var share = merchants.Where((_, i) => i % workersPerStage == w).Select(m => m.MerchantId).ToArray();
                if (share.Length > 0)
                {
                    workers.Add(Task.Run(() => WorkQueueAsync(stage, role, share, stop), CancellationToken.None));
                }
            }
        }

        workers.Add(Task.Run(() => SuperviseAsync(stop), CancellationToken.None));
        await Task.WhenAll(workers);
        await Task.WhenAll(_probes);
    }

    private async Task WorkQueueAsync(string stage, string role, string[] merchantIds, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var found = 0;
            foreach (var merchantId in merchantIds)
            {
                var items = await PageAsync(role, stage, merchantId);
                found += items.Count;
                await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (orderId, _) =>
                {
                    if (book.Find(merchantId, orderId) is { } order)
                    {
                        await HandleAsync(order, role);
                    }
                });
            }

            if (found == 0)
            {
                await Delay(TimeSpan.FromSeconds(1), stop);
            }
        }
    }

    private async Task SuperviseAsync(CancellationToken stop)
    {
        var shiftStarted = Environment.TickCount64;
        while (!stop.IsCancellationRequested)
        {
            await Delay(TimeSpan.FromSeconds(5), stop);
            var now = Environment.TickCount64;
            var quiet = (long)ChaseAfter.TotalMilliseconds;
            var stale = book.All.Where(o => !o.Done && now - Math.Max(shiftStarted, Math.Max(o.SeenAt, o.ListedAt)) > quiet).ToArray();
            await Parallel.ForEachAsync(stale, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (order, _) =>
            {
                Counters.Chase();
                await HandleAsync(order, role: null);
            });
        }
    }

    /// <summary>One person takes one order in hand and does what its stage and plan call for.</summary>
    private async Task HandleAsync(TrackedOrder order, string? role)
    {
        if (!_inHand.TryAdd(order.OrderId, true))
        {
            return;
        }

        try
        {
            if (order.View is null || role is null)
            {
                await RefreshAsync(order);
            }

            for (var step = 0; step < 8 && order.View is not null && !order.Done; step++)
            {
                var stage = order.Stage;
                if (!await ActAsync(order, role))
                {
                    break;
                }

                // A courier goes on from dispatch to the door to handing the cash over; anyone else hands the order
                // on to the next stage's queue. A supervisor chasing an order takes it as far as it goes.
                if (role is not null && stage is not ("delivery" or "delivered"))
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            // The host went away under this request; the order is decided again from its state once it is back.
            Counters.Failure();
            order.View = null;
        }
        finally
        {
            _inHand.TryRemove(order.OrderId, out _);
        }
    }

    /// <summary>Acts once; true when the order moved and the same person may carry on (dispatch, then the door).</summary>
    private async Task<bool> ActAsync(TrackedOrder order, string? role)
    {
        var view = order.View!.Value;
        var plan = order.Plan;
        var live = Lines(view).Where(l => l.Status is not ("cancelled" or "rejected")).ToArray();
        switch (order.Stage)
        {
            case "confirmation":
                return plan.Confirmation switch
                {
                    ConfirmChoice.Cancel => await CancelAsync(order, role ?? Roles.Operator, "Confirmation", "customerChangedMind"),
                    ConfirmChoice.DropLine when live.Length >= 2 => await CommandAsync(order, role ?? Roles.Operator, "confirm",
                        new { droppedLines = new[] { new { lineId = live[^1].LineId, reason = "priceNotAccepted" } } }),
                    _ => await CommandAsync(order, role ?? Roles.Operator, "confirm", new { }),
                };
            case "supplierPickup":
                var awaiting = live.Where(l => l.Status == "awaitingPickup").Select(l => l.LineId).ToArray();
                return plan.Pickup switch
                {
                    StageChoice.Cancel => await CancelAsync(order, Roles.Operator, "SupplierPickup", "supplierBlockedShipment"),
                    StageChoice.FailLine when live.Length >= 2 && awaiting.Length >= 1 => await CommandAsync(order, role ?? Roles.Warehouse, "pickup",
                        new { pickedUp = awaiting[1..], failed = new[] { new { lineId = awaiting[0], reason = "supplierOutOfStock" } } }),
                    _ => await CommandAsync(order, role ?? Roles.Warehouse, "pickup", new { pickedUp = awaiting }),
                };
            case "packing":
                return plan.Packing switch
                {
                    StageChoice.Cancel => await CancelAsync(order, Roles.Operator, "Packing", "customerChangedMind"),
                    StageChoice.FailLine when live.Length >= 2 => await CommandAsync(order, role ?? Roles.Warehouse, "pack",
                        new { failedLines = new[] { new { lineId = live[^1].LineId, reason = "itemNotFound" } } }),
                    _ => await CommandAsync(order, role ?? Roles.Warehouse, "pack", new { }),
                };
            case "delivery":
                return await DeliveryAsync(order, view, live, role ?? Roles.Courier);
            case "delivered":
                var outstanding = view.GetProperty("cashCollected").GetInt64() - view.GetProperty("cashHandedOver").GetInt64();
                return outstanding > 0 && plan.HandOverCash && await CommandAsync(order, Roles.Courier, "cash-handover", new { amount = outstanding });
            default:
                return false;
        }
    }

    private async Task<bool> DeliveryAsync(TrackedOrder order, JsonElement view, LineInfo[] live, string role)
    {
        var attempts = view.GetProperty("deliveryAttempts").GetInt32();
        if (!view.GetProperty("outForDelivery").GetBoolean())
        {
            if (order.Plan.CancelBeforeDispatch && attempts == 0)
            {
                return await CancelAsync(order, Roles.Operator, "Delivery", "customerChangedMind");
            }

            return await CommandAsync(order, role, "dispatch", new { courierId = "courier-" + (Math.Abs(order.OrderId.GetHashCode(StringComparison.Ordinal)) % 20) });
        }

        var cod = view.GetProperty("payment").GetString() == "cashOnDelivery";
        var value = view.GetProperty("liveValue").GetInt64();
        var choice = order.Plan.AtDoor(attempts);
        if (choice == DoorChoice.AcceptedSome && live.Length < 2)
        {
            choice = DoorChoice.AcceptedAll;
        }

        switch (choice)
        {
            case DoorChoice.AcceptedAll:
            case DoorChoice.AcceptedSome:
                var rejected = choice == DoorChoice.AcceptedSome ? live[^1] : null;
                var cash = cod ? value - (rejected?.Total ?? 0) : 0;
                order.Expected = new ExpectedOutcome("delivered", null, null, cash, order.Plan.HandOverCash ? cash : 0);
                object body = rejected is null
                    ? new { result = "acceptedAll", cashCollected = cash }
                    : new { result = "acceptedSome", cashCollected = cash, rejectedLines = new[] { new { lineId = rejected.LineId, reason = "rejectedOnInspection" } } };
                var moved = await CommandAsync(order, role, "delivery", body);
                if (order.Stage == "delivered")
                {
                    order.DeliveredAt ??= DateTimeOffset.UtcNow;
                }

                return moved;
            case DoorChoice.Refused:
                order.Expected = new ExpectedOutcome("cancelled", "delivery", "customerRefused", 0, 0);
                return await CommandAsync(order, role, "delivery", new { result = "refused" });
            default:
                if (attempts >= view.GetProperty("maxDeliveryAttempts").GetInt32())
                {
                    order.Expected = new ExpectedOutcome("cancelled", "delivery", "customerAbsent", 0, 0);
                }

                await CommandAsync(order, role, "delivery", new { result = "customerAbsent", note = "Nobody at home." });
                return false; // The next attempt comes back through the work queue.
        }
    }

    private Task<bool> CancelAsync(TrackedOrder order, string role, string stage, string reason)
    {
        order.Expected = new ExpectedOutcome("cancelled", char.ToLowerInvariant(stage[0]) + stage[1..], reason, 0, 0);
        return CommandAsync(order, role, "cancel", new { reason });
    }

    /// <summary>Sends a command; the order's view becomes what the server answered (200 body or the 409's fresh state).</summary>
    private async Task<bool> CommandAsync(TrackedOrder order, string role, string command, object body)
    {
        Counters.Command();
        var before = order.View?.GetProperty("version").GetInt32();
        var stageBefore = order.Stage;
        var sent = Stopwatch.StartNew();
        var response = await api.CommandAsync(role, order.MerchantId, order.OrderId, command, body);
        Counters.CommandLatencies.Enqueue(sent.Elapsed.TotalMilliseconds);
        if (response.Ok && response.Order is { } after && probe is not null)
        {
            ProbeNextStage(order.MerchantId, order.OrderId, stageBefore, after, sent);
        }

        if (response.Code == 409)
        {
            Counters.Conflict();
        }
        else if (!response.Ok)
        {
            Counters.Failure();
        }

        order.View = response.Order;
        if (order.View is null)
        {
            await RefreshAsync(order);
        }

        return response.Ok && order.View?.GetProperty("version").GetInt32() != before;
    }

    /// <summary>
    /// When the command moved the order into another work stage, reads that stage's work-queue row (the per-merchant
    /// partition, the row key the index writes: due time, merchant, order) until it exists, in the background.
    /// </summary>
    private void ProbeNextStage(string merchantId, string orderId, string? stageBefore, JsonElement after, Stopwatch sent)
    {
        var stage = after.GetProperty("stage").GetString();
        if (stage is null || stage == stageBefore || !WorkStages.TryGetValue(stage, out var partitionStage)
            || after.GetProperty("deadline").ValueKind != JsonValueKind.Object || Interlocked.Increment(ref _moves) % ProbeEvery != 0)
        {
            return;
        }

        if (Interlocked.Increment(ref _probesRunning) > MaxProbes)
        {
            Interlocked.Decrement(ref _probesRunning);
            return;
        }

        var dueAt = after.GetProperty("deadline").GetProperty("dueAt").GetDateTimeOffset();
        var table = probe!.Table(TableNames.WorkQueue);
        var partition = $"{partitionStage}~{merchantId}";
        var row = $"{Keys.Ticks(dueAt)}~{merchantId}~{orderId}";
        _probes.Add(Task.Run(async () =>
        {
            try
            {
                while (sent.Elapsed < TimeSpan.FromSeconds(30))
                {
                    try
                    {
                        if ((await table.GetEntityIfExistsAsync<TableEntity>(partition, row, ["PartitionKey"])).HasValue)
                        {
                            Counters.NextStageVisible.Enqueue(sent.Elapsed.TotalMilliseconds);
                            return;
                        }
                    }
                    catch (Azure.RequestFailedException)
                    {
                    }

                    await Task.Delay(ProbeInterval);
                }

                Counters.VisibilityTimeout();
            }
            finally
            {
                Interlocked.Decrement(ref _probesRunning);
            }
        }));
    }

    private async Task RefreshAsync(TrackedOrder order)
    {
        Counters.OrderRead();
        var response = await api.OrderAsync(Roles.Supervisor, order.MerchantId, order.OrderId);
        order.View = response.Ok ? response.Order : null;
        if (order.Stage == "delivered")
        {
            order.DeliveredAt ??= DateTimeOffset.UtcNow;
        }
    }

    private async Task<IReadOnlyList<string>> PageAsync(string role, string stage, string merchantId)
    {
        try
        {
            Counters.QueueRead();
            var response = await api.WorkAsync(role, stage, merchantId, PageSize);
            if (!response.Ok)
            {
                Counters.Failure();
                return [];
            }

            var listed = new List<string>();
            foreach (var item in response.Body!.Value.GetProperty("items").EnumerateArray())
            {
                if (book.Find(merchantId, item.GetProperty("orderId").GetString()!) is { Done: false } order)
                {
                    order.ListedAt = Environment.TickCount64;
                    listed.Add(order.OrderId);
                }
            }

            return listed;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            // The host is down (a crash run): look again shortly rather than spin.
            Counters.Failure();
            await Task.Delay(200);
            return [];
        }
    }

    private static IEnumerable<LineInfo> Lines(JsonElement view) => view.GetProperty("lines").EnumerateArray()
        .Select(l => new LineInfo(l.GetProperty("lineId").GetString()!, l.GetProperty("status").GetString()!, l.GetProperty("total").GetInt64()));

    private static async Task Delay(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed record LineInfo(string LineId, string Status, long Total);
}
