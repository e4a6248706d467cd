namespace Backoffice.Contracts.Merchants;

/// <summary>
/// A merchant as the API shows it, and the shape <c>PUT</c> takes back (<see cref="MerchantRequest"/>): a client can
/// read, change a field and write. <see cref="StatusUrl"/> never shows credentials; <see cref="Region"/> is the ISO
/// 3166-1 alpha-2 country whose national phone numbers the shop's customers dial.
/// </summary>
public sealed record MerchantView(
    string MerchantId, string Name, string Currency, string TimeZone, DeadlinesView Deadlines, TariffView Tariff, string? StatusUrl, bool Active,
    string? Region = null);

/// <summary>Service levels, in and out: hours per stage (fractions allowed) and counts.</summary>
public sealed record DeadlinesView(double ConfirmationHours, double SupplierPickupHours, double PackingHours, double DeliveryHours, int MaxDeliveryAttempts, int MaxDeadlineMisses);

/// <summary>
/// What the merchant pays: a fixed fee per delivered order (minor units), a share of the delivered value and of the
/// cash handled (basis points), and whether fees are netted from the weekly settlement.
/// </summary>
public sealed record TariffView(long FixedPerDeliveredOrder, int DeliveredValueBasisPoints, int CashHandledBasisPoints, bool NetFeesFromSettlement);

/// <summary>
/// 201 from creating a merchant: the first inbound webhook secret (the merchant signs its webhooks with it) and the first
/// status secret (it verifies our status webhooks with it), each shown this once.
/// </summary>
public sealed record MerchantCreated(MerchantView Merchant, string WebhookSecret, string StatusSecret);

/// <summary>A new secret, shown once when it is made, and how many secrets are valid now (two while rotating).</summary>
public sealed record SecretIssued(string MerchantId, string Secret, int ValidSecrets);
