namespace Backoffice.Contracts.Kpi;

/// <summary>What a storefront sends to the traffic webhook: its visits on one of its days (the shop's local date, yyyy-MM-dd).</summary>
public sealed record TrafficPayload(string? Date, long? Visits);

/// <summary>The traffic webhook's answer: the day's value as it now stands, and what this delivery did (created, replaced, duplicate, superseded).</summary>
public sealed record TrafficAccepted(string MerchantId, string Date, long Visits, long Revision, string Outcome);
