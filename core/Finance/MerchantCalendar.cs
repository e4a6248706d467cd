namespace Backoffice.Core.Finance;

/// <summary>
/// Local calendar days of a merchant's time zone as UTC instants. A day starts at local midnight; where a DST change
/// skips midnight the day starts at the first local time that exists, and where midnight happens twice it starts at
/// the first of the two, so consecutive days always tile the time line without gaps or overlaps.
/// </summary>
public static class MerchantCalendar
{
    public static TimeZoneInfo Zone(string ianaId) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? zone : throw new ArgumentException($"Unknown time zone {ianaId}.", nameof(ianaId));

    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15); // every real-world gap is a multiple of 15 minutes
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    public static DateTimeOffset ToLocal(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone);
}
