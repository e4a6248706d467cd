namespace Backoffice.Web.Api;

/// <summary>Service levels as the API sends and takes them: hours per stage (the same shape as <see cref="DeadlinesRequest"/>).</summary>
public sealed record Deadlines(double ConfirmationHours, double SupplierPickupHours, double PackingHours, double DeliveryHours, int MaxDeliveryAttempts, int MaxDeadlineMisses);

public sealed record Tariff(long FixedPerDeliveredOrder, int DeliveredValueBasisPoints, int CashHandledBasisPoints, bool NetFeesFromSettlement);

public sealed record Merchant(string MerchantId, string Name, string Currency, string TimeZone, Deadlines Deadlines, Tariff Tariff, string? StatusUrl, bool Active);

public sealed record DeadlinesRequest(double? ConfirmationHours, double? SupplierPickupHours, double? PackingHours, double? DeliveryHours, int? MaxDeliveryAttempts, int? MaxDeadlineMisses);

public sealed record TariffRequest(long? FixedPerDeliveredOrder, int? DeliveredValueBasisPoints, int? CashHandledBasisPoints, bool? NetFeesFromSettlement);

public sealed record MerchantRequest(string? Name, string? Currency, string? TimeZone, DeadlinesRequest? Deadlines, TariffRequest? Tariff, string? StatusUrl, bool? Active);

/// <summary>201 from creating a merchant: the first webhook secret comes back once.</summary>
public sealed record MerchantCreated(Merchant Merchant, string WebhookSecret, string? StatusSecret = null);

public sealed record SecretIssued(string MerchantId, string Secret, int ValidSecrets);
