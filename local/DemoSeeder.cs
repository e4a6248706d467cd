using System.Globalization;
using Backoffice.Api.Stock;
using Backoffice.Core.Common;
using Backoffice.Core.Finance;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Finance;
using Backoffice.Infra.Kpi;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Stock;

namespace Backoffice.Local;

/// <summary>
/// Two demo merchants with weeks of history and a spread of orders in every stage, so a first run has something to
/// look at: the history (<c>Demo:HistoryDays</c>, default 14) is replayed day by day under the <see cref="ISeedTimeline"/>
/// — orders placed, confirmed against real stock, picked up, packed, delivered, refused, cancelled at every stage,
/// cash collected and handed over, daily traffic — then the ended weeks are settled (the oldest approved and paid),
/// the ended month is invoiced, and today's orders are left in every stage for people to work. Runs only when a
/// merchant is missing, so a restart does not duplicate anything.
/// </summary>
internal sealed class DemoSeeder(
    MerchantStore merchants,
    OrderProcessor processor,
    OrderStore orders,
    StockLedger stock,
    TrafficStore traffic,
    SettlementRun settlements,
    SettlementActions settlementActions,
    MonthlyInvoiceRun invoices,
    ISeedTimeline timeline,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<DemoSeeder> logger)
{
    public static readonly string[] MerchantIdsSeeded = ["demo-fashion", "demo-electronics"];

    /// <summary>Orders this run placed; the host starts their orchestrations once the engine runs.</summary>
    public List<(string MerchantId, string OrderId)> SeededOrders { get; } = [];

    private static readonly Actor Seed = new("demo-seed", "system", "demo-seed");
    private static readonly string[] Names = ["Anna Schmidt", "Ivan Petrov", "Maria Garcia", "John Miller", "Aiko Tanaka", "Olga Ivanova", "Lucas Martin", "Sara Rossi"];
    private static readonly CancellationReason[] ConfirmationLosses =
        [CancellationReason.CustomerChangedMind, CancellationReason.PriceNotAccepted, CancellationReason.CustomerUnreachable, CancellationReason.Duplicate];

    private enum Outcome
    {
        Delivered,
        DeliveredAfterDrop,
        DeliveredAfterAbsence,
        PartlyAccepted,
        Refused,
        CancelledAtConfirmation,
        SupplierFailed,
        DamagedInPacking,
    }

    /// <summary>
    /// One moment of the replayed history: a command of one order (null from <see cref="Command"/> means "not applicable
    /// now") or, with <see cref="Chore"/>, something else that happened then (the storefront's daily traffic report).
    /// </summary>
    private sealed record Step(
        DateTimeOffset At, Merchant Merchant, string OrderId, Func<PlacedOrder, DateTimeOffset, OrderCommand?> Command, bool Confirms = false,
        Func<CancellationToken, Task>? Chore = null, PlaceOrder? Placement = null);

    public async Task SeedAsync(string webhookSecret, CancellationToken ct)
    {
        var fashion = new Merchant("demo-fashion", "Demo Fashion", "EUR", "Europe/Berlin", DeadlinePolicy.Default, new Tariff(150, 0, 100), null, Region: "DE");
        var electronics = new Merchant("demo-electronics", "Demo Electronics", "USD", "America/New_York", DeadlinePolicy.Default, new Tariff(0, 250, 0, true), null, Region: "US");
        var created = new List<Merchant>();
        foreach (var merchant in new[] { fashion, electronics })
        {
            if (await merchants.CreateAsync(merchant, new WebhookSecrets([webhookSecret], webhookSecret), ct).ConfigureAwait(false))
            {
                logger.LogInformation("Seeded demo merchant {MerchantId}", merchant.MerchantId);
                created.Add(merchant);
            }
        }

        if (created.Count == 0)
        {
            return;
        }

        var days = Math.Clamp(configuration.GetValue("Demo:HistoryDays", 14), 0, 60);
        var present = timeline.Present;
        try
        {
            await ReplayHistoryAsync(created, present, days, ct).ConfigureAwait(false);
        }
        finally
        {
            timeline.ReturnToPresent();
        }

        foreach (var merchant in created)
        {
            await CloseEndedPeriodsAsync(merchant, present, days, ct).ConfigureAwait(false);
            await SeedTodayAsync(merchant, ct).ConfigureAwait(false);
        }
    }

    private async Task ReplayHistoryAsync(IReadOnlyList<Merchant> created, DateTimeOffset present, int days, CancellationToken ct)
    {
        if (days == 0)
        {
            return;
        }

        timeline.TravelTo(present.AddDays(-days - 1));
        var steps = new List<Step>();
        foreach (var merchant in created)
        {
            foreach (var sku in Enumerable.Range(0, 40).Select(Sku))
            {
                await stock.ReceiveAsync(merchant.MerchantId, sku, 60, $"Demo item {sku}", "Opening stock", $"demo-opening-{sku}", Seed, ct).ConfigureAwait(false);
            }

            var random = new Random(merchant.MerchantId.Length * 7919);
            for (var day = days; day >= 1; day--)
            {
                var morning = new DateTimeOffset(present.UtcDateTime.Date.AddDays(-day).AddHours(8), TimeSpan.Zero);
                var date = DateOnly.FromDateTime(morning.UtcDateTime);
                var placedToday = 3 + random.Next(0, 3);
                var visits = (placedToday * 160) + random.Next(0, 200);
                steps.Add(new Step(morning.AddHours(15), merchant, string.Empty, (_, _) => null,
                    Chore: token => traffic.RecordAsync(merchant.MerchantId, date, visits, $"demo-seed-{date:yyyy-MM-dd}", null, token)));
                for (var n = 0; n < placedToday; n++)
                {
                    var at = morning.AddMinutes(30 + (n * 97) + random.Next(0, 60));
                    steps.AddRange(PlanOrder(merchant, $"HIST-{date:MMdd}-{n + 1}", at, Pick(random), random));
                }
            }
        }

        // Every order's steps are in time order; interleaving all of them replays the weeks as they would have happened.
        // Steps due after the present are left undone: those orders are today's work in flight. Within a two-hour slot
        // the orders move in parallel (each order's own steps stay in order), all at the slot's first moment.
        var due = steps.Where(s => s.At <= present).OrderBy(s => s.At).ToArray();
        foreach (var slot in due.GroupBy(s => s.At.UtcTicks / TimeSpan.FromHours(2).Ticks))
        {
            var first = slot.First().At;
            if (first > clock.GetUtcNow())
            {
                timeline.TravelTo(first);
            }

            await Parallel.ForEachAsync(slot.GroupBy(s => (s.Merchant.MerchantId, s.OrderId)), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (order, token) =>
            {
                foreach (var step in order)
                {
                    await (step.Chore?.Invoke(token) ?? RunStepAsync(step, token)).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }

        logger.LogInformation("Replayed {Days} days of demo history ({Steps} steps)", days, due.Length);
    }

    private static Outcome Pick(Random random) => random.Next(0, 100) switch
    {
        < 48 => Outcome.Delivered,
        < 54 => Outcome.DeliveredAfterDrop,
        < 59 => Outcome.DeliveredAfterAbsence,
        < 67 => Outcome.PartlyAccepted,
        < 79 => Outcome.Refused,
        < 89 => Outcome.CancelledAtConfirmation,
        < 94 => Outcome.SupplierFailed,
        _ => Outcome.DamagedInPacking,
    };

    private static string Sku(int n) => $"SKU-{n:D3}";

    private static OrderDraft Draft(Merchant merchant, string external, int seed, Random random)
    {
        var lines = Enumerable.Range(1, 1 + (seed % 3)).Select(n => new OrderLine(
            n.ToString(CultureInfo.InvariantCulture), Sku(((seed * 7) + n) % 40), $"Demo item {((seed * 7) + n) % 40}", 1 + (n % 2),
            1990 + (random.Next(0, 80) * 100), n == 3 ? "supplier-north" : null, n != 3)).ToArray();
        var person = seed % Names.Length;
        var customer = new Customer(Names[person], $"+4915100000{person:D3}", $"customer{person}@example.com",
            new Address($"Main street {person + 1}", null, merchant.Currency == "EUR" ? "Berlin" : "New York", null, "10115", merchant.Currency == "EUR" ? "DE" : "US"));
        return new OrderDraft(external, customer, lines, 490, merchant.Currency, seed % 4 == 0 ? PaymentMethod.Prepaid : PaymentMethod.CashOnDelivery, "demo");
    }

    private static IEnumerable<Step> PlanOrder(Merchant merchant, string external, DateTimeOffset at, Outcome outcome, Random random)
    {
        var id = OrderIds.For(merchant.MerchantId, external);
        var draft = Draft(merchant, external, random.Next(0, 1000), random);
        yield return new Step(at, merchant, id, (_, _) => null, Placement: new PlaceOrder(merchant.MerchantId, id, draft, merchant.Deadlines, Seed, at));

        var call = at.AddMinutes(25 + random.Next(0, 60));
        if (outcome == Outcome.CancelledAtConfirmation)
        {
            var reason = ConfirmationLosses[random.Next(0, ConfirmationLosses.Length)];
            yield return new Step(call, merchant, id, (_, now) => new CancelOrder(reason, null, "Seeded cancellation", Seed, now));
            yield break;
        }

        yield return new Step(call, merchant, id, (order, now) => new ConfirmOrder(
            outcome == Outcome.DeliveredAfterDrop && order.LiveLines.Count() > 1
                ? [new LineDrop(order.LiveLines.First().Line.LineId, CancellationReason.PriceNotAccepted)]
                : [],
            Seed,
            now), Confirms: true);

        yield return new Step(at.AddHours(20), merchant, id, (order, now) => order.Stage != Stage.SupplierPickup ? null : new RecordPickup(
            outcome == Outcome.SupplierFailed ? [] : Awaiting(order),
            outcome == Outcome.SupplierFailed ? Awaiting(order).Select(l => new LineDrop(l, CancellationReason.SupplierOutOfStock)).ToArray() : [],
            Seed,
            now));

        yield return new Step(at.AddHours(26), merchant, id, (order, now) => order.Stage != Stage.Packing ? null : new RecordPacking(
            outcome == Outcome.DamagedInPacking ? [new LineDrop(order.LiveLines.Last().Line.LineId, CancellationReason.ItemDamaged)] : [],
            Seed,
            now));

        yield return new Step(at.AddHours(29), merchant, id, Dispatch);

        var door = at.AddHours(44 + random.Next(0, 8));
        yield return new Step(door, merchant, id, (order, now) => order.Stage != Stage.Delivery ? null : outcome switch
        {
            Outcome.Refused => new RecordDelivery(DeliveryResult.Refused, [], null, "Seeded refusal", Seed, now),
            Outcome.DeliveredAfterAbsence => new RecordDelivery(DeliveryResult.CustomerAbsent, [], null, "Nobody at home", Seed, now),
            Outcome.PartlyAccepted when order.LiveLines.Count() > 1 => PartlyAccepted(order, now),
            _ => AcceptAll(order, now),
        });

        if (outcome == Outcome.DeliveredAfterAbsence)
        {
            yield return new Step(door.AddHours(20), merchant, id, Dispatch);
            yield return new Step(door.AddHours(24), merchant, id, (order, now) => order.Stage != Stage.Delivery ? null : AcceptAll(order, now));
        }

        yield return new Step(door.AddHours(30), merchant, id, (order, now) =>
            order.Stage == Stage.Delivered && order.CashCollected > order.CashHandedOver ? new HandOverCash(order.CashCollected - order.CashHandedOver, Seed, now) : null);
    }

    private static OrderCommand? Dispatch(PlacedOrder order, DateTimeOffset now) =>
        order.Stage == Stage.Delivery && !order.OutForDelivery ? new DispatchToCourier("courier-1", Seed, now) : null;

    private static string[] Awaiting(PlacedOrder order) =>
        order.LiveLines.Where(l => l.Status == LineStatus.AwaitingPickup).Select(l => l.Line.LineId).ToArray();

    private static RecordDelivery AcceptAll(PlacedOrder order, DateTimeOffset now) =>
        new(DeliveryResult.AcceptedAll, [], order.Draft.Payment == PaymentMethod.CashOnDelivery ? order.LiveValue : null, null, Seed, now);

    private static RecordDelivery PartlyAccepted(PlacedOrder order, DateTimeOffset now)
    {
        var rejected = order.LiveLines.Last();
        var due = order.LiveValue - (rejected.Line.UnitPrice * rejected.Line.Quantity);
        return new RecordDelivery(
            DeliveryResult.AcceptedSome,
            [new LineDrop(rejected.Line.LineId, CancellationReason.RejectedOnInspection, Note: "Wrong size")],
            order.Draft.Payment == PaymentMethod.CashOnDelivery ? due : null,
            null,
            Seed,
            now);
    }

    private async Task RunStepAsync(Step step, CancellationToken ct)
    {
        if (step.Placement is { } placement)
        {
            await RunAsync(step.Merchant, step.OrderId, _ => placement with { Now = clock.GetUtcNow() }, ct).ConfigureAwait(false);
            return;
        }

        if ((await orders.LoadAsync(step.Merchant.MerchantId, step.OrderId, ct).ConfigureAwait(false)).State is not PlacedOrder order
            || step.Command(order, clock.GetUtcNow()) is not { } command
            || (order.Stage.IsTerminal() && command is not HandOverCash))
        {
            return;
        }

        // A confirmation reserves stock inside the command path, as an operator's does.
        await RunAsync(step.Merchant, step.OrderId, _ => command, ct).ConfigureAwait(false);
    }

    /// <summary>Settles every week the history ended (oldest first; all but the latest approved and paid) and invoices the ended month.</summary>
    private async Task CloseEndedPeriodsAsync(Merchant merchant, DateTimeOffset present, int days, CancellationToken ct)
    {
        if (days == 0)
        {
            return;
        }

        var zone = MerchantCalendar.Zone(merchant.TimeZone);
        var latest = SettlementWeek.LatestEnded(present, zone);
        var weeks = new List<SettlementWeek>();
        for (var week = SettlementWeek.Containing(present.AddDays(-days - 1), zone); week.CompareTo(latest) <= 0; week = week.Next)
        {
            weeks.Add(week);
        }

        foreach (var week in weeks)
        {
            var result = await settlements.RunAsync(merchant.MerchantId, week, ct).ConfigureAwait(false);
            if (result.Outcome == RunOutcome.Created && week.CompareTo(latest) < 0)
            {
                await settlementActions.ApproveAsync(merchant.MerchantId, week, Seed, ct).ConfigureAwait(false);
                var paidOn = MerchantCalendar.LocalDate(present, zone).AddDays(-1);
                await settlementActions.MarkPaidAsync(merchant.MerchantId, week, new SettlementPayment($"DEMO-{merchant.MerchantId.ToUpperInvariant()}-{week.Label}", paidOn), Seed, ct).ConfigureAwait(false);
            }

            logger.LogInformation("Demo settlement {MerchantId} {Week}: {Outcome}", merchant.MerchantId, week.Label, result.Outcome);
        }

        var month = BillingMonth.LatestEnded(present, zone);
        var invoice = await invoices.RunAsync(merchant.MerchantId, month, ct).ConfigureAwait(false);
        logger.LogInformation("Demo invoice {MerchantId} {Month}: {Outcome}", merchant.MerchantId, month.Label, invoice.Outcome);
    }

    /// <summary>Today's work: orders in confirmation, awaiting pickup, packing, out for delivery — and a few already done.</summary>
    private async Task SeedTodayAsync(Merchant merchant, CancellationToken ct)
    {
        var random = new Random(merchant.MerchantId.Length);
        var drafts = Enumerable.Range(1, 24).Select(i => (Index: i, Draft: Draft(merchant, $"DEMO-{i:D4}", i, random))).ToArray();
        await Parallel.ForEachAsync(drafts, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, (d, token) => SeedTodaysOrderAsync(merchant, d.Index, d.Draft, token)).ConfigureAwait(false);
    }

    private async ValueTask SeedTodaysOrderAsync(Merchant merchant, int i, OrderDraft draft, CancellationToken ct)
    {
        var id = OrderIds.For(merchant.MerchantId, draft.ExternalOrderId);
        await RunAsync(merchant, id, _ => new PlaceOrder(merchant.MerchantId, id, draft, merchant.Deadlines, Seed, clock.GetUtcNow()), ct).ConfigureAwait(false);

        var target = i % 8; // 0-1 stay in confirmation, then a spread across the pipe.
        if (target < 2)
        {
            return;
        }

        if (target == 2)
        {
            await RunAsync(merchant, id, _ => new CancelOrder(CancellationReason.CustomerChangedMind, null, "Seeded cancellation", Seed, clock.GetUtcNow()), ct).ConfigureAwait(false);
            return;
        }

        var confirmed = await RunAsync(merchant, id, _ => new ConfirmOrder([], Seed, clock.GetUtcNow()), ct).ConfigureAwait(false);
        if (confirmed?.State is { Stage: Stage.SupplierPickup } awaiting)
        {
            if (target == 3)
            {
                return;
            }

            await RunAsync(merchant, id, _ => new RecordPickup(Awaiting(awaiting), [], Seed, clock.GetUtcNow()), ct).ConfigureAwait(false);
        }

        if (target <= 4)
        {
            return;
        }

        await RunAsync(merchant, id, _ => new RecordPacking([], Seed, clock.GetUtcNow()), ct).ConfigureAwait(false);
        if (target == 5)
        {
            return;
        }

        await RunAsync(merchant, id, _ => new DispatchToCourier("courier-1", Seed, clock.GetUtcNow()), ct).ConfigureAwait(false);
        await RunAsync(merchant, id, s => target == 7
            ? new RecordDelivery(DeliveryResult.Refused, [], null, "Seeded refusal", Seed, clock.GetUtcNow())
            : AcceptAll((PlacedOrder)s, clock.GetUtcNow()), ct).ConfigureAwait(false);
    }

    private async Task<CommandOutcome?> RunAsync(Merchant merchant, string orderId, Func<OrderState, OrderCommand> command, CancellationToken ct)
    {
        // The engine is not running yet while history is replayed: orders are announced to it once the host has started
        // (SeededOrders), and each orchestration then finds its order as the replay left it.
        var outcome = await processor.ExecuteAsync(merchant.MerchantId, orderId, command, announce: false, reserveStock: true, ct: ct).ConfigureAwait(false);
        if (outcome.Created)
        {
            SeededOrders.Add((merchant.MerchantId, orderId));
        }

        if (outcome.Kind != OutcomeKind.Applied && outcome.Rejection?.Code != Rejection.StaleDeadline)
        {
            logger.LogWarning("Demo seed step for {OrderId} refused: {Reason}", orderId, outcome.Rejection?.Message);
        }

        return outcome;
    }
}
