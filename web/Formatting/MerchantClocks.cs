using Backoffice.Web.Api;

namespace Backoffice.Web.Formatting;

/// <summary>
/// Each merchant's time zone, in which the console shows that merchant's times. Zones the API sends with a view (work
/// queue rows, order detail) are remembered; others are read once from <c>GET /api/merchants/{id}</c>. A role that may
/// not read merchants and has no zone from a view sees UTC, and the caption says so.
/// </summary>
internal sealed class MerchantClocks(BackofficeClient api)
{
    private readonly Dictionary<string, TimeZoneInfo> _zones = new(StringComparer.Ordinal);

    public TimeZoneInfo Remember(string merchantId, string? ianaId)
    {
        var zone = TimeText.Zone(ianaId);
        if (ianaId is not null)
        {
            _zones[merchantId] = zone;
        }

        return zone;
    }

    public async Task<TimeZoneInfo> ZoneOfAsync(string merchantId, CancellationToken ct = default)
    {
        if (_zones.TryGetValue(merchantId, out var known))
        {
            return known;
        }

        var merchant = await api.MerchantAsync(merchantId, ct);
        return merchant.Value is { } m ? Remember(merchantId, m.TimeZone) : TimeZoneInfo.Utc;
    }
}
