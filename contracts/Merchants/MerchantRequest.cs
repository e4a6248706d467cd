namespace Backoffice.Contracts.Merchants;

/// <summary>
/// The body of <c>PUT /api/merchants/{id}</c>: the shape <c>GET</c> answers (<see cref="MerchantView"/>), every field
/// optional on an update (what is left out stays). A new merchant names its currency and its whole tariff.
/// <see cref="MerchantId"/> may be echoed and must then match the path; <see cref="Region"/> "" clears it.
/// </summary>
public sealed record MerchantRequest(
    string? Name, string? Currency, string? TimeZone, DeadlinesRequest? Deadlines, TariffRequest? Tariff, string? StatusUrl, bool? Active, string? MerchantId = null,
    string? Region = null);

public sealed record DeadlinesRequest(double? ConfirmationHours, double? SupplierPickupHours, double? PackingHours, double? DeliveryHours, int? MaxDeliveryAttempts, int? MaxDeadlineMisses);

public sealed record TariffRequest(long? FixedPerDeliveredOrder, int? DeliveredValueBasisPoints, int? CashHandledBasisPoints, bool? NetFeesFromSettlement);
