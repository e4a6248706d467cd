namespace Backoffice.Contracts.Status;

/// <summary>
/// A status change the merchant's status URL never accepted, as a supervisor sees it: the order, the change
/// (<see cref="Stage"/> as the status message names it, e.g. "Delivered"; <see cref="Event"/>), how often it was tried,
/// why it failed and when it was given up.
/// </summary>
public sealed record DeadLetterView(
    string MerchantId,
    string MessageId,
    string OrderId,
    string ExternalOrderId,
    string Stage,
    string Event,
    int Version,
    DateTimeOffset At,
    int Attempts,
    string Reason,
    int? LastStatusCode,
    DateTimeOffset DeadLetteredAt);

/// <summary>202 from a re-send: the status change is queued for delivery again, from its first attempt.</summary>
public sealed record ResendAccepted(string MerchantId, string MessageId);
