using System.Globalization;
using Backoffice.Web.Api;
using Backoffice.Web.Formatting;

namespace Backoffice.Web.Merchants;

/// <summary>
/// The merchant form as people type it (hours, percentages and major units as text) and its conversion to the API's
/// request (hours as numbers, basis points, minor units). Field errors use the API's paths so both kinds read alike.
/// </summary>
internal sealed class MerchantForm
{
    public string MerchantId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Currency { get; set; } = "EUR";

    public string TimeZone { get; set; } = "Europe/Berlin";

    public string ConfirmationHours { get; set; } = "2";

    public string SupplierPickupHours { get; set; } = "48";

    public string PackingHours { get; set; } = "24";

    public string DeliveryHours { get; set; } = "72";

    public string MaxDeliveryAttempts { get; set; } = "3";

    public string MaxDeadlineMisses { get; set; } = "3";

    public string FixedPerDeliveredOrder { get; set; } = "1.50";

    public string DeliveredValuePercent { get; set; } = "0";

    public string CashHandledPercent { get; set; } = "1";

    public bool NetFeesFromSettlement { get; set; }

    public string? StatusUrl { get; set; }

    public bool Active { get; set; } = true;

    public static MerchantForm Blank() => new();

    public static MerchantForm From(MerchantView m) => new()
    {
        MerchantId = m.MerchantId,
        Name = m.Name,
        Currency = m.Currency,
        TimeZone = m.TimeZone,
        ConfirmationHours = Hours(m.Deadlines.ConfirmationHours),
        SupplierPickupHours = Hours(m.Deadlines.SupplierPickupHours),
        PackingHours = Hours(m.Deadlines.PackingHours),
        DeliveryHours = Hours(m.Deadlines.DeliveryHours),
        MaxDeliveryAttempts = m.Deadlines.MaxDeliveryAttempts.ToString(CultureInfo.InvariantCulture),
        MaxDeadlineMisses = m.Deadlines.MaxDeadlineMisses.ToString(CultureInfo.InvariantCulture),
        FixedPerDeliveredOrder = MoneyText.Editable(m.Tariff.FixedPerDeliveredOrder, m.Currency),
        DeliveredValuePercent = Percent(m.Tariff.DeliveredValueBasisPoints),
        CashHandledPercent = Percent(m.Tariff.CashHandledBasisPoints),
        NetFeesFromSettlement = m.Tariff.NetFeesFromSettlement,
        StatusUrl = m.StatusUrl,
        Active = m.Active,
    };

    public (MerchantRequest? Request, Dictionary<string, string[]> Errors) ToRequest()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var currency = Currency.Trim().ToUpperInvariant();
        var deadlines = new DeadlinesRequest(
            Number("deadlines.confirmationHours", ConfirmationHours, errors),
            Number("deadlines.supplierPickupHours", SupplierPickupHours, errors),
            Number("deadlines.packingHours", PackingHours, errors),
            Number("deadlines.deliveryHours", DeliveryHours, errors),
            Whole("deadlines.maxDeliveryAttempts", MaxDeliveryAttempts, errors),
            Whole("deadlines.maxDeadlineMisses", MaxDeadlineMisses, errors));
        var fixedFee = MoneyText.Parse(FixedPerDeliveredOrder, currency.Length == 3 ? currency : "EUR");
        if (fixedFee is null)
        {
            errors["tariff.fixedPerDeliveredOrder"] = [Localization.ConsoleText.Format("Merchants.AmountExample", MoneyText.Editable(150, currency.Length == 3 ? currency : "EUR"))];
        }

        var tariff = new TariffRequest(fixedFee, BasisPoints("tariff.deliveredValueBasisPoints", DeliveredValuePercent, errors),
            BasisPoints("tariff.cashHandledBasisPoints", CashHandledPercent, errors), NetFeesFromSettlement);
        var request = new MerchantRequest(Name.Trim(), currency, TimeZone.Trim(), deadlines, tariff, string.IsNullOrWhiteSpace(StatusUrl) ? string.Empty : StatusUrl.Trim(), Active);
        return (errors.Count == 0 ? request : null, errors);
    }

    private static string Hours(double hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Percent(int basisPoints) => (basisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture);

    private static double? Number(string path, string text, Dictionary<string, string[]> errors)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[path] = ["A number of hours, e.g. 2 or 0.5."];
        return null;
    }

    private static int? Whole(string path, string text, Dictionary<string, string[]> errors)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[path] = ["A whole number."];
        return null;
    }

    /// <summary>"2.5" % → 250 basis points; more than two decimals cannot be expressed and is refused.</summary>
    private static int? BasisPoints(string path, string text, Dictionary<string, string[]> errors)
    {
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) && percent * 100 == decimal.Truncate(percent * 100) && percent <= 100)
        {
            return (int)(percent * 100);
        }

        errors[path] = ["A percentage from 0 to 100 with at most two decimals."];
        return null;
    }
}
