namespace Backoffice.Web.Api;

/// <summary>A status change the merchant's status URL never accepted (api/Status/StatusDeliveryModule.cs).</summary>
public sealed record DeadLetter(
    string MerchantId, string MessageId, string OrderId, string ExternalOrderId, string Stage, string Event, int Version, DateTimeOffset At, int Attempts,
    string Reason, int? LastStatusCode, DateTimeOffset DeadLetteredAt);
