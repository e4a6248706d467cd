using System.Globalization;
using Backoffice.Core.Common;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;

namespace Backoffice.Local;

/// <summary>
/// Two demo merchants and a spread of orders in every stage, so a first run has something to look at. Runs only
/// when a merchant is missing, so a restart does not duplicate anything.
/// </summary>
internal sealed class DemoSeeder(MerchantStore merchants, OrderProcessor processor, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    public static readonly string[] MerchantIdsSeeded = ["demo-fashion", "demo-electronics"];

    private static readonly Actor Seed = new("demo-seed", "system", "demo-seed");

    public async Task SeedAsync(string webhookSecret, CancellationToken ct)
    {
        var fashion = new Merchant("demo-fashion", "Demo Fashion", "EUR", "Europe/Berlin", DeadlinePolicy.Default, new Tariff(150, 0, 100), null);
        var electronics = new Merchant("demo-electronics", "Demo Electronics", "USD", "America/New_York", DeadlinePolicy.Default, new Tariff(0, 250, 0), null);
        foreach (var merchant in new[] { fashion, electronics })
        {
            if (await merchants.CreateAsync(merchant, new WebhookSecrets([webhookSecret], webhookSecret), ct).ConfigureAwait(false))
            {
                logger.LogInformation("Seeded demo merchant {MerchantId}", merchant.MerchantId);
                await SeedOrdersAsync(merchant, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task SeedOrdersAsync(Merchant merchant, CancellationToken ct)
    {
        var random = new Random(merchant.MerchantId.Length);
        string[] names = ["Anna Schmidt", "Ivan Petrov", "Maria Garcia", "John Miller", "Aiko Tanaka", "Olga Ivanova", "Lucas Martin", "Sara Rossi"];
        for (var i = 1; i <= 24; i++)
        {
            var external = $"DEMO-{i:D4}";
            var id = OrderIds.For(merchant.MerchantId, external);
            var lines = Enumerable.Range(1, 1 + (i % 3)).Select(n => new OrderLine(
                n.ToString(CultureInfo.InvariantCulture), $"SKU-{(i * 7 + n) % 40:D3}", $"Demo item {(i * 7 + n) % 40}", 1 + (n % 2),
                1990 + (random.Next(0, 80) * 100), n == 3 ? "supplier-north" : null, n != 3)).ToArray();
            var customer = new Customer(names[i % names.Length], $"+4915100000{i:D3}", $"customer{i}@example.com",
                new Address($"Main street {i}", null, merchant.Currency == "EUR" ? "Berlin" : "New York", null, "10115", merchant.Currency == "EUR" ? "DE" : "US"));
            var draft = new OrderDraft(external, customer, lines, 490, merchant.Currency, i % 4 == 0 ? PaymentMethod.Prepaid : PaymentMethod.CashOnDelivery, "demo");
            await RunAsync(merchant, id, _ => new PlaceOrder(merchant.MerchantId, id, draft, merchant.Deadlines, Seed, clock.GetUtcNow()), ct).ConfigureAwait(false);

            var target = i % 8; // 0-1 stay in confirmation, then a spread across the pipe.
            if (target < 2)
            {
                continue;
            }

            if (target == 2)
            {
                await RunAsync(merchant, id, _ => new CancelOrder(CancellationReason.CustomerChangedMind, null, "Seeded cancellation", Seed, clock.GetUtcNow()), ct).ConfigureAwait(false);
                continue;
            }

            var confirmed = await RunAsync(merchant, id, _ => new ConfirmOrder([], Seed, clock.GetUtcNow()), ct).ConfigureAwait(false);
            if (confirmed?.State is { Stage: Stage.SupplierPickup } awaiting)
            {
                if (target == 3)
                {
                    continue;
                }

                var toPick = awaiting.Lines.Where(l => l.Status == LineStatus.AwaitingPickup).Select(l => l.Line.LineId).ToArray();
                await RunAsync(merchant, id, _ => new RecordPickup(toPick, [], Seed, clock.GetUtcNow()), ct).ConfigureAwait(false);
            }

            if (target <= 4)
            {
                continue;
            }

            await RunAsync(merchant, id, _ => new RecordPacking([], Seed, clock.GetUtcNow()), ct).ConfigureAwait(false);
            if (target == 5)
            {
                continue;
            }

            await RunAsync(merchant, id, _ => new DispatchToCourier("courier-1", Seed, clock.GetUtcNow()), ct).ConfigureAwait(false);
            await RunAsync(merchant, id, s => target == 7
                ? new RecordDelivery(DeliveryResult.Refused, [], null, "Seeded refusal", Seed, clock.GetUtcNow())
                : new RecordDelivery(DeliveryResult.AcceptedAll, [], CashDue((PlacedOrder)s), null, Seed, clock.GetUtcNow()), ct).ConfigureAwait(false);
        }
    }

    private static long CashDue(PlacedOrder order) => order.Draft.Payment == PaymentMethod.CashOnDelivery ? order.LiveValue : 0;

    private async Task<CommandOutcome?> RunAsync(Merchant merchant, string orderId, Func<OrderState, OrderCommand> command, CancellationToken ct)
    {
        var outcome = await processor.ExecuteAsync(merchant.MerchantId, orderId, command, ct: ct).ConfigureAwait(false);
        if (outcome.Kind != OutcomeKind.Applied && outcome.Rejection?.Code != Rejection.StaleDeadline)
        {
            logger.LogWarning("Demo seed step for {OrderId} refused: {Reason}", orderId, outcome.Rejection?.Message);
        }

        return outcome;
    }
}
