using System.Collections.Concurrent;
using Backoffice.Core.Kpi;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Kpi;

/// <summary>
/// Computes a subject's current contribution from the source of truth: an order from its event log (one partition
/// query; folding the log gives the same state the store holds, and the log also says when each step happened), a
/// traffic day from its current value. Merchants are looked up once per loader (one roll-up run).
/// </summary>
public sealed class KpiSubjectLoader(OrderStore orders, TrafficStore traffic, MerchantStore merchants, ILogger<KpiSubjectLoader> logger)
{
    private readonly ConcurrentDictionary<string, Task<Merchant?>> _merchants = new(StringComparer.Ordinal);

    /// <summary>
    /// Where the subject's contribution is stored, worked out without loading it: from the order's placing time (as
    /// the change feed carries it) or the traffic date, and the merchant's time zone and currency. Null when unknown.
    /// </summary>
    public async Task<KpiLocation?> LocateAsync(KpiSubject subject, DateTimeOffset? placedAt, CancellationToken ct = default)
    {
        if (await MerchantAsync(subject.MerchantId, ct).ConfigureAwait(false) is not { } merchant)
        {
            return null;
        }

        if (subject.Kind == KpiSubjectKind.Traffic)
        {
            return new KpiLocation(subject.MerchantId, merchant.Currency, KpiCalendar.Month(ParseDay(subject.Id)));
        }

        return placedAt is { } at ? new KpiLocation(subject.MerchantId, merchant.Currency, KpiCalendar.Month(KpiCalendar.Day(at, ZoneOf(merchant)))) : null;
    }

    public async Task<KpiUpdate?> LoadAsync(KpiSubject subject, CancellationToken ct = default)
    {
        var merchant = await MerchantAsync(subject.MerchantId, ct).ConfigureAwait(false);
        var zone = ZoneOf(merchant);
        if (subject.Kind == KpiSubjectKind.Order)
        {
            var events = await orders.EventsAsync(subject.MerchantId, subject.Id, ct).ConfigureAwait(false);
            if (events.Count == 0 || OrderDecider.Fold(events.Select(e => e.Event)) is not PlacedOrder order)
            {
                return null;
            }

            var contribution = OrderContributions.For(order, events.Select(e => e.Event).ToArray(), zone);
            return new KpiUpdate(subject, order.Draft.Currency, KpiCalendar.Month(OrderContributions.CohortDay(order, zone)), order.Version, contribution);
        }

        if (merchant is null)
        {
            return null;
        }

        var date = ParseDay(subject.Id);
        var value = await traffic.CurrentAsync(subject.MerchantId, date, ct).ConfigureAwait(false);
        return value is null
            ? null
            : new KpiUpdate(subject, merchant.Currency, KpiCalendar.Month(date), value.Revision, TrafficContributions.For(date, value.Visits));
    }

    private static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, KpiBucket.DayFormat, System.Globalization.CultureInfo.InvariantCulture);

    private Task<Merchant?> MerchantAsync(string merchantId, CancellationToken ct) =>
        _merchants.GetOrAdd(merchantId, id => merchants.FindAsync(id, ct));

    public TimeZoneInfo ZoneOf(Merchant? merchant)
    {
        if (merchant is not null && TimeZoneInfo.TryFindSystemTimeZoneById(merchant.TimeZone, out var zone))
        {
            return zone;
        }

        if (merchant is not null)
        {
            logger.LogWarning("Merchant {MerchantId} has an unknown time zone; KPI days fall back to UTC", merchant.MerchantId);
        }

        return TimeZoneInfo.Utc;
    }
}
