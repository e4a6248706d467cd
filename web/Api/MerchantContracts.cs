namespace Backoffice.Web.Api;

/// <summary>Service levels as the API sends them: TimeSpans as "hh:mm:ss" (or "d.hh:mm:ss").</summary>
public sealed record DeadlinePolicy(TimeSpan Confirmation, TimeSpan SupplierPickup, TimeSpan Packing, TimeSpan Delivery, int MaxDeliveryAttempts, int MaxDeadlineMisses);

public sealed record Tariff(long FixedPerDeliveredOrder, int DeliveredValueBasisPoints, int CashHandledBasisPoints, bool NetFeesFromSettlement);

public sealed record Merchant(string MerchantId, string Name, string Currency, string TimeZone, DeadlinePolicy Deadlines, Tariff Tariff, string? StatusUrl, bool Active);

public sealed record DeadlinesRequest(double? ConfirmationHours, double? SupplierPickupHours, double? PackingHours, double? DeliveryHours, int? MaxDeliveryAttempts, int? MaxDeadlineMisses);

public sealed record TariffRequest(long? FixedPerDeliveredOrder, int? DeliveredValueBasisPoints, int? CashHandledBasisPoints, bool? NetFeesFromSettlement);

public sealed record MerchantRequest(string? Name, string? Currency, string? TimeZone, DeadlinesRequest? Deadlines, TariffRequest? Tariff, string? StatusUrl, bool? Active);

/// <summary>201 from creating a merchant: the first webhook secret comes back once.</summary>
public sealed record MerchantCreated(Merchant Merchant, string WebhookSecret);

public sealed record SecretIssued(string MerchantId, string Secret, int ValidSecrets);
